/**
 * Where a model reports the side effects of a transition that are not visible in the
 * state: hypercalls issued, TLB flushes, completed requests. The checker passes a
 * sink that ignores them while exploring; cost measurements pass a counting one.
 */
export interface EffectSink {
  add(effect: string, count: number): void;
}

export const IGNORE_EFFECTS: EffectSink = { add() {} };

export class EffectCounter implements EffectSink {
  readonly counts = new Map<string, number>();
  add(effect: string, count: number): void {
    this.counts.set(effect, (this.counts.get(effect) ?? 0) + count);
  }
  get(effect: string): number {
    return this.counts.get(effect) ?? 0;
  }
}
