/**
 * Lifecycle conformance as an action property for the checker, plus a record of what
 * exploration saw: every distinct chart step the model took, and the failing steps.
 * Recording is the property's one side effect; it is idempotent, so the checker's
 * determinism re-expansions change nothing. The checker stops evaluating a property at
 * its first failure, so under `check` `failures` holds that first failing step only.
 */
import type { Action } from '../../../src/model/action.js';
import { actionProperty, type ActionProperty } from '../../../src/model/property.js';
import { formatEdge, type ChartEdge } from './chartEdge.js';
import { conforms, formatVerdict, type LifecycleConformance, type StepVerdict } from './conformance.js';

export const LIFECYCLE_PROPERTY = 'lifecycleFollowsChart';

export class LifecycleAudit<S, A extends Action> {
  /** Distinct chart steps taken, by `formatEdge`. */
  readonly taken = new Map<string, ChartEdge>();
  /** Failing verdicts, by `formatVerdict`. */
  readonly failures = new Map<string, StepVerdict>();
  readonly property: ActionProperty<S, A>;

  constructor(readonly conformance: LifecycleConformance<S>) {
    this.property = actionProperty<S, A>(
      LIFECYCLE_PROPERTY,
      (pre, action, post) => this.record(conformance.verdict(pre, action, post)),
      'every lifecycle step of the model is a transition of the XenBus lifecycle chart; ' +
        'every other step leaves both XenBus states unchanged',
    );
  }

  private record(v: StepVerdict): boolean {
    switch (v.kind) {
      case 'internal':
        break;
      case 'lifecycle':
        this.taken.set(formatEdge(v.edge), v.edge);
        break;
      case 'internal-moved':
      case 'not-in-chart':
        this.failures.set(formatVerdict(v), v);
        break;
    }
    return conforms(v);
  }
}
