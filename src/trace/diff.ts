import type { JsonValue } from '../util/json.js';

/** One changed scalar between two states: `pin[1]: 0 -> 1`. */
export interface FieldChange {
  readonly path: string;
  readonly before: JsonValue | undefined;
  readonly after: JsonValue | undefined;
}

/** `{"#set": [...]}`, `{"#map": [...]}`, `{"#bigint": "..."}`, `{"#tup": [...]}`: one value, not a record. */
function itfTag(value: JsonValue): '#set' | '#map' | '#bigint' | '#tup' | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const k = keys[0]!;
  return k === '#set' || k === '#map' || k === '#bigint' || k === '#tup' ? k : null;
}

/**
 * Flattens a JSON state into scalar leaves keyed by path (`slots[0].gref`, `tlb[1][0]`).
 * A set, map or big integer (ITF-tagged) is one leaf: a change shows it whole.
 */
export function flatten(value: JsonValue, prefix = '', out = new Map<string, JsonValue>()): Map<string, JsonValue> {
  if (itfTag(value) !== null) {
    out.set(prefix, value);
  } else if (Array.isArray(value)) {
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

/**
 * The scalar fields that differ between two states, in the order of `after`'s fields.
 * An empty array or object on one side whose path has elements on the other is not
 * reported as a change of its own ("nodes: [] -> (absent)" would say the other side has
 * no such field): the elements' own lines (`nodes[0].gref: (absent) -> 0`) say it all.
 */
export function diffStates(before: JsonValue, after: JsonValue): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: FieldChange[] = [];
  for (const [path, v] of b) {
    const old = a.get(path);
    if (old === undefined && isEmptyContainer(v) && hasElements(a, path)) continue;
    if (JSON.stringify(old) !== JSON.stringify(v)) out.push({ path, before: old, after: v });
  }
  for (const [path, v] of a) {
    if (!b.has(path) && !(isEmptyContainer(v) && hasElements(b, path))) out.push({ path, before: v, after: undefined });
  }
  return out;
}

function isEmptyContainer(v: JsonValue): boolean {
  return v !== null && typeof v === 'object' && Object.keys(v).length === 0;
}

/** Whether `leaves` has a leaf below `path` (`path[0]`, `path.x`). */
function hasElements(leaves: Map<string, JsonValue>, path: string): boolean {
  for (const p of leaves.keys()) if (p.startsWith(`${path}[`) || p.startsWith(`${path}.`)) return true;
  return false;
}

/** A value as traces print it: strings bare, sets as `{a, b}`, maps as `{k -> v}`, the rest as JSON. */
export function formatValue(v: JsonValue | undefined): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'string') return v;
  const inner = (x: JsonValue): string => (typeof x === 'string' ? JSON.stringify(x) : formatValue(x));
  const items = (xs: JsonValue): JsonValue[] => (Array.isArray(xs) ? xs : []);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    switch (itfTag(v)) {
      case '#set':
        return `{${items(v['#set']!).map(inner).join(', ')}}`;
      case '#map':
        return `{${items(v['#map']!).map((p) => { const [k, x] = items(p); return `${inner(k!)} -> ${inner(x!)}`; }).join(', ')}}`;
      case '#tup':
        return `<<${items(v['#tup']!).map(inner).join(', ')}>>`;
      case '#bigint':
        return String(v['#bigint']);
      case null:
        break;
    }
  }
  return JSON.stringify(v);
}
