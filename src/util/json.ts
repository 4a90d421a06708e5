export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * Deterministic JSON: object keys sorted, no whitespace. Two structurally equal
 * values give the same string whatever order their keys were inserted in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
    if (typeof value === 'bigint') return `{"#bigint":"${value.toString()}"}`;
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v]) => '[' + canonicalJson(k) + ',' + canonicalJson(v) + ']');
    entries.sort();
    return '{"#map":[' + entries.join(',') + ']}';
  }
  if (value instanceof Set) {
    const items = [...value].map(canonicalJson);
    items.sort();
    return '{"#set":[' + items.join(',') + ']}';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(obj[k])).join(',') + '}';
}

/**
 * A model's snapshot as plain JSON, in the encoding of the Informal Trace Format where
 * JSON has no form of its own: a Set becomes `{"#set": [...]}` and a Map
 * `{"#map": [[k, v], ...]}`, their members in canonical order (so equal collections give
 * equal JSON whatever their insertion order), and a bigint a number when it is a safe
 * integer, `{"#bigint": "..."}` otherwise. `undefined` fields are dropped (null in
 * arrays) and non-finite numbers become strings, as in {@link canonicalJson}.
 */
export function toJsonValue(value: unknown): JsonValue {
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return Number.isSafeInteger(Number(value)) && BigInt(Number(value)) === value ? Number(value) : { '#bigint': value.toString() };
    case 'object':
      break;
    default:
      return null;
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toJsonValue(v)));
  const byCanonical = (a: JsonValue, b: JsonValue): number => {
    const x = canonicalJson(a);
    const y = canonicalJson(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  if (value instanceof Set) return { '#set': [...value].map(toJsonValue).sort(byCanonical) };
  if (value instanceof Map) return { '#map': [...value].map(([k, v]): JsonValue => [toJsonValue(k), toJsonValue(v)]).sort(byCanonical) };
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
  return out;
}
