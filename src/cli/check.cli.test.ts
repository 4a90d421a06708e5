import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gntcheck, type Captured } from './testing/capture.js';

/**
 * The command line as a contract: `check`'s JSON fields, exit codes, bounds, bad input
 * (one line on stderr, exit 3, never a stack trace), specs, `replay` of a tampered
 * trace. Runs in-process (src/cli/run.ts), plus the built executable once.
 */

const json = (r: Captured): Record<string, any> => JSON.parse(r.stdout);
const dir = mkdtempSync(join(tmpdir(), 'gntcheck-check-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check --model', () => {
  it('--json prints one object with the contract fields; two-phase RM=3 holds', async () => {
    const r = await gntcheck('check', '--model', 'two-phase', '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const o = json(r);
    for (const k of ['status', 'states', 'transitions', 'depth', 'durationMs', 'violations', 'warnings']) expect(o).toHaveProperty(k);
    expect(o).toMatchObject({ status: 'ok', states: 288, transitions: 1145, depth: 10, violations: [], warnings: [] });
    expect(typeof o['durationMs']).toBe('number');
    expect(Object.keys(o['fired'])).toEqual(['TMRcvPrepared', 'TMCommit', 'TMAbort', 'RMPrepare', 'RMChooseToAbort', 'RMRcvCommitMsg', 'RMRcvAbortMsg']);
  });

  it('a violation: exit 1, the property, its kind, its length in actions and an ITF trace', async () => {
    const r = await gntcheck('check', '--model', 'blkif', '--variant', 'lru', '--json');
    expect(r.code).toBe(1);
    const o = json(r);
    expect(o['status']).toBe('violation');
    expect(o['violations'].map((v: any) => [v.property, v.kind, v.length])).toEqual([['unmapOnlyOnDisconnect', 'action', 9]]);
    const trace = o['violations'][0].trace;
    expect(trace['#meta']).toMatchObject({ format: 'ITF', source: 'gntcheck', gntcheck: { version: 1, model: 'blkif', variant: 'lru', length: 9 } });
    expect(trace.vars).toContain('pin');
    expect(trace.states).toHaveLength(10);
    expect(trace.states[6]['#meta']).toMatchObject({ index: 6, action: { type: 'BackMap', s: 0 } });
    expect(trace.states[6].pin[0]).toEqual({ '#bigint': '1' });
  });

  it('every violated property gets its own shortest counterexample; --stop-at-first stops at the first', async () => {
    const all = json(await gntcheck('check', '--model', 'blkif', '--variant', 'flush-after-unpin', '--json'));
    expect(all['violations'].map((v: any) => `${v.property}:${v.length}`)).toEqual(['noMappedPrivateFrame:12', 'tlbCoherent:11', 'cleanTeardown:11']);
    const first = await gntcheck('check', '--model', 'blkif', '--variant', 'flush-after-unpin', '--stop-at-first', '--json');
    expect(first.code).toBe(1);
    // Both properties fail in the same first failing state.
    expect(json(first)).toMatchObject({ status: 'violation', complete: false, incompleteReason: 'stopped' });
    expect(json(first)['violations'].map((v: any) => `${v.property}:${v.length}`)).toEqual(['tlbCoherent:11', 'cleanTeardown:11']);
  });

  it('deadlock detection is on by default and --no-deadlock turns it off', async () => {
    const on = await gntcheck('check', '--model', 'blkif', '--variant', 'disconnect-on-closing', '--json');
    expect([on.code, json(on)['violations'].map((v: any) => `${v.property}:${v.kind}:${v.length}`)]).toEqual([1, ['deadlock:deadlock:7']]);
    const off = await gntcheck('check', '--model', 'blkif', '--variant', 'disconnect-on-closing', '--no-deadlock', '--json');
    expect([off.code, json(off)['status'], json(off)['states']]).toEqual([0, 'ok', 24566]);
  });

  it('an action that never fired is a warning; a sometimes never reached is a violation without a trace', async () => {
    const o = json(await gntcheck('check', '--model', 'blkif', '--variant', 'uncached-advert', '--json'));
    expect(o['warnings']).toEqual(['actions that never fired: FrontSubmitReuse']);
    expect(o['fired']['FrontSubmitReuse']).toBe(0);
    expect(o['violations']).toEqual([
      { property: 'persistentInUse', kind: 'sometimes', length: null, message: 'persistentInUse is never reached', trace: null },
    ]);
  });
});

describe('list', () => {
  it('lists the models with their parameters and variants, and the specs', async () => {
    const specs = fileURLToPath(new URL('../../specs', import.meta.url));
    const text = await gntcheck('list', specs);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  two-phase: Two-phase commit (TLA+ TwoPhase)');
    expect(text.stdout).toContain('      RM    default 3 in 1..14: number of resource managers');
    expect(text.stdout).toMatch(/^ {6}lru: /m);
    expect(text.stdout).toMatch(/^ {2}two-phase-rm3 +two-phase +\(.*specs\/two-phase\/rm3\.json\)$/m);
    const o = json(await gntcheck('list', specs, '--json'));
    expect(o['models'].map((m: any) => m.id)).toEqual(['blkif', 'two-phase', 'blkif-segments']);
    expect(o['models'][1].params.RM).toMatchObject({ type: 'int', default: 3, min: 1, max: 14 });
    expect(o['specs'].find((s: any) => s.name === 'blkif-lru')).toMatchObject({ model: 'blkif', variant: 'lru' });
  });
});

describe('bounds give a partial result marked incomplete (exit 2)', () => {
  it.each(['bfs', 'dfs', 'random'])('--max-states and --max-depth under %s', async (strategy) => {
    const s = await gntcheck('check', '--model', 'blkif', '--strategy', strategy, '--max-states', '500', '--json');
    expect(s.code).toBe(2);
    expect(json(s)).toMatchObject({ status: 'incomplete', complete: false, incompleteReason: 'states' });
    expect(json(s)['states']).toBeGreaterThanOrEqual(500);
    expect(json(s)['states']).toBeLessThan(24322);
    const d = await gntcheck('check', '--model', 'blkif', '--strategy', strategy, '--max-depth', '4', '--json');
    expect(d.code).toBe(2);
    expect(json(d)).toMatchObject({ status: 'incomplete', incompleteReason: strategy === 'random' ? 'sampled' : 'depth', depth: 4 });
    expect(json(d)['transitions']).toBeGreaterThan(0);
  });

  it('--timeout and --max-memory', async () => {
    const t = await gntcheck('check', '--model', 'blkif', '--timeout', '0.000001', '--json');
    expect([t.code, json(t)['status'], json(t)['incompleteReason']]).toEqual([2, 'incomplete', 'time']);
    expect(json(t)['states']).toBeGreaterThan(0);
    const m = await gntcheck('check', '--model', 'blkif', '--strategy', 'dfs', '--max-memory', '64K', '--json');
    expect([m.code, json(m)['status'], json(m)['incompleteReason']]).toEqual([2, 'incomplete', 'memory']);
  });

  it('progress goes to stderr when asked, never to stdout', async () => {
    const r = await gntcheck('check', '--model', 'two-phase', '--set', 'RM=10', '--timeout', '1.5', '--progress', '--json');
    expect(r.code).toBe(2);
    expect(json(r)['incompleteReason']).toBe('time');
    expect(r.stderr).toMatch(/^two-phase RM=10: [\d,]+ states, [\d,]+ states\/s, queue [\d,]+, depth \d+, \d+ s$/m);
  });
});

describe('bad input: exit 3 and one line naming the problem, nothing on stdout', () => {
  const specDir = join(dir, 'specs');
  mkdirSync(specDir);
  const spec = (name: string, body: string): string => {
    const f = join(specDir, `${name}.json`);
    writeFileSync(f, body);
    return f;
  };
  const cases: [string, string[], string, RegExp][] = [
    ['unknown model', ['check', '--model', 'nope'], 'UNKNOWN_MODEL', /unknown model "nope"/],
    ['unknown parameter', ['check', '--model', 'two-phase', '--set', 'N=3'], 'BAD_PARAMETER', /no parameter N/],
    ['parameter not an integer', ['check', '--model', 'two-phase', '--set', 'RM=x'], 'BAD_PARAMETER', /RM must be an integer/],
    ['parameter out of range', ['check', '--model', 'two-phase', '--set', 'RM=99'], 'BAD_PARAMETER', /1\.\.14, got 99/],
    ['unknown variant', ['check', '--model', 'blkif', '--variant', 'nope'], 'UNKNOWN_VARIANT', /no variant "nope"/],
    ['unknown strategy', ['check', '--model', 'two-phase', '--strategy', 'bogo'], 'BAD_OPTION', /--strategy/],
    ['unknown flag', ['check', '--model', 'two-phase', '--frobnicate'], 'BAD_OPTION', /unknown option --frobnicate/],
    ['--max-states not a number', ['check', '--model', 'two-phase', '--max-states', 'lots'], 'BAD_OPTION', /--max-states expects an integer/],
    ['--max-states 0', ['check', '--model', 'two-phase', '--max-states', '0'], 'BAD_OPTION', /--max-states must be at least 1, got 0/],
    ['--max-depth negative', ['check', '--model', 'two-phase', '--max-depth', '-1'], 'BAD_OPTION', /--max-depth must be at least 0, got -1/],
    ['--timeout negative', ['check', '--model', 'two-phase', '--timeout', '-2'], 'BAD_OPTION', /--timeout expects a positive number/],
    ['--max-memory 0', ['check', '--model', 'two-phase', '--max-memory', '0K'], 'BAD_OPTION', /--max-memory must be more than 0/],
    ['--max-memory not a size', ['check', '--model', 'two-phase', '--max-memory', 'big'], 'BAD_OPTION', /--max-memory expects a size/],
    ['nothing to check', ['check'], 'BAD_OPTION', /check needs --model/],
    ['missing spec file', ['check', join(dir, 'missing.json')], 'IO', /no such spec file/],
    ['spec: not JSON', ['check', spec('broken', '{"name": "x",')], 'BAD_SPEC', /broken\.json: not valid JSON/],
    ['spec: unknown key', ['check', spec('key', '{"name": "x", "model": "two-phase", "parms": {}}')], 'BAD_SPEC', /unknown key "parms"/],
    ['spec: wrong type', ['check', spec('type', '{"name": "x", "model": "two-phase", "options": {"deadlock": "no"}}')], 'BAD_SPEC', /options\.deadlock must be true or false/],
    ['spec: bad bound', ['check', spec('bound', '{"name": "x", "model": "two-phase", "options": {"maxStates": "10"}}')], 'BAD_SPEC', /options\.maxStates must be an integer/],
    ['spec: unknown model', ['check', spec('model', '{"name": "x", "model": "nope"}')], 'UNKNOWN_MODEL', /model\.json: unknown model/],
    ['spec: bad parameter', ['check', spec('param', '{"name": "x", "model": "two-phase", "params": {"RM": 0}}')], 'BAD_PARAMETER', /param\.json: two-phase: parameter RM/],
    ['spec: unknown property', ['check', spec('prop', '{"name": "x", "model": "two-phase", "expect": {"violations": {"consistant": 3}}}')], 'BAD_SPEC', /names "consistant", which two-phase RM=3 does not check/],
    ['replay: missing file', ['replay', join(dir, 'missing.itf.json')], 'IO', /cannot read/],
    ['replay: not a trace', ['replay', spec('notrace', '{"vars": [], "states": []}')], 'BAD_TRACE', /notrace\.json: no #meta\.gntcheck/],
    ['unknown command', ['frob'], 'BAD_OPTION', /unknown command "frob"/],
    ['list: missing specs folder', ['list', join(dir, 'nowhere')], 'IO', /no such spec file or folder/],
  ];
  it.each(cases)('%s', async (_what, argv, code, message) => {
    const r = await gntcheck(...argv);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^gntcheck: error: ${code}: `));
    expect(r.stderr).toMatch(message);
  });

  it('a bad spec in a folder stops the run before any spec runs', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a-good.json'), JSON.stringify({ name: 'good', model: 'two-phase', expect: { states: 288 } }));
    writeFileSync(join(folder, 'b-bad.json'), JSON.stringify({ name: 'bad', model: 'two-phase', variant: 'nope' }));
    const r = await gntcheck('check', folder);
    expect([r.code, r.stdout]).toEqual([3, '']);
    expect(r.stderr).toMatch(/^gntcheck: error: UNKNOWN_VARIANT: .*b-bad\.json: two-phase has no variant "nope"/);
  });
});

describe('specs', () => {
  it('deadlock detection is switchable per spec', async () => {
    const base = { model: 'blkif', variant: 'disconnect-on-closing', params: { P: 2, G: 3, R: 2, C: 2, MAXP: 2 } };
    const on = join(dir, 'deadlock-on.json');
    const off = join(dir, 'deadlock-off.json');
    writeFileSync(on, JSON.stringify({ ...base, name: 'on', expect: { violations: { deadlock: 7 }, states: 24566 } }));
    writeFileSync(off, JSON.stringify({ ...base, name: 'off', options: { deadlock: false }, expect: { violations: {}, states: 24566 } }));
    const r = await gntcheck('check', on, off, '--json');
    expect(r.code).toBe(0);
    expect(json(r)['specs'].map((s: any) => [s.spec, s.passed, s.violations.map((v: any) => v.property)])).toEqual([
      ['on', true, ['deadlock']],
      ['off', true, []],
    ]);
    const contradictory = join(dir, 'deadlock-both.json');
    writeFileSync(contradictory, JSON.stringify({ ...base, name: 'both', options: { deadlock: false }, expect: { violations: { deadlock: 7 } } }));
    expect((await gntcheck('check', contradictory)).stderr).toMatch(/^gntcheck: error: BAD_SPEC: .*expects a deadlock but sets options\.deadlock to false/);
  });
});

describe('replay', () => {
  const out = join(dir, 'out');
  const file = join(out, 'blkif-lru', 'unmapOnlyOnDisconnect.itf.json');
  const tampered = (name: string, edit: (t: any) => void): string => {
    const t = JSON.parse(readFileSync(file, 'utf8'));
    edit(t);
    const f = join(out, `${name}.itf.json`);
    writeFileSync(f, JSON.stringify(t));
    return f;
  };

  it('replays the trace check wrote and reproduces its property', async () => {
    expect((await gntcheck('check', '--model', 'blkif', '--variant', 'lru', '--out', out)).code).toBe(1);
    expect(await gntcheck('replay', file)).toEqual({
      code: 0,
      stdout: `${file}: trace replays: 9 steps; unmapOnlyOnDisconnect is violated at the end\n`,
      stderr: '',
    });
  });

  it('says where a tampered trace diverges (exit 1)', async () => {
    const state = tampered('state', (t) => (t.states[6].pin[0] = { '#bigint': '2' }));
    expect(await gntcheck('replay', state)).toMatchObject({
      code: 1,
      stdout: `${state}: diverges at step 6 (state-differs)\n  step 6: after BackMap(s=0) the model's state differs from the trace\n    pin[0]: trace has 2, model has 1\n`,
    });
    const dropped = tampered('dropped', (t) => t.states.splice(3, 1));
    expect(await gntcheck('replay', dropped)).toMatchObject({
      code: 1,
      stdout: `${dropped}: diverges at step 3 (action-not-enabled)\n  step 3: FrontConnect is not enabled (enabled: BackConnect)\n`,
    });
    const start = tampered('start', (t) => (t.states[0].fe = 'Connected'));
    expect((await gntcheck('replay', start)).stdout.split('\n')[0]).toBe(`${start}: diverges at step 0 (unknown-initial-state)`);
    const short = tampered('short', (t) => t.states.splice(8));
    expect(await gntcheck('replay', short)).toMatchObject({
      code: 1,
      stdout: `${short}: trace replays: 7 steps; unmapOnlyOnDisconnect is NOT violated at the end\n`,
    });
  });
});

describe('the executable', () => {
  const main = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
  it('exits with the code and prints the one-line error', async () => {
    const bad = spawnSync(process.execPath, [main, 'check', '--model', 'nope'], { encoding: 'utf8' });
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([3, '', 'gntcheck: error: UNKNOWN_MODEL: unknown model "nope" (known: blkif, two-phase, blkif-segments)\n']);
    const ok = spawnSync(process.execPath, [main, 'check', '--model', 'two-phase', '--json'], { encoding: 'utf8' });
    expect([ok.status, JSON.parse(ok.stdout).states, ok.stderr]).toEqual([0, 288, '']);
  });
});
