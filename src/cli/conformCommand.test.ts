import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { blkifSegments } from '../../models/blkif-segments/model.js';
import { blkif } from '../../models/blkif/model.js';
import { check } from '../explore/check.js';
import { instantiate } from '../model/definition.js';
import { writeTrace } from '../report/traceFiles.js';
import { GntcheckError } from '../util/errors.js';
import { runConformWithModules } from './conformCommand.js';

const REGISTRY = [blkif, blkifSegments];

async function quietly(f: () => Promise<number>): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  try {
    return { code: await f(), stdout };
  } finally {
    spy.mockRestore();
  }
}

async function errorOf(f: () => Promise<number>): Promise<string> {
  try {
    await quietly(f);
  } catch (err) {
    return err instanceof GntcheckError ? `${err.code}: ${err.message}` : String(err);
  }
  return 'no error';
}

describe('gntcheck conform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gntcheck-conform-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The shortest hostile counterexample: a request naming gref 0 twice.
  const { model, origin } = instantiate(blkifSegments, { HOSTILE: true, MAXP: 3 }, null);
  const result = check(model, { maxDepth: 13 }, origin);
  const violation = result.violations.find((v) => v.property === 'unmapOnlyOnDisconnect')!;
  const traceFile = writeTrace(join(dir, 'hostile'), violation.trace!).json;

  // A user's adapter module, as `--adapter` loads it: here one that reads every step as
  // another party's and observes nothing, and one whose implementation throws.
  const module = join(dir, 'mine.mjs');
  writeFileSync(
    module,
    `const quiet = { start() {}, step() { return { kind: 'ignored' }; }, observe() { return {}; }, expected() { return {}; } };
export default [
  { name: 'quiet', description: 'observes nothing', models: ['blkif-segments'], create: () => quiet },
  { name: 'throws', models: ['blkif-segments'], create: () => ({ ...quiet, step() { throw new Error('not implemented'); } }) },
];`,
  );

  it('replays a blkif-segments trace on the store by default, driven by xen_blkbk_map', async () => {
    expect(await quietly(() => runConformWithModules(REGISTRY, [traceFile]))).toEqual({
      code: 0,
      stdout: `${traceFile}: blkif-segments-store conforms: 13 steps, 4 of them on the implementation\n`,
    });
  });

  it('loads the adapters of an --adapter module, lists them first and picks them by default', async () => {
    const list = await quietly(() => runConformWithModules(REGISTRY, ['--list', '--adapter', module]));
    expect(list.stdout.split('\n').slice(0, 2)).toEqual([
      'quiet                 (blkif-segments) observes nothing',
      'throws                (blkif-segments) ',
    ]);
    expect(await quietly(() => runConformWithModules(REGISTRY, [traceFile, '--adapter', module]))).toEqual({
      code: 0,
      stdout: `${traceFile}: quiet conforms: 13 steps, 0 of them on the implementation\n`,
    });
    const threw = await quietly(() => runConformWithModules(REGISTRY, [traceFile, '--adapter', module, '--impl', 'throws']));
    expect([threw.code, threw.stdout.split('\n')[1]]).toEqual([1, '  step 1: BackProbe threw in the implementation: not implemented']);
  });

  it('names the module and the problem when it cannot use it', async () => {
    const bad = (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return () => runConformWithModules(REGISTRY, [traceFile, '--adapter', file]);
    };
    expect(await errorOf(bad('none.mjs', 'export const x = 1;'))).toBe(
      `BAD_OPTION: --adapter ${join(dir, 'none.mjs')} has no default export and no export named adapters (an adapter factory, or an array of them)`,
    );
    expect(await errorOf(bad('nocreate.mjs', "export const adapters = [{ name: 'x', models: ['blkif'] }];"))).toBe(
      `BAD_OPTION: --adapter ${join(dir, 'nocreate.mjs')} [0]: the adapter factory has no create() function`,
    );
    expect(await errorOf(bad('nomodels.mjs', "export default { name: 'x', create() {} };"))).toBe(
      `BAD_OPTION: --adapter ${join(dir, 'nomodels.mjs')}: the adapter factory has no models (an array of model ids)`,
    );
    expect((await errorOf(() => runConformWithModules(REGISTRY, [traceFile, '--adapter', join(dir, 'missing.mjs')]))).split(':').slice(0, 3)).toEqual([
      'BAD_OPTION',
      ` --adapter ${join(dir, 'missing.mjs')}`,
      ' cannot load it',
    ]);
    expect(await errorOf(() => runConformWithModules(REGISTRY, [traceFile, '--impl', 'blkback-store']))).toBe(
      'BAD_OPTION: adapter blkback-store reads traces of blkif, not of blkif-segments',
    );
  });
});
