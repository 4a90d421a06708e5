import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { WorkerData } from './messages.js';
import { WorkerPool } from './pool.js';
import { threadScript } from './scripts.js';

/**
 * Starts `n` explorer workers, each pair joined by its own MessageChannel so that
 * states go from worker to worker directly (as transferred buffers), not through the
 * coordinator.
 */
export function startExplorers(n: number, common: Omit<WorkerData, 'index' | 'peers'>): WorkerPool {
  const peers: (MessagePort | null)[][] = Array.from({ length: n }, () => new Array<MessagePort | null>(n).fill(null));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const { port1, port2 } = new MessageChannel();
      peers[i]![j] = port1;
      peers[j]![i] = port2;
    }
  }
  return new WorkerPool(
    threadScript('worker'),
    peers.map((mine, index) => ({
      workerData: { ...common, index, peers: mine },
      transferList: mine.filter((p): p is MessagePort => p !== null),
    })),
  );
}
