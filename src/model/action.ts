/**
 * Actions are plain data: a `type` naming the action family (`BackMap`) plus its
 * parameters (`{ s: 1 }`). They can be printed, compared, stored in a trace and
 * replayed; never closures.
 */
export interface Action {
  readonly type: string;
  readonly [param: string]: string | number | boolean;
}

/** `BackMap(s=1)`; `FrontClose` when there are no parameters. */
export function formatActionDefault(action: Action): string {
  const parts: string[] = [];
  for (const key of Object.keys(action)) {
    if (key !== 'type') parts.push(`${key}=${String(action[key])}`);
  }
  return parts.length === 0 ? action.type : `${action.type}(${parts.join(', ')})`;
}

/** Structural equality of two actions (same type and the same parameter values). */
export function actionsEqual(a: Action, b: Action): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}
