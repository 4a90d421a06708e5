import type { Kernel } from '../kernel/kernel.js';
import { kernelFor } from '../kernel/kernelFor.js';
import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import type { CheckOptions } from '../explore/options.js';
import { PropertyTracker, type Discovery } from '../explore/propertyTracker.js';
import { Search, type OnNewState, type Route } from '../explore/search.js';
import { MemoryBoundReached, MemoryBudget } from '../store/budget.js';
import { FingerprintStore } from '../store/fingerprintStore.js';
import { FullStateStore } from '../store/fullStore.js';
import type { StateStore } from '../store/store.js';
import { WordFrontier } from '../store/wordStack.js';
import { fail } from '../util/errors.js';
import type { LevelReport, PathSegment } from './messages.js';
import { Outbox } from './outbox.js';
import { globalId, localOf, Partitioner } from './owner.js';
import { PartitionLog } from './partitionLog.js';
import type { SharedRun, StopReason } from './shared.js';

const ignore = (): void => {};

/**
 * One worker's share of a parallel BFS: the states whose hash it owns, with their own
 * store, trace log and property tracker, expanded by the same Search step as the
 * sequential checker. Successors owned elsewhere are routed to the {@link Outbox}
 * instead of the store; the states other workers send are adopted after each level.
 *
 * With a full store the store is the queue (ids are discovery order, and a level's
 * states are the ids stored during the previous one); a fingerprint store cannot read
 * states back, so a FIFO frontier keeps their words.
 */
export class Partition<S, A extends Action> {
  private readonly kernel: Kernel<S, A>;
  private readonly budget: MemoryBudget;
  private readonly store: StateStore;
  private readonly log: PartitionLog;
  private readonly tracker: PropertyTracker<S, A>;
  private readonly search: Search<S, A>;
  private readonly partitioner: Partitioner;
  private readonly outbox: Outbox;
  private readonly frontier: WordFrontier | null;
  /** The words of the state being expanded (fingerprint store). */
  private readonly current: Uint32Array;
  /** Full store: the next id to expand. */
  private cursor = 0;
  private stop: StopReason | null = null;
  private readonly reported = new Set<string>();
  private readonly route: Route;
  private readonly seedRoute: Route;
  private readonly onNew: OnNewState;

  constructor(
    model: Model<S, A>,
    private readonly options: CheckOptions,
    readonly index: number,
    readonly workers: number,
    private readonly shared: SharedRun,
  ) {
    if (!model.packed) fail('BAD_OPTION', `${model.name} has no packed form; parallel exploration sends states between workers as packed words`);
    this.kernel = kernelFor(model, options.symmetry && model.packed.canonicalize !== undefined);
    const words = this.kernel.words;
    this.budget = new MemoryBudget(Math.floor(options.maxMemoryBytes / workers));
    this.store = options.store === 'full' ? new FullStateStore(words, this.budget) : new FingerprintStore(words, this.budget);
    this.log = new PartitionLog(this.budget, index, workers);
    this.tracker = new PropertyTracker(model, options.deadlock, options.stopAtFirst);
    this.search = new Search(this.kernel, this.store, this.log, this.tracker, options);
    this.partitioner = new Partitioner(words, workers);
    this.outbox = new Outbox(words, workers, this.budget);
    this.frontier = this.store.readable ? null : new WordFrontier(words, this.budget);
    this.current = new Uint32Array(words);
    const partitioner = this.partitioner;
    const outbox = this.outbox;
    this.route = (src, parent, slot) => {
      const owner = partitioner.ownerOf(src, 0);
      if (owner === index) return false;
      outbox.add(owner, src, 0, parent, slot, partitioner.lastKey);
      return true;
    };
    // Every worker computes all initial states and keeps the ones it owns.
    this.seedRoute = (src) => partitioner.ownerOf(src, 0) !== index;
    const frontier = this.frontier;
    this.onNew = frontier === null ? ignore : (id, src, off, depth) => frontier.push(id, depth, src, off);
  }

  seed(): void {
    this.guardMemory(() => this.search.seed(this.onNew, this.seedRoute));
    this.publish();
  }

