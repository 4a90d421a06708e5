import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../cases.js';
import { onPath, runMeasured, runStep, type Outcome } from './measure.js';
import { peerSource } from './peerSource.js';

/**
 * Rumur with `threads` worker threads (1 for the single-core comparison). Rumur
 * generates C; the checker is that C compiled with `-O3` (and `-mcx16` for its 128-bit
 * compare-and-swap). No symmetry applies: the Murphi files use subranges, not scalarsets.
 */
export function runRumur(c: BenchCase, dir: string, threads: number): Outcome {
  const mode = threads === 1 ? '1 thread' : `${threads} threads`;
  if (!onPath('rumur') || !onPath('gcc')) return { kind: 'skipped', s: { tool: 'rumur', mode, reason: 'rumur or gcc not installed (apt-get install rumur gcc)' } };
  const src = peerSource(
    c.murphi.file,
    c.murphi.consts,
    (name) => new RegExp(`^\\s*${name}\\s*:\\s*[^;]+;`),
    (name, value, old) => old.replace(new RegExp(`(${name}\\s*:\\s*)[^;]+;`), `$1${value};`),
  );
  writeFileSync(join(dir, 'model.m'), src);
  const exe = `rumur-${threads}`;
  runStep('rumur', ['--threads', String(threads), '--deadlock-detection', c.rumurDeadlock, '--output', `${exe}.c`, 'model.m'], dir);
  runStep('gcc', ['-O3', '-mcx16', '-o', exe, `${exe}.c`, '-lpthread'], dir);
  const r = runMeasured(join(dir, exe), [], dir);
  const out = r.stdout + r.stderr;
  const done = /(\d+) states, (\d+) rules fired/.exec(out);
  if (!done || !/No error found/.test(out)) throw new Error(`rumur ${c.id}: unexpected output:\n${out.slice(-2000)}`);
  return {
    kind: 'measured',
    m: { tool: 'rumur', mode, states: Number(done[1]), wallSeconds: r.wallSeconds, peakRssBytes: r.peakRssBytes, storeBytesPerState: null },
  };
}
