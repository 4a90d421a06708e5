import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryBoundReached, MemoryBudget } from './budget.js';
import { FingerprintStore } from './fingerprintStore.js';
import { FullStateStore } from './fullStore.js';
import { SEEN, type StateStore } from './store.js';

/** One contract, every store: insert returns a fresh dense id exactly once per distinct state. */
const stores: [string, (w: number, b: MemoryBudget) => StateStore][] = [
  ['full', (w, b) => new FullStateStore(w, b, 16)],
  ['fingerprint', (w, b) => new FingerprintStore(w, b, 16)],
];

describe.each(stores)('%s store contract', (_name, make) => {
  it('behaves like a Set of word tuples', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((w) =>
          fc.tuple(fc.constant(w), fc.array(fc.array(fc.nat(5), { minLength: w, maxLength: w }), { maxLength: 3000 })),
        ),
        ([w, states]) => {
          const store = make(w, new MemoryBudget(1e9));
          const ref = new Map<string, number>();
          for (const s of states) {
            const id = store.insert(Uint32Array.from(s), 0);
            const key = s.join(',');
            if (ref.has(key)) expect(id).toBe(SEEN);
            else {
              expect(id).toBe(ref.size);
              ref.set(key, id);
            }
          }
          expect(store.count).toBe(ref.size);
          if (store.readable) {
            for (const [key, id] of ref) {
              const words = Array.from(store.bufferOf(id).subarray(store.offsetOf(id), store.offsetOf(id) + w));
              expect(words.join(',')).toBe(key);
              expect(store.lookup(Uint32Array.from(key.split(',').map(Number)), 0)).toBe(id);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('stops at the memory budget, unchanged', () => {
    const budget = new MemoryBudget(300 * 1024);
    const store = make(2, budget);
    let inserted = 0;
    expect(() => {
      for (let i = 0; i < 1e6; i++) {
        store.insert(Uint32Array.of(i, i * 7), 0);
        inserted++;
      }
    }).toThrow(MemoryBoundReached);
    expect(store.count).toBe(inserted);
    expect(budget.used).toBeLessThanOrEqual(budget.limit);
  });
});
