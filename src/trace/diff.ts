import type { JsonValue } from '../util/json.js';

/** One changed scalar between two states: `pin[1]: 0 -> 1`. */
export interface FieldChange {
  readonly path: string;
  readonly before: JsonValue | undefined;
  readonly after: JsonValue | undefined;
}

/** Flattens a JSON state into scalar leaves keyed by path (`slots[0].gref`, `tlb[1][0]`). */
export function flatten(value: JsonValue, prefix = '', out = new Map<string, JsonValue>()): Map<string, JsonValue> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, value);
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, value);
    for (const k of keys) flatten(value[k]!, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** The scalar fields that differ between two states, in the order of `after`'s fields. */
export function diffStates(before: JsonValue, after: JsonValue): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: FieldChange[] = [];
  for (const [path, v] of b) {
    const old = a.get(path);
    if (JSON.stringify(old) !== JSON.stringify(v)) out.push({ path, before: old, after: v });
  }
  for (const [path, v] of a) if (!b.has(path)) out.push({ path, before: v, after: undefined });
  return out;
}

export function formatValue(v: JsonValue | undefined): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
