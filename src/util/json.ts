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
