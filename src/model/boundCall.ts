import type { EffectSink } from './effects.js';

/**
 * Closures that only forward to a shared function with constant parameters:
 * `boundTest(target, args)` behaves exactly as `(v) => target(v, args)` and
 * `boundEffect(target, args)` as `(v, fx) => target(v, args, fx)`, and both say so
 * through `target` and `args`. {@link family} builds guards and effects this way; the
 * packed kernel's compiled expander (src/kernel/compiledExpander.ts) reads the two
 * fields to call `target` directly, so that each of its call sites sees one function
 * instead of the forwarding wrapper every command shares.
 */
export interface BoundParts {
  readonly target: (v: never, args: never, fx: never) => unknown;
  readonly args: object;
}

export function boundTest<V, P extends object>(target: (v: V, args: P) => boolean, args: P): ((v: V) => boolean) & BoundParts {
  return Object.assign((v: V): boolean => target(v, args), { target, args });
}

export function boundEffect<V, P extends object>(
  target: (v: V, args: P, fx: EffectSink) => void,
  args: P,
): ((v: V, fx: EffectSink) => void) & BoundParts {
  return Object.assign((v: V, fx: EffectSink): void => target(v, args, fx), { target, args });
}

/** `f`'s forwarding target and parameters when {@link boundTest} or {@link boundEffect} made it. */
export function boundParts(f: unknown): BoundParts | null {
  if (typeof f !== 'function') return null;
  const b = f as Partial<BoundParts>;
  return typeof b.target === 'function' && typeof b.args === 'object' && b.args !== null ? { target: b.target, args: b.args } : null;
}
