import type { Discovery } from '../explore/propertyTracker.js';
import { discoveryIsFailure } from '../model/property.js';
import type { LevelReport } from './messages.js';

/**
 * The run's totals as of the last level, from the workers' cumulative reports, and the
 * first discovery of each property. A property may be discovered by several workers;
 * the one with the smallest depth is kept (the first in worker order on a tie, so a
 * complete run always keeps the same one). Levels are synchronous, so that depth is the
 * smallest at which the property can be decided: counterexamples stay shortest.
 */
export class Tally {
  private latest: readonly LevelReport[] = [];
  readonly discoveries = new Map<string, Discovery>();

  update(reports: readonly LevelReport[]): void {
    this.latest = reports;
    for (const r of reports) {
      for (const d of r.discoveries) {
        const kept = this.discoveries.get(d.name);
        if (kept === undefined || d.depth < kept.depth) this.discoveries.set(d.name, d);
      }
    }
  }

  private sum(f: (r: LevelReport) => number): number {
    let n = 0;
    for (const r of this.latest) n += f(r);
    return n;
  }

  get states(): number {
    return this.sum((r) => r.states);
  }
  get initialStates(): number {
    return this.sum((r) => r.initialStates);
  }
  get transitions(): number {
    return this.sum((r) => r.transitions);
  }
  get queue(): number {
    return this.sum((r) => r.queue);
  }
  get storeBytes(): number {
    return this.sum((r) => r.storeBytes);
  }
  get depth(): number {
    return Math.max(0, ...this.latest.map((r) => r.maxDepth));
  }
  get memoryHit(): boolean {
    return this.latest.some((r) => r.stop === 'memory');
  }
  get failed(): boolean {
    return [...this.discoveries.values()].some((d) => discoveryIsFailure(d.kind));
  }

  /** How often each action type fired, summed by name, in the order of `families` (then any other). */
  fired(families: readonly string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const f of families) out[f] = 0;
    for (const r of this.latest) r.families.forEach((f, i) => (out[f] = (out[f] ?? 0) + r.fired[i]!));
    return out;
  }

  /**
   * Fingerprint stores: chance that two distinct states of one worker share a
   * fingerprint. Workers own disjoint ranges of 1/n of the hash space, so a pair within
   * a worker collides with probability n / 2^64: n * sum of C(count, 2) over workers,
   * the sequential bound n(n-1)/2 / 2^64 when the shares are even.
   */
  omissionProbability(): number {
    const n = this.latest.length;
    return Math.min(1, (n * this.sum((r) => (r.states * (r.states - 1)) / 2)) / 2 ** 64);
  }

  /**
   * Stop-at-first: keeps the failing discoveries of the smallest depth, and every
   * witness. That is the shape of what sequential BFS reports when it stops at its first
   * failure: the failures of one expansion, all at one depth (the successors' depth, or
   * the expanded state's for a deadlock), and the shortest depth of any failure.
   */
  keepShortestFailures(): void {
    const failures = [...this.discoveries.values()].filter((d) => discoveryIsFailure(d.kind));
    const shortest = Math.min(...failures.map((d) => d.depth));
    for (const d of failures) if (d.depth > shortest) this.discoveries.delete(d.name);
  }
}
