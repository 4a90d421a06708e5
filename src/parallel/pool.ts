import { Worker, type MessagePort } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerData } from './messages.js';
import { fromWire } from './wire.js';

/**
 * The explorer workers of one run, each with at most one request in flight. The first
 * failure of any worker (an error it posts, a crash, an unexpected exit) fails every
 * pending and later request: the others may be waiting for its states, so the run
 * cannot go on. {@link close} terminates them all.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending: ({ resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null)[] = [];
  private failure: Error | null = null;
  private closing = false;

  constructor(script: URL, threads: readonly { workerData: WorkerData; transferList: MessagePort[] }[]) {
    threads.forEach(({ workerData, transferList }, i) => {
      const w = new Worker(script, { workerData, transferList });
      w.on('message', (m: FromWorker) => this.onMessage(i, m));
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`parallel explorer worker ${i} exited unexpectedly (exit code ${code})`));
      });
      this.workers.push(w);
      this.pending.push(null);
    });
  }

  get size(): number {
    return this.workers.length;
  }

  request(i: number, msg: ToWorker): Promise<FromWorker> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending[i] = { resolve, reject };
      this.workers[i]!.postMessage(msg);
    });
  }

  all(msg: ToWorker): Promise<FromWorker[]> {
    return Promise.all(this.workers.map((_, i) => this.request(i, msg)));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private onMessage(i: number, m: FromWorker): void {
    if (m.type === 'error') {
      this.fail(fromWire(m.error));
      return;
    }
    const p = this.pending[i];
    this.pending[i] = null;
    p?.resolve(m);
  }

  private fail(err: Error): void {
    if (this.failure !== null) return;
    this.failure = err;
    this.pending.forEach((p, i) => {
      this.pending[i] = null;
      p?.reject(err);
    });
  }
}
