import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

/**
 * examples/github-actions.yml as GitHub Actions would take it: valid YAML, Node set up
 * at the version package.json needs, `npm ci`, the main job (`npm run verify`, which
 * writes reports/), and reports/ uploaded even when a spec fails.
 */
const root = new URL('../../', import.meta.url).pathname;
const FILE = 'examples/github-actions.yml';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}

function load(): { doc: Record<string, unknown>; steps: Step[] } {
  const parsed = parseDocument(readFileSync(join(root, FILE), 'utf8'), { prettyErrors: true });
  expect(parsed.errors.map((e) => e.message)).toEqual([]);
  const doc = parsed.toJS() as Record<string, unknown>;
  const jobs = Object.values(doc['jobs'] as Record<string, { steps: Step[] }>);
  expect(jobs).toHaveLength(1);
  return { doc, steps: jobs[0]!.steps };
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
const indexOf = (steps: Step[], p: (s: Step) => boolean): number => {
  const i = steps.findIndex(p);
  expect(i).toBeGreaterThanOrEqual(0);
  return i;
};

describe(FILE, () => {
  it('is a workflow triggered on push and pull requests', () => {
    const { doc } = load();
    expect(Object.keys(doc['on'] as object)).toEqual(['push', 'pull_request']);
  });

  it('checks out, sets up the Node that package.json needs, installs with npm ci, then runs the main job', () => {
    const { steps } = load();
    const checkout = indexOf(steps, (s) => /^actions\/checkout@v\d+$/.test(s.uses ?? ''));
    const node = indexOf(steps, (s) => /^actions\/setup-node@v\d+$/.test(s.uses ?? ''));
    const minNode = Number(/>=\s*(\d+)/.exec(pkg.engines.node)![1]);
    expect(Number(steps[node]!.with!['node-version'])).toBeGreaterThanOrEqual(minNode);
    const ci = indexOf(steps, (s) => s.run === 'npm ci');
    const verify = indexOf(steps, (s) => /^npm run verify\b/.test(s.run ?? ''));
    expect(checkout < node && node < ci && ci < verify).toBe(true);
    // npm appends the arguments after `--` to the script's last command: check ... --out reports --junit reports/junit.xml.
    expect(pkg.scripts['verify']).toMatch(/ check specs --out reports$/);
    expect(steps[verify]!.run).toBe('npm run verify -- --junit reports/junit.xml');
  });

  it('uploads reports/, with the JUnit file in it, even when the job failed', () => {
    const { steps } = load();
    const verify = indexOf(steps, (s) => /^npm run verify\b/.test(s.run ?? ''));
    const upload = indexOf(steps, (s) => /^actions\/upload-artifact@v\d+$/.test(s.uses ?? ''));
    expect(upload).toBeGreaterThan(verify);
    expect(steps[upload]!.if).toBe('always()');
    expect(steps[upload]!.with!['path']).toBe('reports/');
  });
});
