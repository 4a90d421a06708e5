import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { blkif } from '../../models/blkif/model.js';
import { GntcheckError } from '../util/errors.js';
import { runConform } from './conformCommand.js';
import { runReplay } from './replayCommand.js';
import { runSimulate } from './simulateCommand.js';

const REGISTRY = [blkif];

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

function codeOf(f: () => unknown): string {
  return errorOf(f).split(':')[0]!;
}

/** `CODE: message` of the GntcheckError `f` throws (what main prints after "gntcheck: error: "). */
function errorOf(f: () => unknown): string {
  try {
    quietly(() => {
      f();
      return 0;
    });
  } catch (err) {
    return err instanceof GntcheckError ? `${err.code}: ${err.message}` : String(err);
  }
  return 'no error';
}

describe('gntcheck simulate and conform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gntcheck-sim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lruFile = join(dir, 'blkif-lru', 'unmapOnlyOnDisconnect.itf.json');

  it('writes the shrunk counterexample like check, which replay reproduces; --path reproduces it too', () => {
    const args = ['--model', 'blkif', '--variant', 'lru', '--runs', '200', '--depth', '100', '--seed', '1'];
    const found = quietly(() => runSimulate(REGISTRY, [...args, '--out', dir]));
    expect(found.code).toBe(1);
    expect(found.stdout).toContain(`replay: gntcheck replay ${lruFile}`);
    expect(found.stdout).toContain('reproduce: gntcheck simulate --model blkif --variant lru --depth 100 --seed 1 --path 10:0:5:44:44:24');
    expect(quietly(() => runReplay(REGISTRY, [lruFile]))).toEqual({
      code: 0,
      stdout: `${lruFile}: trace replays: 9 steps; unmapOnlyOnDisconnect is violated at the end\n`,
    });
    const again = quietly(() => runSimulate(REGISTRY, [...args, '--path', '10:0:5:44:44:24', '--json']));
    const json = JSON.parse(again.stdout);
    expect([again.code, json.violations[0].length, json.violations[0].path]).toEqual([1, 9, '10:0:5:44:44:24']);
  });

  it('conform replays the counterexample on the implementations, up to the step they cannot do', () => {
    const out = quietly(() => runConform(REGISTRY, [lruFile, '--impl', 'blkback-store']));
    expect(out.code).toBe(1);
    expect(out.stdout.split('\n')[0]).toBe(`${lruFile}: blkback-store diverges at step 9 (unsupported)`);
    // The frontend's part of the same trace is all the pool's own behaviour.
    expect(quietly(() => runConform(REGISTRY, [lruFile, '--impl', 'blkfront-pool']))).toEqual({
      code: 0,
      stdout: `${lruFile}: blkfront-pool conforms: 9 steps, 2 of them on the implementation\n`,
    });
  });

  it('exits 0 when no run violates anything', () => {
    const out = quietly(() => runSimulate(REGISTRY, ['--model', 'blkif', '--runs', '20', '--depth', '50', '--seed', '4']));
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')[0]).toBe('blkif P=2 G=3 R=2 C=2 MAXP=2 FP=true BP=true: no violation found (simulation)');
  });

  it('rejects bad input with a code', () => {
    const sim = (...a: string[]) => () => runSimulate(REGISTRY, ['--model', 'blkif', ...a]);
    expect(codeOf(sim('--runs', '0'))).toBe('BAD_OPTION');
    expect(codeOf(sim('--runs', 'many'))).toBe('BAD_OPTION');
    expect(codeOf(sim('--depth', '0'))).toBe('BAD_OPTION');
    expect(codeOf(sim('--seed', '1e3'))).toBe('BAD_OPTION');
    expect(codeOf(sim('--weight', 'BackMap'))).toBe('BAD_OPTION');
    expect(codeOf(sim('--weight', 'Nope=2'))).toBe('BAD_OPTION');
    expect(codeOf(sim('--path', 'x'))).toBe('BAD_OPTION');
    expect(codeOf(sim('--set', 'P=33'))).toBe('BAD_PARAMETER');
    expect(codeOf(sim('--variant', 'nope'))).toBe('UNKNOWN_VARIANT');
    expect(codeOf(() => runSimulate(REGISTRY, ['--runs', '3']))).toBe('BAD_OPTION');
    expect(codeOf(() => runConform(REGISTRY, [lruFile, '--impl', 'nope']))).toBe('BAD_OPTION');
    expect(codeOf(() => runConform(REGISTRY, [join(dir, 'missing.json')]))).toBe('IO');
    expect(codeOf(() => runSimulate(REGISTRY, ['--model', 'nope']))).toBe('UNKNOWN_MODEL');
  });

  it('names the problem in one line: a negative number is a value, and the depth is bounded', () => {
    const sim = (...a: string[]) => () => runSimulate(REGISTRY, ['--model', 'blkif', ...a]);
    expect(errorOf(sim('--depth', '-1'))).toBe('BAD_OPTION: depth must be a positive integer, got -1');
    expect(errorOf(sim('--runs', '-3'))).toBe('BAD_OPTION: runs must be a positive integer, got -3');
    expect(errorOf(sim('--depth', '100000000'))).toBe(
      "BAD_OPTION: depth must be at most 1000000 (a run's choices are drawn before it starts), got 100000000",
    );
    expect(errorOf(sim('--weight', 'BackMap=0'))).toBe('BAD_OPTION: --weight expects TYPE=N with N a positive integer, got "BackMap=0"');
  });

  it('warns when --path names a run that violates nothing', () => {
    const out = quietly(() => runSimulate(REGISTRY, ['--model', 'blkif', '--depth', '50', '--seed', '4', '--path', '3', '--json']));
    expect([out.code, JSON.parse(out.stdout).warnings]).toEqual([
      0,
      ['the run at --path 3 violates nothing with these options (reproduce with the seed, --depth and --weight of the original run)'],
    ]);
  });
});
