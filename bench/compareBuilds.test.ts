import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the built script (npm test builds first), as a user would.
const script = fileURLToPath(new URL('../dist/bench/compareBuilds.js', import.meta.url));
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('compareBuilds', () => {
  it('races two builds on a model and reports each round and the geometric mean', () => {
    const r = run(dist, dist, '--set', 'P=1', '--set', 'G=1', '--set', 'R=1', '--set', 'C=1', '--set', 'MAXP=1', '--slice', '7', '--rounds', '2');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^round 1 \(old created first\): old \d+ ms, new \d+ ms, new\/old \d+\.\d{3}$/);
    expect(lines[1]).toMatch(/^round 2 \(new created first\): /);
    expect(lines[2]).toMatch(/: new\/old time \d+\.\d{3} \(geometric mean of 2 rounds\)$/);
  });

  it('refuses bad usage and names an unknown model', () => {
    const usage = run(dist);
    expect(usage.status).toBe(3);
    expect(usage.stderr).toMatch(/^usage: compareBuilds OLD_DIST NEW_DIST/);
    const unknown = run(dist, dist, '--model', 'nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^compareBuilds: unknown model "nope"/);
  });
});
