import type { Progress } from '../explore/options.js';

/** Why a worker asked the whole run to stop in the middle of a level. */
export type StopReason = 'stopped' | 'states' | 'time' | 'memory';
const REASONS: readonly StopReason[] = ['stopped', 'states', 'time', 'memory'];

/** Int32 slots of the header. */
const DONE = 0;
const STOP = 1;
const DEPTH = 2;
const HEADER_BYTES = 16;
/** Float64 counters per worker: states stored, transitions fired, states stored but not expanded. */
const PER_WORKER = 3;

/**
 * The memory every thread of one parallel run shares (a SharedArrayBuffer):
 * - a stop flag any worker may raise mid-level (the first reason wins) and all poll,
 *   so a failure under stop-at-first, a bound or the memory limit stops every worker;
 * - counters each worker publishes every few hundred expansions, read for the global
 *   `maxStates` bound and for progress reports;
 * - the done flag the coordinator thread raises when its answer is posted, which the
 *   calling thread waits on with Atomics.wait (that is what keeps the API synchronous).
 * Counters are plain (racy) Float64 reads and writes: they only steer bounds and progress.
 */
export class SharedRun {
  private readonly flags: Int32Array;
  private readonly counters: Float64Array;

  constructor(
    readonly buffer: SharedArrayBuffer,
    readonly workers: number,
  ) {
    this.flags = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.counters = new Float64Array(buffer, HEADER_BYTES, workers * PER_WORKER);
  }

  static create(workers: number): SharedRun {
    return new SharedRun(new SharedArrayBuffer(HEADER_BYTES + workers * PER_WORKER * 8), workers);
  }

  requestStop(reason: StopReason): void {
    Atomics.compareExchange(this.flags, STOP, 0, REASONS.indexOf(reason) + 1);
  }

  stopRequested(): boolean {
    return Atomics.load(this.flags, STOP) !== 0;
  }

  stopReason(): StopReason | null {
    const code = Atomics.load(this.flags, STOP);
    return code === 0 ? null : REASONS[code - 1]!;
  }

  setDepth(depth: number): void {
    Atomics.store(this.flags, DEPTH, depth);
  }

  publish(worker: number, states: number, transitions: number, queue: number): void {
    const at = worker * PER_WORKER;
    this.counters[at] = states;
    this.counters[at + 1] = transitions;
    this.counters[at + 2] = queue;
  }

  totalStates(): number {
    let n = 0;
    for (let w = 0; w < this.workers; w++) n += this.counters[w * PER_WORKER]!;
    return n;
  }

  progress(elapsedMs: number): Progress {
    let states = 0;
    let transitions = 0;
    let queue = 0;
    for (let w = 0; w < this.workers; w++) {
      states += this.counters[w * PER_WORKER]!;
      transitions += this.counters[w * PER_WORKER + 1]!;
      queue += this.counters[w * PER_WORKER + 2]!;
    }
    return { states, transitions, depth: Atomics.load(this.flags, DEPTH), queue, elapsedMs };
  }

  signalDone(): void {
    Atomics.store(this.flags, DONE, 1);
    Atomics.notify(this.flags, DONE);
  }

  /** Blocks the calling thread up to `timeoutMs` for {@link signalDone}; true once it came. */
  waitDone(timeoutMs: number): boolean {
    return Atomics.wait(this.flags, DONE, 0, timeoutMs) !== 'timed-out';
  }
}
