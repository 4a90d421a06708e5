import type { Layout } from '../layout/layout.js';
import { fail } from '../util/errors.js';
import { canonicalJson } from '../util/json.js';
import type { Action } from './action.js';
import { IGNORE_EFFECTS, type EffectSink } from './effects.js';
import { boundEffect, boundTest } from './boundCall.js';
import type { Command, GuardTest, Model } from './model.js';
import type { Property } from './property.js';

/** Everything a packed model declares; {@link layoutModel} turns it into a {@link Model}. */
export interface LayoutModelSpec<V, A extends Action> {
  readonly name: string;
  readonly layout: Layout<V>;
  /** Each function writes one initial state into a zeroed view. */
  readonly inits: readonly ((v: V) => void)[];
  readonly commands: readonly Command<V, A>[];
  readonly properties: readonly Property<V, A>[];
  readonly actorOf?: (action: A) => string;
  readonly formatAction?: (action: A) => string;
  readonly canonicalize?: (v: V) => void;
}

/**
 * A guarded-command model over a packed layout. The result serves both engines: the
 * plain `Model` methods (fresh views per state, used by replay, simulation and tests)
 * and the `packed` form the checker's hot loop uses.
 */
export function layoutModel<V, A extends Action>(spec: LayoutModelSpec<V, A>): Model<V, A> {
  const { layout, commands } = spec;
  const index = new Map<string, number>();
  commands.forEach((c, i) => {
    const key = canonicalJson(c.action);
    if (index.has(key)) fail('BAD_MODEL', `${spec.name}: two commands for the action ${key}`);
    index.set(key, i);
  });
  const commandFor = (a: A): Command<V, A> => {
    const i = index.get(canonicalJson(a));
    if (i === undefined) fail('BAD_MODEL', `${spec.name}: no such action ${canonicalJson(a)}`);
    return commands[i]!;
  };
  const actionTypes = [...new Set(commands.map((c) => c.action.type))];
  const model: Model<V, A> = {
    name: spec.name,
    properties: spec.properties,
    actionTypes,
    initStates: () =>
      spec.inits.map((init) => {
        const v = layout.create();
        init(v);
        return v;
      }),
    actions: (s) => commands.filter((c) => c.guard(s)).map((c) => c.action),
    nextState: (s, a) => {
      const c = commandFor(a);
      if (!c.guard(s)) fail('BAD_MODEL', `${spec.name}: ${canonicalJson(a)} is not enabled`);
      const next = layout.clone(s);
      c.apply(next, IGNORE_EFFECTS);
      return next;
    },
    effects: (s: V, a: A, sink: EffectSink) => {
      const next = layout.clone(s);
      commandFor(a).apply(next, sink);
    },
    snapshot: (s) => layout.toObject(s),
    packed: spec.canonicalize
      ? { layout, commands, inits: spec.inits, canonicalize: spec.canonicalize }
      : { layout, commands, inits: spec.inits },
  };
  if (spec.actorOf) model.actorOf = spec.actorOf;
  if (spec.formatAction) model.formatAction = spec.formatAction;
  return model;
}

type Params<K extends string> = { readonly [P in K]: number };

/**
 * A family's guard given per parameter level, so that the checker can prune: `when`
 * sees no parameter, and the guard named after a key sees that key and every key
 * before it (later keys are not set yet). A ground command is enabled when every
 * level's guard holds. `when` may be a list, tested in order: give adjacent families
 * the same first function and the checker tests it once for both.
 */
export type LevelGuards<V, K extends string> = { readonly when?: ((v: V) => boolean) | readonly ((v: V) => boolean)[] } & {
  readonly [P in K]?: (v: V, p: Params<K>) => boolean;
};

const ALWAYS = (): boolean => true;

/**
 * One command per parameter combination: `family('BackIo', { s: R, c: C }, guard, apply)`
 * gives `BackIo(s=0, c=0)`, `BackIo(s=0, c=1)`, ... with the first key outermost.
 * A family with no parameters gives one command. `guard` is either one function of the
 * state and all parameters, or {@link LevelGuards}; the latter lets the checker test a
 * shared prefix once per state instead of once per ground command.
 */
export function family<V, K extends string>(
  type: string,
  domains: Params<K>,
  guard: ((v: V, p: Params<K>) => boolean) | LevelGuards<V, K>,
  apply: (v: V, p: Params<K>, fx: EffectSink) => void,
): Command<V, Action & Params<K>>[] {
  const keys = Object.keys(domains) as K[];
  const levels: LevelGuards<V, K> | null = typeof guard === 'function' ? null : guard;
  const out: Command<V, Action & Params<K>>[] = [];
  const build = (i: number, acc: Record<string, number>, tests: readonly GuardTest<V>[]): void => {
    if (i === keys.length) {
      const params = { ...acc } as Params<K>;
      const action = { type, ...acc } as Action & Params<K>;
      const applyOne = boundEffect(apply, params);
      if (levels === null) {
        out.push({ action, guard: boundTest(guard as (v: V, p: Params<K>) => boolean, params), apply: applyOne });
      } else {
        // The last test is this command's own (a leaf); every earlier one is shared.
        const own = keys.length > 0 && levels[keys[keys.length - 1]!] !== undefined;
        const all = own || tests.length === 0 ? tests : [...tests, ALWAYS];
        out.push({ action, guard: (v) => all.every((t) => t(v)), apply: applyOne, tests: all });
      }
      return;
    }
    const key = keys[i]!;
    const level = levels?.[key];
    for (let x = 0; x < domains[key]; x++) {
      const next = { ...acc, [key]: x };
      const prefix = next as Params<K>;
      build(i + 1, next, level ? [...tests, boundTest(level, prefix)] : tests);
    }
  };
  const when = levels?.when;
  build(0, {}, when === undefined ? [] : typeof when === 'function' ? [when] : [...when]);
  return out;
}
