import { describe, expect, it } from 'vitest';
import { xmlProblem } from './wellFormedXml.js';

describe('the test-only XML checker', () => {
  it('accepts well-formed XML and names the first problem of malformed XML', () => {
    expect(xmlProblem('<?xml version="1.0"?>\n<a x="1 &amp; 2"><b/>t &lt; u<c></c></a>\n')).toBeNull();
    expect(xmlProblem('<a><b></a></b>')).toBe('</a> closes the wrong element');
    expect(xmlProblem('<a>x & y</a>')).toMatch(/stray &/);
    expect(xmlProblem('<a x="<"/>')).toMatch(/malformed tag|raw </);
    expect(xmlProblem('<a><b></b>')).toBe('unclosed <a>');
    expect(xmlProblem('<a/><b/>')).toBe('more than one root element');
    expect(xmlProblem('<a x="1" x="2"/>')).toBe('duplicate attribute x on <a>');
  });
});
