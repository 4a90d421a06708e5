import type { Kernel } from '../kernel/kernel.js';
import { formatActionDefault, type Action } from '../model/action.js';
import { MemoryBoundReached } from '../store/budget.js';
import type { StateStore } from '../store/store.js';
import { ROOT, type TraceLog } from '../store/traceLog.js';
import { describeError, GntcheckError } from '../util/errors.js';
import { checkDeterminism, sampledForDeterminism } from './determinism.js';
import type { CheckOptions, Progress } from './options.js';
import type { PropertyTracker } from './propertyTracker.js';
import type { IncompleteReason } from './result.js';

/** Called for each newly stored state; `words` is only valid during the call. */
export type OnNewState = (id: number, words: Uint32Array, off: number, depth: number) => void;

/**
 * Partitioned exploration (src/parallel): decides whether a state belongs to another
 * explorer and, if so, takes it (`words` is only valid during the call) and returns
 * true, so that this one neither stores nor checks it. `parent` is the id of the state
 * it was reached from and `slot` the action slot (ROOT and the initial-state index for
 * an initial state).
 */
export type Route = (words: Uint32Array, parent: number, slot: number) => boolean;

/** The state {@link Search.expand} is expanding. */
interface Expanding<S> {
  state: S;
  id: number;
  depth: number;
  onNew: OnNewState;
  route: Route | undefined;
  /** Enabled slots so far. */
  enabled: number;
  /** The slot whose successor is being handled, or -1 between successors. */
  slot: number;
  /** Whether the action properties are checked on this state's transitions (see ActionProperty.from). */
  actions: boolean;
  /** Whether, instead, the promises of the `from`s that exclude this state are tested on them. */
  audit: boolean;
}

/**
 * The one step every strategy shares: "check a new state, expand a state's
 * successors". Strategies differ only in which state they expand next and what they
 * keep of the new ones (`OnNewState`).
 */
export class Search<S, A extends Action> {
  transitions = 0;
  maxDepth = 0;
  expanded = 0;
  initialStates = 0;
  readonly fired: Float64Array;
  stopReason: IncompleteReason | null = null;
  private readonly started = performance.now();
  private nextProgress: number;
  private nextTimeCheck = 0;

  constructor(
    readonly kernel: Kernel<S, A>,
    readonly store: StateStore,
    readonly log: Pick<TraceLog, 'record'>,
    readonly tracker: PropertyTracker<S, A>,
    readonly options: CheckOptions,
  ) {
    this.fired = new Float64Array(Math.max(64, kernel.families.length * 2));
    this.nextProgress = this.started + options.progressIntervalMs;
  }

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** Stores the initial states (those `route` does not take), checks them, and hands the new ones to `onNew`. */
  seed(onNew: OnNewState, route?: Route): void {
    const inits = this.guard('initial states', -1, () => this.kernel.initialStates());
    if (inits.length === 0) throw new GntcheckError('BAD_MODEL', `${this.kernel.model.name}: no initial state`);
    inits.forEach((words, index) => {
      if (route !== undefined && route(words, ROOT, index)) return;
      const id = this.store.insert(words, 0);
      if (id < 0) return;
      this.log.record(id, ROOT, index);
      this.initialStates++;
      const s = this.guard('initial states', -1, () => this.kernel.load(words, 0));
      this.tracker.checkState(s, id, 0);
      onNew(id, words, 0, 0);
    });
  }

  /**
   * Expands state `id` (its words at `src[off]`, at `depth`): fires every slot,
   * checks action properties on each transition, stores each successor (unless `route`
   * takes it) and checks state properties on the new ones.
   */
  expand(id: number, src: Uint32Array, off: number, depth: number, onNew: OnNewState, route?: Route): void {
    const k = this.kernel;
    // One record, rewritten per state: the kernel calls onSuccessor with the slot only.
    const at = this.at;
    at.state = k.load(src, off);
    at.id = id;
    at.depth = depth;
    at.onNew = onNew;
    at.route = route;
    at.enabled = 0;
    at.slot = -1;
    const tracker = this.tracker;
    const actionProperties = tracker.hasActionProperties;
    const sampled = this.options.determinism === 'sample' && sampledForDeterminism(id);
    at.actions = actionProperties && tracker.appliesFrom(at.state);
    at.audit = actionProperties && !at.actions && sampled;
    try {
      k.expand(this.onSuccessor);
    } catch (err) {
      throw this.wrap(err, at.slot >= 0 ? at.slot : this.slotThatThrows(src, off));
    }
    const enabled = at.enabled;
    this.transitions += enabled;
    this.expanded++;
    if (enabled === 0) this.tracker.deadlock(id, depth);
    if (sampled) checkDeterminism(k, src, off, id);
  }

