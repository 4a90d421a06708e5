import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeError, fail } from '../util/errors.js';
import type { CheckOptions } from '../explore/options.js';

type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

/**
 * `util.parseArgs` with errors turned into one-line BAD_OPTION errors. A value that
 * looks like a negative number (`--seed -3`) is taken as the option's value, where
 * parseArgs would call it ambiguous, so that range checks can name the real problem.
 */
export function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (err) {
    // Node's parseArgs messages run on with advice; the first sentence names the problem.
    const first = describeError(err).replace(/^TypeError \[[A-Z_]+\]: /, '').split('\n')[0]!;
    const unknown = /^Unknown option '([^']*)'/.exec(first);
    return fail('BAD_OPTION', unknown ? `unknown option ${unknown[1]} (--help lists the options)` : first);
  }
}

/**
 * `--depth -1` as `--depth=-1`: parseArgs takes a value that starts with a dash for a
 * mistyped option and reports "argument is ambiguous"; a negative number is a value,
 * which the option's own check then rejects with a message naming it.
 */
function joinNegativeValues(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    const name = a.startsWith('--') ? a.slice(2) : null;
    if (name !== null && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** An integer option; `min` (when given) is the smallest value it takes. */
export function intOption(values: Values, name: string, min?: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
    fail('BAD_OPTION', `--${name} expects an integer, got ${JSON.stringify(raw)}`);
  }
  if (min !== undefined && n < min) fail('BAD_OPTION', `--${name} must be at least ${min}, got ${n}`);
  return n;
}

/** `512M`, `2G`, `1500000` (bytes). */
export function sizeOption(values: Values, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const m = typeof raw === 'string' ? /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(raw.trim()) : null;
  if (!m) return fail('BAD_OPTION', `--${name} expects a size such as 512M or 2G, got ${JSON.stringify(raw)}`);
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'];
  const bytes = Math.floor(Number(m[1]) * unit);
  if (!(bytes > 0)) fail('BAD_OPTION', `--${name} must be more than 0 bytes, got ${JSON.stringify(raw)}`);
  return bytes;
}

export function secondsOption(values: Values, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !(n > 0)) fail('BAD_OPTION', `--${name} expects a positive number of seconds, got ${JSON.stringify(raw)}`);
  return n * 1000;
}

/** The exploration options every exploring command shares. */
export const EXPLORE_OPTIONS = {
  strategy: { type: 'string' },
  store: { type: 'string' },
  symmetry: { type: 'boolean' },
  'no-deadlock': { type: 'boolean' },
  'stop-at-first': { type: 'boolean' },
  'max-states': { type: 'string' },
  'max-depth': { type: 'string' },
  timeout: { type: 'string' },
  'max-memory': { type: 'string' },
  seed: { type: 'string' },
  walks: { type: 'string' },
  'walk-depth': { type: 'string' },
  workers: { type: 'string' },
} as const;

export function exploreOptions(values: Values): Partial<CheckOptions> {
  const strategy = values['strategy'];
  if (strategy !== undefined && !['bfs', 'dfs', 'random'].includes(strategy as string)) {
    fail('BAD_OPTION', `--strategy must be bfs, dfs or random, got ${JSON.stringify(strategy)}`);
  }
  const store = values['store'];
  if (store !== undefined && !['full', 'fingerprint'].includes(store as string)) {
    fail('BAD_OPTION', `--store must be full or fingerprint, got ${JSON.stringify(store)}`);
  }
  const out: Record<string, unknown> = {
    strategy,
    store,
    symmetry: values['symmetry'] === true ? true : undefined,
    deadlock: values['no-deadlock'] === true ? false : undefined,
    stopAtFirst: values['stop-at-first'] === true ? true : undefined,
    maxStates: intOption(values, 'max-states', 1),
    maxDepth: intOption(values, 'max-depth', 0),
    timeoutMs: secondsOption(values, 'timeout'),
    maxMemoryBytes: sizeOption(values, 'max-memory'),
    seed: intOption(values, 'seed'),
    walks: intOption(values, 'walks', 1),
    walkDepth: intOption(values, 'walk-depth', 1),
    workers: intOption(values, 'workers'),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as Partial<CheckOptions>;
}
