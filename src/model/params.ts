import { fail } from '../util/errors.js';

/** A model parameter: its type, default, range and a line of documentation. */
export type ParamSpec =
  | { readonly type: 'int'; readonly default: number; readonly min: number; readonly max: number; readonly doc: string }
  | { readonly type: 'bool'; readonly default: boolean; readonly doc: string };

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type ParamValue = number | boolean;
export type ParamValues = Readonly<Record<string, ParamValue>>;

export function intParam(def: number, min: number, max: number, doc: string): ParamSpec {
  return { type: 'int', default: def, min, max, doc };
}

export function boolParam(def: boolean, doc: string): ParamSpec {
  return { type: 'bool', default: def, doc };
}

/**
 * Parses one raw value (a `--set` string, or a JSON value from a spec) for `key`.
 * Throws BAD_PARAMETER naming the key, the value and what was expected.
 */
export function parseParam(modelId: string, key: string, spec: ParamSpec, raw: unknown): ParamValue {
  switch (spec.type) {
    case 'int': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isInteger(n)) {
        fail('BAD_PARAMETER', `${modelId}: parameter ${key} must be an integer, got ${JSON.stringify(raw)}`);
      }
      if (n < spec.min || n > spec.max) {
        fail('BAD_PARAMETER', `${modelId}: parameter ${key} must be in ${spec.min}..${spec.max}, got ${n}`);
      }
      return n;
    }
    case 'bool': {
      if (raw === true || raw === 'true' || raw === '1') return true;
      if (raw === false || raw === 'false' || raw === '0') return false;
      return fail('BAD_PARAMETER', `${modelId}: parameter ${key} must be true or false, got ${JSON.stringify(raw)}`);
    }
  }
}

/** Defaults overlaid with `given`; unknown keys are an error that lists the known ones. */
export function resolveParams(modelId: string, specs: ParamSpecs, given: Readonly<Record<string, unknown>>): ParamValues {
  const out: Record<string, ParamValue> = {};
  for (const [key, spec] of Object.entries(specs)) out[key] = spec.default;
  for (const [key, raw] of Object.entries(given)) {
    const spec = specs[key];
    if (spec === undefined) {
      const known = Object.keys(specs);
      fail(
        'BAD_PARAMETER',
        `${modelId} has no parameter ${key}` + (known.length ? ` (known: ${known.join(', ')})` : ' (it takes none)'),
      );
    }
    out[key] = parseParam(modelId, key, spec, raw);
  }
  return out;
}

/** Parses `KEY=VALUE` strings from the command line into a raw map (values stay strings). */
export function parseAssignments(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) fail('BAD_PARAMETER', `--set expects KEY=VALUE, got ${JSON.stringify(item)}`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

export function formatParams(values: ParamValues): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}
