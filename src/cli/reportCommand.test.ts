import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MODELS } from '../../models/index.js';
import { runCheck } from './checkCommand.js';
import { runReport } from './reportCommand.js';

const root = new URL('../../', import.meta.url).pathname;
const LRU = join(root, 'specs/blkif/variant-lru.json');
const RM3 = join(root, 'specs/two-phase/rm3.json');

function quietly(f: () => number): { code: number; stdout: string } {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  try {
    return { code: f(), stdout };
  } finally {
    spy.mockRestore();
  }
}

describe('gntcheck report and check --junit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gntcheck-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('report writes the report files and JUnit XML, and names the page', () => {
    const { code, stdout } = quietly(() => runReport(MODELS, [LRU, RM3, '--out', join(dir, 'r'), '--junit', join(dir, 'ci/junit.xml')]));
    expect(code).toBe(0);
    for (const f of ['summary.md', 'summary.json', 'report.html', 'cost-throughput.svg']) expect(existsSync(join(dir, 'r', f))).toBe(true);
    expect(readFileSync(join(dir, 'ci/junit.xml'), 'utf8')).toContain('<testsuite name="two-phase-rm3" tests="5" failures="0"');
    expect(stdout).toContain('2 passed, 0 failed\n');
    expect(stdout).toContain(`report: ${join(dir, 'r', 'report.html')}`);
  });

  it('check takes several spec paths and --junit, and prints the same JSON as summary.json', () => {
    const { code, stdout } = quietly(() => runCheck(MODELS, [LRU, RM3, '--json', '--junit', join(dir, 'j.xml')]));
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    const summary = JSON.parse(readFileSync(join(dir, 'r', 'summary.json'), 'utf8'));
    expect(printed.specs.map((s: { spec: string }) => s.spec)).toEqual(['blkif-lru', 'two-phase-rm3']);
    const strip = (s: Record<string, unknown>) => ({ ...s, durationMs: 0, statesPerSecond: 0 });
    expect(printed.specs.map(strip)).toEqual(summary.specs.map(strip));
    expect(existsSync(join(dir, 'j.xml'))).toBe(true);
  });

  it('refuses --junit without specs', () => {
    expect(() => runCheck(MODELS, ['--model', 'two-phase', '--junit', join(dir, 'x.xml')])).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' }),
    );
  });
});
