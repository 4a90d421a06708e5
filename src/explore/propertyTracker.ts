import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { DEADLOCK, type ActionProperty, type PropertyKind, type StateProperty } from '../model/property.js';
import { describeError, fail, GntcheckError } from '../util/errors.js';

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
  private always: StateProperty<S>[];
  private sometimes: StateProperty<S>[];
  private actionProps: ActionProperty<S, A>[];
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
    this.always = model.properties.filter((p): p is StateProperty<S> => p.kind === 'always');
    this.sometimes = model.properties.filter((p): p is StateProperty<S> => p.kind === 'sometimes');
    this.actionProps = model.properties.filter((p): p is ActionProperty<S, A> => p.kind === 'action');
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
    let current = '';
    try {
      const always = this.always;
      for (let i = 0; i < always.length; i++) {
        const p = always[i]!;
        current = p.name;
        if (!p.check(state)) {
          this.record({ name: p.name, kind: 'always', stateId: id, slot: -1, depth });
          this.always = this.always.filter((q) => q !== p);
        }
      }
      const some = this.sometimes;
      for (let i = 0; i < some.length; i++) {
        const p = some[i]!;
        current = p.name;
        if (p.check(state)) {
          this.record({ name: p.name, kind: 'sometimes', stateId: id, slot: -1, depth });
          this.sometimes = this.sometimes.filter((q) => q !== p);
        }
      }
    } catch (err) {
      throw propertyError(current, err);
    }
  }

  /** Evaluates the action properties on one transition from state `id`. */
  checkTransition(pre: S, action: A, post: S, id: number, slot: number, depth: number): void {
    let current = '';
    try {
      const props = this.actionProps;
      for (let i = 0; i < props.length; i++) {
        const p = props[i]!;
        current = p.name;
        if (!p.check(pre, action, post)) {
          this.record({ name: p.name, kind: 'action', stateId: id, slot, depth: depth + 1 });
          this.actionProps = this.actionProps.filter((q) => q !== p);
        }
      }
    } catch (err) {
      throw propertyError(current, err);
    }
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

function propertyError(name: string, err: unknown): Error {
  if (err instanceof GntcheckError) return err;
  return new GntcheckError('PROPERTY_THREW', `property ${name} threw: ${describeError(err)}`);
}
