import { fail } from '../util/errors.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import type { PropertyKind } from '../model/property.js';
import type { Action } from '../model/action.js';
import type { Trace, TraceStep } from './trace.js';

/** Version of gntcheck's own metadata inside ITF traces; bump on incompatible changes. */
export const TRACE_FORMAT_VERSION = 1;

/**
 * A trace in the Informal Trace Format (Apalache ADR-015) that Apalache and Quint
 * tools read: integers as `{"#bigint": "n"}`, records as objects, arrays as sequences,
 * and the Sets and Maps of plain models as `#set` and `#map` (see `toJsonValue`).
 * gntcheck's own data (model, parameters, property, the action of each step) goes in
 * `#meta`, which ITF readers ignore, so the file is both a valid ITF trace and
 * replayable by `gntcheck replay`.
 */
export function toItf(trace: Trace): JsonObject {
  const first = trace.steps[0]?.state;
  const vars = first !== null && typeof first === 'object' && !Array.isArray(first) ? Object.keys(first) : ['state'];
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      source: 'gntcheck',
      description: `${trace.kind === 'sometimes' ? 'witness for' : 'counterexample to'} ${trace.property}`,
      gntcheck: {
        version: TRACE_FORMAT_VERSION,
        model: trace.origin.model,
        params: { ...trace.origin.params },
        variant: trace.origin.variant,
        property: trace.property,
        kind: trace.kind,
        length: trace.steps.length - 1,
        path: trace.path,
      },
    },
    vars,
    states: trace.steps.map((step, index) => {
      const meta: JsonObject = { index };
      if (step.action) {
        meta['action'] = { ...step.action } as JsonObject;
        meta['label'] = step.label;
        if (step.actor) meta['actor'] = step.actor;
      }
      const state = step.state;
      const fields: JsonObject =
        state !== null && typeof state === 'object' && !Array.isArray(state) ? (state as JsonObject) : { state };
      const out: JsonObject = { '#meta': meta };
      for (const [k, v] of Object.entries(fields)) out[k] = encode(v);
      return out;
    }),
  };
}

function encode(v: JsonValue): JsonValue {
  if (typeof v === 'number') return Number.isInteger(v) ? { '#bigint': String(v) } : v;
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = encode(x);
    return out;
  }
  return v;
}

/**
 * ITF values back to the JSON gntcheck's traces hold (see `toJsonValue`): `#bigint`
 * becomes a number when it is a safe integer and stays tagged otherwise; `#set`, `#map`
 * and `#tup` stay tagged, their members decoded.
 */
function decode(v: unknown, where: string): JsonValue {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (Array.isArray(v)) return v.map((x, i) => decode(x, `${where}[${i}]`));
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('#bigint' in o) {
      const digits = o['#bigint'];
      if (typeof digits !== 'string' || !/^-?\d+$/.test(digits)) fail('BAD_TRACE', `${where}: ${JSON.stringify(digits)} is not an integer`);
      const n = Number(digits);
      return Number.isSafeInteger(n) ? n : { '#bigint': BigInt(digits).toString() };
    }
    for (const tag of ['#set', '#tup'] as const) {
      if (tag in o) {
        const items = o[tag];
        if (!Array.isArray(items)) fail('BAD_TRACE', `${where}: ${tag} must be an array`);
        return { [tag]: items.map((x, i) => decode(x, `${where}.${tag}[${i}]`)) };
      }
    }
    if ('#map' in o) {
      const pairs = o['#map'];
      if (!Array.isArray(pairs) || !pairs.every((p) => Array.isArray(p) && p.length === 2)) fail('BAD_TRACE', `${where}: #map must be an array of [key, value] pairs`);
      return { '#map': pairs.map((p, i) => decode(p, `${where}.#map[${i}]`)) };
    }
    if ('#unserializable' in o) fail('BAD_TRACE', `${where}: an #unserializable value cannot be replayed`);
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(o)) out[k] = decode(x, `${where}.${k}`);
    return out;
  }
  return fail('BAD_TRACE', `${where}: unsupported value`);
}

const KINDS: readonly PropertyKind[] = ['always', 'sometimes', 'action', 'deadlock'];

/** Reads a trace written by {@link toItf}; throws BAD_TRACE naming the first problem. */
export function fromItf(json: unknown): Trace {
  const bad = (msg: string): never => fail('BAD_TRACE', msg);
  if (json === null || typeof json !== 'object') bad('not a JSON object');
  const o = json as Record<string, unknown>;
  const meta = (o['#meta'] as Record<string, unknown> | undefined)?.['gntcheck'] as Record<string, unknown> | undefined;
  if (!meta) bad('no #meta.gntcheck section: not a trace written by gntcheck');
  const m = meta as Record<string, unknown>;
  if (m['version'] !== TRACE_FORMAT_VERSION) bad(`trace format version ${String(m['version'])} (this gntcheck reads ${TRACE_FORMAT_VERSION})`);
  if (typeof m['model'] !== 'string') bad('#meta.gntcheck.model is missing');
  const kind = m['kind'] as PropertyKind;
  if (!KINDS.includes(kind)) bad(`unknown property kind ${JSON.stringify(m['kind'])}`);
  const states = o['states'];
  if (!Array.isArray(states) || states.length === 0) bad('states must be a non-empty array');
  const steps: TraceStep[] = (states as unknown[]).map((raw, i) => {
    if (raw === null || typeof raw !== 'object') return bad(`states[${i}] is not an object`);
    const { '#meta': smeta, ...fields } = raw as Record<string, unknown>;
    const sm = (smeta ?? {}) as Record<string, unknown>;
    const state = decode(Object.keys(fields).length === 1 && 'state' in fields ? fields['state'] : fields, `states[${i}]`);
    if (i === 0) return { action: null, label: null, actor: null, state };
    const action = sm['action'] as Action | undefined;
    if (action === undefined) bad(`states[${i}] has no #meta.action`);
    if (action === null || typeof action !== 'object' || typeof action.type !== 'string') bad(`states[${i}]: #meta.action must be an object with a string "type"`);
    return {
      action: action as Action,
      label: typeof sm['label'] === 'string' ? sm['label'] : (action as Action).type,
      actor: typeof sm['actor'] === 'string' ? sm['actor'] : null,
      state,
    };
  });
  const params = m['params'] ?? {};
  if (params === null || typeof params !== 'object' || Array.isArray(params)) bad('#meta.gntcheck.params must be an object of parameter values');
  const variant = m['variant'] ?? null;
  if (variant !== null && typeof variant !== 'string') bad('#meta.gntcheck.variant must be a string or null');
  return {
    origin: { model: m['model'] as string, params: params as Record<string, number | boolean>, variant: variant as string | null },
    property: String(m['property'] ?? ''),
    kind,
    steps,
    path: String(m['path'] ?? ''),
  };
}
