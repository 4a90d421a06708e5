import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.js';
import { REPORT_FILES, writeRunReports } from './runReports.js';
import { specOutcomeToJson } from './specJson.js';
import { runBundledSpecs, runInlineSpec } from './testing/outcomes.js';
import { xmlProblem } from './testing/wellFormedXml.js';

describe('the run reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gntcheck-report-'));
  const outcomes = runBundledSpecs('specs/blkif/pre-2012.json', 'specs/blkif/variant-lru.json', 'specs/blkif-segments/reference-pre-2012.json', 'specs/two-phase/rm3.json');
  let written: string[] = [];
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  beforeAll(() => {
    written = writeRunReports(dir, outcomes, MODELS);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the Markdown summary, the HTML page, the JSON summary, the plot and the traces', () => {
    for (const f of Object.values(REPORT_FILES)) expect(written).toContain(join(dir, f));
    expect(written).toContain(join(dir, 'traces/blkif-lru/unmapOnlyOnDisconnect.itf.json'));
    expect(written.every((f) => existsSync(f))).toBe(true);
  });

  it('puts each spec, the side-by-side table with measured costs, and the counterexample in the Markdown', () => {
    const md = read(REPORT_FILES.markdown);
    expect(md).toContain('**4 of 4 specs pass.**');
    expect(md).toContain('| blkif-pre-2012 | none | FP=false BP=false | pass | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ◎ | ◎ | ◎ | ✓ | – | 1 | 1 | 1 | 2 |');
    expect(md).toContain('| blkif-lru | lru | defaults | pass | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✗ 9 | ◎ | ◎ | ◎ | ✓ | ◎ | 0.867 | 0.867 | 0.867 | 1.734 |');
    // blkif-segments, pre-2012, 400 requests of 1 or 2 segments: every segment mapped and unmapped, one flush of C = 1 IPI per request.
    expect(md).toContain('| blkif-segments-reference-pre-2012 | none | FP=false BP=false | pass |');
    expect(md).toMatch(/\| blkif-segments-reference-pre-2012 \|[^\n]* \| 1\.492 \| 1\.492 \| 1 \| 1 \|\n/);
    expect(md).toContain('- A request has 1 to S segments');
    expect(md).toContain('> ⚠ vacuity warning: these actions never fired, so no property was tested against them: FrontSubmitReuse');
    expect(md).toContain('### blkif-lru: unmapOnlyOnDisconnect');
    expect(md).toContain('```mermaid\nsequenceDiagram\n  participant L_frontend as Frontend');
    expect(md).toContain('| 9 | backend | **LruPurge(g=0)** ✗ action property unmapOnlyOnDisconnect fails at this step |');
    expect(md).toContain('[text](traces/blkif-lru/unmapOnlyOnDisconnect.txt)');
    expect(md).toContain('![Modelled I/O throughput');
    expect(md).toContain('(cost-throughput.svg)');
    expect(md).toContain('| 10 | 400,000 | 510,638 | 1,000,000 |');
    expect(md).toContain('- Each map or unmap hypercall op costs 1 µs (assumed).');
  });

  it('writes a self-contained HTML page with the diagrams to render and the plot inline', () => {
    const html = read(REPORT_FILES.html);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // Outside the inlined scripts nothing refers to another file or the network (links within the report aside).
    const page = html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');
    expect(page.match(/<(script|link|img|iframe)[^>]+(src|href)=/gi)).toBeNull();
    expect(page.match(/(src|href)="(?!#|traces\/)[^"]*"/g)).toBeNull();
    expect(html).toContain('<article class="counterexample" id="cx-blkif-lru-unmaponlyondisconnect"');
    expect(html).toContain('<pre class="mermaid">sequenceDiagram\n  participant L_frontend as Frontend');
    expect(html).toContain('L_backend-&gt;&gt;L_hypervisor: 9. LruPurge(g=0) (1 unmap hypercall op)');
    expect(html).toContain('<figure id="throughput-plot"><svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('mermaid.run({ querySelector: \'pre.mermaid\' })');
    expect(html.length > 1_000_000).toBe(true);
  });

  it("repeats check --json's fields per spec in summary.json, with the costs", () => {
    const json = JSON.parse(read(REPORT_FILES.json));
    expect(json.status).toBe('ok');
    expect(json.specs).toEqual(outcomes.map((o) => JSON.parse(JSON.stringify(specOutcomeToJson(o)))));
    const lru = json.costs.find((c: { spec: string }) => c.spec === 'blkif-lru');
    expect(lru.perRequest.unmapHypercallOps).toBe(0.867);
    expect(json.costs.map((c: { spec: string }) => c.spec)).toEqual(['blkif-pre-2012', 'blkif-lru', 'blkif-segments-reference-pre-2012']);
    expect(json.costModel.curves.map((c: { protocol: string }) => c.protocol)).toEqual(['persistent', 'pre-2012']);
  });

  it('writes a well-formed SVG plot', () => {
    const svg = read(REPORT_FILES.plot);
    expect(xmlProblem(svg)).toBeNull();
    expect(svg.match(/<polyline class="curve"/g)).toHaveLength(2);
    expect(svg.match(/<path class="measurement"/g)).toHaveLength(2);
  });
});

describe('the run reports of a failing run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gntcheck-report-fail-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('marks the spec, the unexpected counterexample and the property that broke the expectation', () => {
    const o = runInlineSpec('inline/lru.json', { name: 'lru-regression', model: 'blkif', variant: 'lru', expect: { violations: {} } });
    writeRunReports(dir, [o], MODELS);
    const md = readFileSync(join(dir, REPORT_FILES.markdown), 'utf8');
    expect(md).toContain('**0 of 1 specs pass.**');
    expect(md).toContain('- **problem:** unexpected counterexample to unmapOnlyOnDisconnect (9 steps)');
    expect(md).toContain('**not expected by the spec**');
    expect(md).toContain('| [unmapOnlyOnDisconnect](#lru-regression-unmaponlyondisconnect) | action | **violated** | 9 | to hold ✗ |');
    const html = readFileSync(join(dir, REPORT_FILES.html), 'utf8');
    expect(html).toContain('<div class="verdict fail">0 of 1 specs pass</div>');
    expect(html).toContain('<span class="badge regression">not expected by the spec</span>');
    expect(JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8')).status).toBe('violation');
  });
});

describe('the run reports where they cannot be written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gntcheck-report-io-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is an IO error naming the file, not a crash', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const outcomes = runBundledSpecs('specs/blkif/variant-lru.json');
    expect(() => writeRunReports(join(blocker, 'reports'), outcomes, MODELS)).toThrow(
      expect.objectContaining({ code: 'IO', message: expect.stringMatching(/^cannot write .*a-file\/reports\/traces\/blkif-lru\/unmapOnlyOnDisconnect\.itf\.json: ENOTDIR/) }),
    );
  });
});
