import { describe, expect, it } from 'vitest';
import type { Action } from '../model/action.js';
import type { Trace } from '../trace/trace.js';
import type { JsonValue } from '../util/json.js';
import type { AdapterStep, ImplementationAdapter } from './adapter.js';
import { replayOnImplementation } from './replayOnImplementation.js';

/** A counter model's trace: Inc adds one, Reset goes back to 0, Noise is another party's step, Jump adds 10. */
function trace(...types: string[]): Trace {
  let n = 0;
  const steps: Trace['steps'][number][] = [{ action: null, label: null, actor: null, state: { n } }];
  for (const type of types) {
    n = type === 'Inc' ? n + 1 : type === 'Reset' ? 0 : type === 'Noise' ? n : n + 10;
    steps.push({ action: { type }, label: type, actor: null, state: { n } });
  }
  return { origin: { model: 'counter', params: {}, variant: null }, property: 'p', kind: 'sometimes', steps, path: '' };
}

/** A counter implementation whose Reset only halves (a bug), behind an adapter. */
class CounterAdapter implements ImplementationAdapter {
  n = 0;
  constructor(private readonly start0 = 0) {}
  start(): void {
    this.n = this.start0;
  }
  step(action: Action): AdapterStep {
    switch (action.type) {
      case 'Inc':
        this.n++;
        return { kind: 'applied', calls: ['inc()'] };
      case 'Reset':
        this.n = Math.floor(this.n / 2);
        return { kind: 'applied', calls: ['reset()'] };
      case 'Boom':
        throw new Error('boom');
      case 'Noise':
        return { kind: 'ignored' };
      default:
        return { kind: 'unsupported', reason: 'no such operation' };
    }
  }
  observe(): JsonValue {
    return { count: this.n };
  }
  expected(state: JsonValue): JsonValue {
    return { count: (state as { n: number }).n };
  }
}

describe('replayOnImplementation', () => {
  it('conforms while the implementation follows the trace, counting the steps it took part in', () => {
    expect(replayOnImplementation(trace('Inc', 'Noise', 'Inc', 'Reset'), new CounterAdapter())).toEqual({
      ok: false,
      step: 4,
      action: { type: 'Reset' },
      label: 'Reset',
      reason: 'differs',
      message: "step 4: after Reset, the implementation's state differs from the model's",
      expected: { count: 0 },
      actual: { count: 1 },
      changes: [{ path: 'count', before: 0, after: 1 }],
      calls: ['reset()'],
    });
    expect(replayOnImplementation(trace('Inc', 'Noise', 'Inc'), new CounterAdapter())).toEqual({
      ok: true,
      steps: 3,
      applied: 2,
      message: 'conforms: 3 steps, 2 of them on the implementation',
    });
  });

  it('reports a different initial state at step 0, an unsupported action, and a throw', () => {
    expect(replayOnImplementation(trace('Inc'), new CounterAdapter(5))).toMatchObject({ ok: false, step: 0, reason: 'differs' });
    expect(replayOnImplementation(trace('Inc', 'Jump'), new CounterAdapter())).toMatchObject({ ok: false, step: 2, reason: 'unsupported' });
    expect(replayOnImplementation(trace('Boom'), new CounterAdapter())).toMatchObject({ ok: false, step: 1, reason: 'threw' });
  });
});
