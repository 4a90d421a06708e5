import type { AdapterFactory, AdapterStep, ImplementationAdapter } from '../../src/conformance/adapter.js';
import type { Action } from '../../src/model/action.js';
import type { TraceOrigin } from '../../src/trace/trace.js';
import type { JsonValue } from '../../src/util/json.js';
import { BlkbackStoreAdapter } from './blkbackStoreAdapter.js';
import { BlkfrontPoolAdapter } from './blkfrontPoolAdapter.js';

/**
 * Both ends at once: backend actions go to the store, frontend actions to the pool, and
 * the observed state is `{ backend, frontend }`. An action one side does not support
 * is unsupported for the pair.
 */
export class BlkifAdapter implements ImplementationAdapter {
  constructor(
    private readonly backend: ImplementationAdapter = new BlkbackStoreAdapter(),
    private readonly frontend: ImplementationAdapter = new BlkfrontPoolAdapter(),
  ) {}

  start(origin: TraceOrigin, initial: JsonValue): void {
    this.backend.start(origin, initial);
    this.frontend.start(origin, initial);
  }

  step(action: Action, pre: JsonValue): AdapterStep {
    const steps = [this.backend.step(action, pre), this.frontend.step(action, pre)];
    const unsupported = steps.find((s) => s.kind === 'unsupported');
    if (unsupported) return unsupported;
    const calls = steps.flatMap((s) => (s.kind === 'applied' ? s.calls : []));
    return steps.some((s) => s.kind === 'applied') ? { kind: 'applied', calls } : { kind: 'ignored' };
  }

  observe(): JsonValue {
    return { backend: this.backend.observe(), frontend: this.frontend.observe() };
  }

  expected(state: JsonValue): JsonValue {
    return { backend: this.backend.expected(state), frontend: this.frontend.expected(state) };
  }
}

export const blkifBothEnds: AdapterFactory = {
  name: 'blkif',
  description: 'both ends: the persistent grant store for backend actions, the grant pool for frontend actions',
  models: ['blkif'],
  create: () => new BlkifAdapter(),
};
