import { fail } from '../util/errors.js';
import type { CheckOptions } from '../explore/options.js';

/**
 * One run a user's CI executes: a model instance, how to explore it, and what must
 * come out. A spec passes when exactly the expected properties fail (each with the
 * expected shortest-counterexample length, when given), every other property holds,
 * the run completes, and the state count matches when it is pinned. Properties listed
 * in `expect.holds` must also exist in the model, so that a renamed or dropped property
 * fails the spec instead of passing unnoticed.
 *
 * On disk a spec is a JSON file (`specs/*.json`):
 * ```json
 * { "name": "blkif-lru", "model": "blkif", "params": { "P": 2 }, "variant": "lru",
 *   "expect": { "violations": { "unmapOnlyOnDisconnect": 9 }, "holds": ["noGrefAlias"], "states": 1234 } }
 * ```
 */
export interface Spec {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly model: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly variant: string | null;
  readonly options: Partial<CheckOptions>;
  /** Property name -> expected counterexample length (null: any length). */
  readonly expectViolations: Readonly<Record<string, number | null>>;
  /** Properties named as expected to hold (or, for a witness, to be reached); each must exist. */
  readonly expectHolds: readonly string[];
  readonly expectStates: number | null;
  /** `large` specs are left out of the default suite (run with --tag large). */
  readonly tags: readonly string[];
}

const TOP_KEYS = ['$schema', 'name', 'description', 'model', 'params', 'variant', 'options', 'expect', 'tags'];

/** The exploration options a spec may set, each with the values it takes (a bad one is BAD_SPEC, not a silent default). */
const OPTION_RULES: Readonly<Record<string, { readonly ok: (v: unknown) => boolean; readonly expects: string }>> = {
  strategy: { ok: (v) => v === 'bfs' || v === 'dfs' || v === 'random', expects: '"bfs", "dfs" or "random"' },
  store: { ok: (v) => v === 'full' || v === 'fingerprint', expects: '"full" or "fingerprint"' },
  deadlock: { ok: (v) => typeof v === 'boolean', expects: 'true or false' },
  symmetry: { ok: (v) => typeof v === 'boolean', expects: 'true or false' },
  maxStates: { ok: (v) => Number.isSafeInteger(v) && (v as number) >= 1, expects: 'an integer >= 1' },
  maxDepth: { ok: (v) => Number.isSafeInteger(v) && (v as number) >= 0, expects: 'an integer >= 0' },
  timeoutMs: { ok: (v) => typeof v === 'number' && v > 0 && Number.isFinite(v), expects: 'a number of milliseconds > 0' },
  seed: { ok: (v) => Number.isSafeInteger(v), expects: 'an integer' },
  walks: { ok: (v) => Number.isSafeInteger(v) && (v as number) >= 1, expects: 'an integer >= 1' },
  walkDepth: { ok: (v) => Number.isSafeInteger(v) && (v as number) >= 1, expects: 'an integer >= 1' },
};
const OPTION_KEYS = Object.keys(OPTION_RULES);
const EXPECT_KEYS = ['violations', 'holds', 'states'];

/** Validates a parsed spec file; throws BAD_SPEC naming the file and the first problem. */
export function parseSpec(file: string, json: unknown): Spec {
  const bad = (msg: string): never => fail('BAD_SPEC', `${file}: ${msg}`);
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(json)) return bad('a spec must be a JSON object');
  for (const k of Object.keys(json)) if (!TOP_KEYS.includes(k)) bad(`unknown key ${JSON.stringify(k)} (known: ${TOP_KEYS.slice(1).join(', ')})`);
  const str = (k: string, required: boolean): string | null => {
    const v = json[k];
    if (v === undefined || v === null) return required ? bad(`"${k}" is required`) : null;
    if (typeof v !== 'string' || v === '') return bad(`"${k}" must be a non-empty string`);
    return v;
  };
  const name = str('name', true)!;
  const model = str('model', true)!;
  const params = json['params'] ?? {};
  if (!isObject(params)) bad('"params" must be an object of parameter values');
  const options = json['options'] ?? {};
  if (!isObject(options)) return bad('"options" must be an object');
  for (const [k, v] of Object.entries(options)) {
    const rule = OPTION_RULES[k];
    if (rule === undefined) bad(`unknown option ${JSON.stringify(k)} (known: ${OPTION_KEYS.join(', ')})`);
    else if (!rule.ok(v)) bad(`options.${k} must be ${rule.expects}, got ${JSON.stringify(v)}`);
  }
  const expect = json['expect'] ?? {};
  if (!isObject(expect)) return bad('"expect" must be an object');
  for (const k of Object.keys(expect)) if (!EXPECT_KEYS.includes(k)) bad(`unknown key expect.${k} (known: ${EXPECT_KEYS.join(', ')})`);
  const violations = expect['violations'] ?? {};
  if (!isObject(violations)) return bad('"expect.violations" must map property names to lengths (or null)');
  for (const [p, len] of Object.entries(violations)) {
    if (len !== null && !(Number.isInteger(len) && (len as number) >= 0)) bad(`expect.violations.${p} must be a length (integer >= 0) or null`);
  }
  const holds = expect['holds'] ?? [];
  if (!Array.isArray(holds) || !holds.every((h) => typeof h === 'string' && h !== '')) bad('"expect.holds" must be an array of property names');
  for (const [i, h] of (holds as string[]).entries()) {
    if (h in violations) bad(`expect.holds names ${h}, which expect.violations expects to fail`);
    if ((holds as string[]).indexOf(h) !== i) bad(`expect.holds names ${h} twice`);
  }
  const states = expect['states'] ?? null;
  if (states !== null && !(Number.isInteger(states) && (states as number) > 0)) bad('"expect.states" must be a positive integer');
  const tags = json['tags'] ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) bad('"tags" must be an array of strings');
  return {
    file,
    name,
    description: str('description', false) ?? '',
    model,
    params: params as Record<string, unknown>,
    variant: str('variant', false),
    options: options as Partial<CheckOptions>,
    expectViolations: violations as Record<string, number | null>,
    expectHolds: holds as string[],
    expectStates: states as number | null,
    tags: tags as string[],
  };
}