  /**
   * Expands this worker's states of `depth`, unless a stop is requested: by another
   * worker (shared flag), by this one's tracker (stop-at-first), or by a bound (global
   * state count, deadline) polled every 256 expansions.
   */
  expandLevel(depth: number, deadline: number): void {
    const search = this.search;
    const shared = this.shared;
    let tick = 0;
    this.guardMemory(() => {
      if (this.frontier === null) {
        const store = this.store;
        const end = store.count;
        while (this.cursor < end && !shared.stopRequested()) {
          const id = this.cursor++;
          search.expand(id, store.bufferOf(id), store.offsetOf(id), depth, this.onNew, this.route);
          if (this.shouldStop(++tick, deadline)) break;
        }
      } else {
        const frontier = this.frontier;
        const current = this.current;
        for (let n = frontier.size; n > 0 && !shared.stopRequested(); n--) {
          const id = frontier.take(true, current);
          search.expand(id, current, 0, depth, this.onNew, this.route);
          if (this.shouldStop(++tick, deadline)) break;
        }
      }
    });
    this.publish();
  }

  /** The batch of states for worker `owner`, to transfer. */
  batchFor(owner: number): { buffer: ArrayBuffer; count: number } {
    return this.outbox.take(owner);
  }

  /**
   * Stores and checks the states worker `from` sent (all of `depth`); each entry is the
   * words, the parent's local id in `from`, and the slot. Batches must be adopted in
   * worker order, so that local ids, and so traces, do not depend on message timing.
   */
  adopt(from: number, entries: Uint32Array, count: number, depth: number): void {
    const words = this.kernel.words;
    const stride = words + 2;
    const { store, log, kernel, tracker, search, frontier, workers } = this;
    this.guardMemory(() => {
      for (let i = 0, off = 0; i < count; i++, off += stride) {
        const id = store.insert(entries, off);
        if (id < 0) continue;
        log.adopt(id, globalId(entries[off + words]!, from, workers), entries[off + words + 1]!);
        if (depth > search.maxDepth) search.maxDepth = depth;
        tracker.checkState(kernel.load(entries, off), id, depth);
        if (frontier !== null) frontier.push(id, depth, entries, off);
      }
    });
    this.publish();
  }

  report(): LevelReport {
    const discoveries: Discovery[] = [];
    for (const d of this.tracker.discoveries.values()) {
      if (this.reported.has(d.name)) continue;
      this.reported.add(d.name);
      discoveries.push({ ...d, stateId: globalId(d.stateId, this.index, this.workers) });
    }
    const families = [...this.kernel.families];
    return {
      states: this.store.count,
      initialStates: this.search.initialStates,
      transitions: this.search.transitions,
      maxDepth: this.search.maxDepth,
      queue: this.queue(),
      stop: this.stop,
      discoveries,
      families,
      fired: families.map((_, i) => this.search.fired[i]!),
      storeBytes: this.store.bytes() + this.log.bytes() + this.kernel.bytes(),
    };
  }

  /** The parent links from global id `gid` (owned here) while they stay here. */
  segment(gid: number, withWords: boolean): PathSegment {
    const id = localOf(gid, this.workers);
    const { actions, next } = this.log.segment(id);
    let words: Uint32Array | null = null;
    if (withWords && this.store.readable) {
      const off = this.store.offsetOf(id);
      words = this.store.bufferOf(id).slice(off, off + this.kernel.words);
    }
    return { actions, next, words };
  }

  private queue(): number {
    return this.frontier === null ? this.store.count - this.cursor : this.frontier.size;
  }

  private publish(): void {
    this.shared.publish(this.index, this.store.count, this.search.transitions, this.queue());
  }

  private shouldStop(tick: number, deadline: number): boolean {
    if (this.tracker.failed) {
      this.shared.requestStop('stopped');
      return true;
    }
    if ((tick & 255) !== 0) return false;
    this.publish();
    if (this.shared.totalStates() >= this.options.maxStates) {
      this.shared.requestStop('states');
      return true;
    }
    if (Date.now() >= deadline) {
      this.shared.requestStop('time');
      return true;
    }
    return false;
  }

  /** Runs `f`; reaching this worker's share of the memory bound stops the whole run. */
  private guardMemory(f: () => void): void {
    if (this.stop === 'memory') return;
    try {
      f();
    } catch (err) {
      if (!(err instanceof MemoryBoundReached)) throw err;
      this.stop = 'memory';
      this.shared.requestStop('memory');
    }
  }
}
