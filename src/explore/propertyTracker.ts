import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { DEADLOCK, type ActionProperty, type PropertyKind, type StateProperty } from '../model/property.js';
import { describeError, fail, GntcheckError } from '../util/errors.js';
import { compileFirstFiring, type FirstFiring } from './firstFiring.js';

/** Where a property was decided: the state (and, for action properties, the slot taken from it). */
export interface Discovery {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly stateId: number;
  /** For action properties, the slot fired from `stateId`; -1 otherwise. */
  readonly slot: number;
  readonly depth: number;
}

/**
 * Which properties are still open and where each was first decided. A property is
 * checked until its first discovery and then dropped, so under BFS every discovery
 * is at the smallest depth at which one exists.
 */
export class PropertyTracker<S, A extends Action> {
  /** Properties not yet decided; a property is dropped at its first discovery. */
  private stateOpen: StateProperty<S>[] = [];
  private stateCheck: FirstFiring<[S]> = () => -1;
  private actionProps: ActionProperty<S, A>[] = [];
  private actionCheck: FirstFiring<[S, A, S]> = () => -1;
  /** Each open action property's `from` (one that admits every state where it has none). */
  private actionFroms: { readonly name: string; readonly check: (pre: S) => boolean }[] = [];
  /** The first open action property that applies from a state (its `from` holds), or -1. */
  private actionFrom: FirstFiring<[S]> = () => -1;
  private deadlockOpen: boolean;
  readonly discoveries = new Map<string, Discovery>();
  /** Set when a failing discovery is made and the run should stop at the first. */
  failed = false;

  constructor(
    model: Model<S, A>,
    checkDeadlock: boolean,
    private readonly stopAtFirst: boolean,
  ) {
    const seen = new Set<string>();
    for (const p of model.properties) {
      if (typeof p.name !== 'string' || p.name === '') fail('BAD_MODEL', `${model.name}: a property has no name`);
      if (seen.has(p.name)) fail('BAD_MODEL', `${model.name}: two properties are named ${p.name}`);
      if (p.name === DEADLOCK) fail('BAD_MODEL', `${model.name}: the property name "${DEADLOCK}" is reserved`);
      seen.add(p.name);
    }
    const ofKind = (kind: 'always' | 'sometimes') => model.properties.filter((p): p is StateProperty<S> => p.kind === kind);
    this.setStateOpen([...ofKind('always'), ...ofKind('sometimes')]);
    this.setActionOpen(model.properties.filter((p): p is ActionProperty<S, A> => p.kind === 'action'));
    this.deadlockOpen = checkDeadlock;
  }

  get hasActionProperties(): boolean {
    return this.actionProps.length > 0;
  }

  get checksDeadlock(): boolean {
    return this.deadlockOpen;
  }

  /** Evaluates the state properties on a newly discovered state. */
  checkState(state: S, id: number, depth: number): void {
    const open = this.stateOpen;
    let from = 0;
    try {
      for (let i = this.stateCheck(0, state); i >= 0; i = this.stateCheck(from, state)) {
        const p = open[i]!;
        this.record({ name: p.name, kind: p.kind, stateId: id, slot: -1, depth });
        from = i + 1;
      }
    } catch (err) {
      throw propertyError(throwingProperty(open, from, [state]), err);
    }
    if (from > 0) this.setStateOpen(this.undecided(open));
  }

  /**
   * Whether some open action property must be checked on the transitions from `pre`;
   * when not, every open one promised (by its `from`) to hold on them.
   */
  appliesFrom(pre: S): boolean {
    try {
      return this.actionFrom(0, pre) >= 0;
    } catch (err) {
      throw propertyError(throwingProperty(this.actionFroms, 0, [pre]), err);
    }
  }

  /**
   * Tests the promises of the `from`s that exclude `pre`, on one of its transitions (on
   * sampled states): a check that fails there means the `from` is wrong, and skipping
   * the check elsewhere could hide a violation.
   */
  auditFrom(pre: S, action: A, post: S, id: number): void {
    for (const p of this.actionProps) {
      if (p.from === undefined) continue;
      let broken: boolean;
      try {
        broken = !p.from(pre) && !p.check(pre, action, post);
      } catch (err) {
        throw propertyError(p.name, err);
      }
      if (broken) {
        fail(
          'BAD_MODEL',
          `action property ${p.name}: its from excludes state #${id}, but its check fails on a transition from it (from may only exclude states whose transitions all pass)`,
        );
      }
    }
  }

  /** Evaluates the action properties on one transition from state `id`. */
  checkTransition(pre: S, action: A, post: S, id: number, slot: number, depth: number): void {
    const open = this.actionProps;
    let from = 0;
    try {
      for (let i = this.actionCheck(0, pre, action, post); i >= 0; i = this.actionCheck(from, pre, action, post)) {
        this.record({ name: open[i]!.name, kind: 'action', stateId: id, slot, depth: depth + 1 });
        from = i + 1;
      }
    } catch (err) {
      throw propertyError(throwingProperty(open, from, [pre, action, post]), err);
    }
    if (from > 0) this.setActionOpen(this.undecided(open));
  }

  /**
   * The properties of `open` not decided yet. A method, not a closure in checkState or
   * checkTransition: an arrow function there that reads `this` makes every call of
   * its enclosing method allocate a context (40 bytes per new state on blkif).
   */
  private undecided<P extends { readonly name: string }>(open: readonly P[]): P[] {
    return open.filter((p) => !this.discoveries.has(p.name));
  }

  /** The open state properties (invariants, then witnesses) and their compiled check. */
  private setStateOpen(open: StateProperty<S>[]): void {
    this.stateOpen = open;
    this.stateCheck = compileFirstFiring<[S]>(
      open.map((p) => ({ test: p.check, firesWhen: p.kind === 'sometimes' })),
      1,
    );
  }

  private setActionOpen(open: ActionProperty<S, A>[]): void {
    this.actionProps = open;
    this.actionFroms = open.map((p) => ({ name: p.name, check: p.from ?? applies }));
    this.actionFrom = compileFirstFiring<[S]>(
      this.actionFroms.map((f) => ({ test: f.check, firesWhen: true })),
      1,
    );
    this.actionCheck = compileFirstFiring<[S, A, S]>(
      open.map((p) => ({ test: p.check, firesWhen: false })),
      3,
    );
  }

  deadlock(id: number, depth: number): void {
    if (!this.deadlockOpen) return;
    this.deadlockOpen = false;
    this.record({ name: DEADLOCK, kind: 'deadlock', stateId: id, slot: -1, depth });
  }

  private record(d: Discovery): void {
    this.discoveries.set(d.name, d);
    if (d.kind !== 'sometimes' && this.stopAtFirst) this.failed = true;
  }
}

/**
 * After a compiled check threw: the first open property from `from` on whose check
 * throws again on `args`. (Called with the arguments, not a closure over them: a
 * closure in checkState or checkTransition would make every call allocate a context.)
 */
function throwingProperty<Args extends unknown[]>(
  open: readonly { readonly name: string; readonly check: (...args: Args) => boolean }[],
  from: number,
  args: Args,
): string {
  for (let i = from; i < open.length; i++) {
    try {
      open[i]!.check(...args);
    } catch {
      return open[i]!.name;
    }
  }
  return open.slice(from).map((p) => p.name).join(' or ');
}

const applies = (): boolean => true;

function propertyError(name: string, err: unknown): Error {
  if (err instanceof GntcheckError) return err;
  return new GntcheckError('PROPERTY_THREW', `property ${name} threw: ${describeError(err)}`);
}