  /** The state being expanded, and while a successor is being handled (`slot` >= 0), its slot. */
  private readonly at: Expanding<S> = {
    state: undefined as S,
    id: -1,
    depth: 0,
    onNew: () => {},
    route: undefined,
    enabled: 0,
    slot: -1,
    actions: false,
    audit: false,
  };

  /** The kernel's emit: one successor of {@link at}, in the kernel's scratch words. */
  private readonly onSuccessor = (slot: number): void => {
    const k = this.kernel;
    const at = this.at;
    at.slot = slot;
    at.enabled++;
    this.fired[k.familyOf(slot)]!++;
    if (at.actions) this.tracker.checkTransition(at.state, k.actionAt(slot), k.successor(), at.id, slot, at.depth);
    else if (at.audit) this.tracker.auditFrom(at.state, k.actionAt(slot), k.successor(), at.id);
    k.canonicalize();
    if (at.route === undefined || !at.route(k.scratch, at.id, slot)) {
      const nid = this.store.insert(k.scratch, 0);
      if (nid >= 0) {
        this.log.record(nid, at.id, slot);
        const depth = at.depth + 1;
        if (depth > this.maxDepth) this.maxDepth = depth;
        this.tracker.checkState(k.successor(), nid, depth);
        at.onNew(nid, k.scratch, 0, depth);
      }
    }
    at.slot = -1;
  };

  /**
   * After the kernel threw while evaluating a guard or an effect: walks the state
   * again, one slot at a time, to name the slot whose guard or effect throws.
   */
  private slotThatThrows(src: Uint32Array, off: number): number {
    const k = this.kernel;
    try {
      k.load(src, off);
      while (k.fireNext() >= 0);
    } catch {
      return k.failedSlot();
    }
    return -1;
  }

  /**
   * Whether the strategy should stop now (a failure under stop-at-first, or a bound).
   * Sets {@link stopReason}. Cheap enough to call once per expansion.
   */
  shouldStop(queue: number, depth: number): boolean {
    if (this.tracker.failed) {
      this.stopReason = 'stopped';
      return true;
    }
    if (this.store.count >= this.options.maxStates) {
      this.stopReason = 'states';
      return true;
    }
    if (++this.nextTimeCheck >= 256) {
      this.nextTimeCheck = 0;
      const now = performance.now();
      if (now - this.started >= this.options.timeoutMs) {
        this.stopReason = 'time';
        return true;
      }
      if (this.options.onProgress && now >= this.nextProgress) {
        this.nextProgress = now + this.options.progressIntervalMs;
        this.options.onProgress(this.progress(queue, depth));
      }
    }
    return false;
  }

  progress(queue: number, depth: number): Progress {
    return {
      states: this.store.count,
      transitions: this.transitions,
      depth: Math.max(depth, this.maxDepth),
      queue,
      elapsedMs: this.elapsedMs(),
    };
  }

  private guard<T>(what: string, slot: number, f: () => T): T {
    try {
      return f();
    } catch (err) {
      throw this.wrap(err, slot, what);
    }
  }

  private wrap(err: unknown, slot: number, what?: string): Error {
    if (err instanceof GntcheckError || err instanceof MemoryBoundReached) return err;
    const model = this.kernel.model.name;
    let where = what ?? 'expanding a state';
    if (what === undefined && slot >= 0) {
      try {
        const a = this.kernel.actionAt(slot);
        where = `action ${(this.kernel.model.formatAction ?? formatActionDefault)(a)}`;
      } catch {
        where = `action slot ${slot}`;
      }
    }
    return new GntcheckError('MODEL_THREW', `${model}: ${where} threw: ${describeError(err)}`);
  }
}
