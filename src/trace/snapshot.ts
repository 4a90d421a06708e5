import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { toJsonValue, type JsonValue } from '../util/json.js';

/** A model state as it appears in traces: the model's snapshot (or the state), as ITF-compatible JSON. */
export function snapshotJson<S, A extends Action>(model: Model<S, A>, state: S): JsonValue {
  return toJsonValue(model.snapshot ? model.snapshot(state) : state);
}
