/** One predicate of a list, and which of its results is a discovery (an invariant fires when false, a witness when true). */
export interface Check<Args extends unknown[]> {
  readonly test: (...args: Args) => boolean;
  readonly firesWhen: boolean;
}

/** The index of the first check at or after `from` that fires on `args`, or -1. */
export type FirstFiring<Args extends unknown[]> = (from: number, ...args: Args) => number;

/**
 * Compiles a list of checks into one function with a call site per check. A loop over
 * an array of predicates calls every one from a single site, where V8 sees as many
 * targets as there are properties and can neither inline nor specialise; written out,
 * each site has one target. Same results, in the same order, as testing the checks
 * one by one (propertyTracker.test.ts compares them).
 */
export function compileFirstFiring<Args extends unknown[]>(checks: readonly Check<Args>[], arity: number): FirstFiring<Args> {
  const params = Array.from({ length: arity }, (_, i) => `a${i}`).join(', ');
  const body = checks.map((c, i) => `  if (from <= ${i} && ${c.firesWhen ? '' : '!'}T${i}(${params})) return ${i};`);
  const source = [
    ...checks.map((_, i) => `const T${i} = TS[${i}];`),
    `return function firstFiring(from, ${params}) {`,
    ...body,
    '  return -1;',
    '};',
  ].join('\n');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function('TS', source) as (ts: readonly unknown[]) => FirstFiring<Args>;
  return make(checks.map((c) => c.test));
}
