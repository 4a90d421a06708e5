import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../cases.js';
import { onPath, runMeasured, runStep, type Outcome } from './measure.js';
import { peerSource } from './peerSource.js';

/**
 * SPIN, exhaustive safety run without partial-order reduction (`-DNOREDUCE -DSAFETY`),
 * full state storage (SPIN's default, no compression), a hash table with at least two
 * slots per expected state, and a search depth limit raised until it is not hit.
 */
export function runSpin(c: BenchCase, dir: string): Outcome {
  const mode = '1 core, -DNOREDUCE -DSAFETY';
  if (!onPath('spin') || !onPath('gcc')) return { kind: 'skipped', s: { tool: 'spin', mode, reason: 'spin or gcc not installed (apt-get install spin gcc)' } };
  const src = peerSource(
    c.promela.file,
    c.promela.defines,
    (name) => new RegExp(`^#define ${name} .*$`),
    (name, value) => `#define ${name} ${value}`,
  );
  writeFileSync(join(dir, 'model.pml'), src);
  runStep('spin', ['-a', 'model.pml'], dir);
  runStep('gcc', ['-O3', '-DNOREDUCE', '-DSAFETY', '-DMEMLIM=16384', '-w', '-o', 'pan', 'pan.c'], dir);
  const hashBits = Math.ceil(Math.log2(c.expectedStates)) + 1;
  for (let depth = 100_000; depth <= 100_000_000; depth *= 10) {
    const r = runMeasured(join(dir, 'pan'), [`-m${depth}`, `-w${hashBits}`], dir);
    const out = r.stdout;
    if (/max search depth too small/.test(out)) continue;
    const stored = /(\d+) states, stored/.exec(out);
    const errors = /errors: (\d+)/.exec(out);
    if (!stored || !errors) throw new Error(`spin ${c.id}: unexpected output:\n${out.slice(-2000)}`);
    if (errors[1] !== '0') throw new Error(`spin ${c.id}: pan reported ${errors[1]} errors:\n${out.slice(-2000)}`);
    const states = Number(stored[1]);
    const stateMb = /([\d.]+)\s+actual memory usage for states/.exec(out);
    return {
      kind: 'measured',
      m: {
        tool: 'spin',
        mode,
        states,
        wallSeconds: r.wallSeconds,
        peakRssBytes: r.peakRssBytes,
        storeBytesPerState: stateMb ? (Number(stateMb[1]) * 1024 * 1024) / states : null,
      },
    };
  }
  throw new Error(`spin ${c.id}: search depth still too small at -m100000000`);
}

/**
 * SPIN's multi-core mode (`-DNCORE`) refuses models with `hidden` variables, which the
 * Promela versions use for loop scratch (keeping them out of the state vector is what
 * makes the state counts agree). Reported as skipped with SPIN's own reason.
 */
export function runSpinMulticore(c: BenchCase, dir: string, cores: number): Outcome {
  const mode = `${cores} cores, -DNCORE=${cores}`;
  if (!onPath('spin') || !onPath('gcc')) return { kind: 'skipped', s: { tool: 'spin', mode, reason: 'spin or gcc not installed' } };
  try {
    runStep('gcc', ['-O3', '-DNOREDUCE', '-DSAFETY', `-DNCORE=${cores}`, '-DMEMLIM=16384', '-w', '-o', 'pan-mc', 'pan.c'], dir);
  } catch (err) {
    const why = /#error (.*)/.exec(String(err));
    return { kind: 'skipped', s: { tool: 'spin', mode, reason: why ? `pan.c: ${why[1]}` : 'multi-core build failed' } };
  }
  const hashBits = Math.ceil(Math.log2(c.expectedStates)) + 1;
  const r = runMeasured(join(dir, 'pan-mc'), ['-m1000000', `-w${hashBits}`], dir);
  const stored = /(\d+) states, stored/.exec(r.stdout);
  if (!stored) throw new Error(`spin NCORE ${c.id}: unexpected output:\n${r.stdout.slice(-2000)}`);
  return {
    kind: 'measured',
    m: { tool: 'spin', mode, states: Number(stored[1]), wallSeconds: r.wallSeconds, peakRssBytes: r.peakRssBytes, storeBytesPerState: null },
  };
}
