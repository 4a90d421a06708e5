import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** One finished run of one tool in one mode. */
export interface Measurement {
  readonly tool: string;
  readonly mode: string;
  readonly states: number;
  /** Wall-clock seconds of the whole process (start-up included, the same for every tool). */
  readonly wallSeconds: number;
  /** Peak resident set size of the process, bytes. */
  readonly peakRssBytes: number;
  /** The tool's own figure for the memory its state store uses per state, when it reports one. */
  readonly storeBytesPerState: number | null;
  /**
   * Peak RSS above the same tool and mode's peak RSS on the case's tiny instance, per
   * state: what a state costs the process, start-up footprint (Node's, pan's) taken out.
   */
  readonly growthBytesPerState?: number | null;
}

/** A tool that could not be run in a mode (not installed, refused the model), with why. */
export interface Skipped {
  readonly tool: string;
  readonly mode: string;
  readonly reason: string;
}

export type Outcome = { readonly kind: 'measured'; readonly m: Measurement } | { readonly kind: 'skipped'; readonly s: Skipped };

export interface ProcessRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  readonly wallSeconds: number;
  readonly peakRssBytes: number;
}

const TIME = '/usr/bin/time';

/**
 * Runs a command to completion under GNU time (`%e %M`) so every tool's wall time and
 * peak RSS are measured the same way, from outside the process.
 */
export function runMeasured(cmd: string, args: readonly string[], cwd: string): ProcessRun {
  if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed to measure peak memory: apt-get install time`);
  const r = spawnSync(TIME, ['-f', '@@time %e %M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  const line = /@@time ([\d.]+) (\d+)/.exec(r.stderr);
  if (!line) throw new Error(`${cmd}: no timing line from ${TIME}: ${r.stderr.slice(-500)}`);
  return {
    stdout: r.stdout,
    stderr: r.stderr.replace(/@@time .*\n?/, ''),
    status: r.status,
    wallSeconds: Number(line[1]),
    peakRssBytes: Number(line[2]) * 1024,
  };
}

/** Runs a build step; throws with its output when it fails. */
export function runStep(cmd: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(cmd, [...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`.slice(0, 4000));
  return r.stdout + r.stderr;
}

export function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}
