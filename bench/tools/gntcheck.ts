import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../cases.js';
import { runMeasured, type Outcome } from './measure.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** The gntcheck modes the benchmark runs, each a set of extra `check` flags. */
export const GNTCHECK_MODES: readonly { readonly mode: string; readonly flags: readonly string[] }[] = [
  { mode: '1 core, full store', flags: [] },
  { mode: '1 core, fingerprints', flags: ['--store', 'fingerprint'] },
  { mode: '2 workers, full store', flags: ['--workers', '2'] },
];

/** Runs `gntcheck check --json` in a fresh Node process (start-up included in the wall time). */
export function runGntcheck(c: BenchCase, mode: string, flags: readonly string[], cwd: string): Outcome {
  const r = runMeasured(process.execPath, [CLI, 'check', ...c.gntcheck, ...flags, '--json'], cwd);
  if (r.status === 3) return { kind: 'skipped', s: { tool: 'gntcheck', mode, reason: r.stderr.trim().split('\n')[0] ?? 'bad input' } };
  if (r.status !== 0) throw new Error(`gntcheck ${c.id} (${mode}) exited ${r.status}: ${r.stderr.slice(-1000)}`);
  const json = JSON.parse(r.stdout) as { states: number; bytesPerState: number };
  return {
    kind: 'measured',
    m: {
      tool: 'gntcheck',
      mode,
      states: json.states,
      wallSeconds: r.wallSeconds,
      peakRssBytes: r.peakRssBytes,
      storeBytesPerState: json.bytesPerState,
    },
  };
}
