import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import type { JsonValue } from '../util/json.js';

/** Called once per enabled slot, after its successor has been written to the scratch words. */
export type Emit = (slot: number) => void;

/**
 * A model as the explorer sees it: every state is `words` 32-bit words, and the
 * actions of a state are numbered slots. The kernel owns one "current" state (set by
 * `load`) and one scratch successor (written by `fire`); both are reused, so the S
 * values it returns are only valid until the next `load`/`fire`.
 *
 * Slot numbering is part of the determinism contract: slot `i` of the same state must
 * always be the same action, because traces are stored as slot numbers.
 */
export interface Kernel<S, A extends Action> {
  readonly model: Model<S, A>;
  readonly words: number;
  /** Action types, indexed by the family numbers `fire` returns. */
  readonly families: string[];
  /** Encoded initial states, in the model's order. */
  initialStates(): Uint32Array[];
  /** Makes `src[off..off+words)` the current state and returns it. */
  load(src: Uint32Array, off: number): S;
  /** Number of action slots of the current state (enabled or not). */
  slots(): number;
  /**
   * If slot `i` is enabled in the current state, writes the successor into
   * {@link scratch} and returns the action's family number; otherwise returns -1.
   */
  fire(i: number): number;
  /**
   * Fires the next enabled slot of the current state, in slot order, and returns it;
   * -1 when no enabled slot is left. `load` restarts the walk. Visits exactly the
   * slots for which `fire` would succeed, but may test shared guard prefixes once.
   */
  fireNext(): number;
  /**
   * Fires every enabled slot of the current state in slot order, calling `emit(slot)`
   * once the slot's successor is in {@link scratch}; the same slots `fireNext` visits.
   * The fast path of exploration. After it throws, {@link failedSlot} does not apply:
   * reload the state and walk it with `fireNext` to find the slot.
   */
  expand(emit: Emit): void;
  /**
   * After `fireNext` threw: the slot whose guard or effect was being evaluated (for a
   * guard test shared by several slots, the first of them), so errors can name it.
   */
  failedSlot(): number;
  /** The family number of slot `i`'s action in the current state. */
  familyOf(i: number): number;
  /** The words of the last successor written by `fire` or `fireNext`. */
  readonly scratch: Uint32Array;
  /** The last successor as a model state (for action properties and invariants). */
  successor(): S;
  /** Rewrites `scratch` into its symmetry representative (no-op without symmetry). */
  canonicalize(): void;
  /** The action in slot `i` of the current state. */
  actionAt(i: number): A;
  /** JSON snapshot of the words at `src[off]`. */
  snapshotOf(src: Uint32Array, off: number): JsonValue;
  /** Bytes the kernel holds outside the stores (the intern table of a plain model). */
  bytes(): number;
}
