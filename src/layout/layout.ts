import type { JsonObject } from '../util/json.js';
import type { Fields, RecordShape, ScalarShape } from './shape.js';

/** One scalar of the state and where its bits live: `(word >>> shift) & (2^bits - 1)`, plus `min`. */
export interface Leaf {
  /** `fe`, `pin[2]`, `tlb[1][0]`, `slots[0].gref`. */
  readonly path: string;
  readonly shape: ScalarShape;
  readonly bits: number;
  readonly word: number;
  readonly shift: number;
}

/**
 * A compiled state shape: how many 32-bit words one state takes, and views that read
 * and write those words in place. A view is bound to (buffer, offset) and can be
 * rebound; the checker's kernel instead copies each state's words into the buffer of a
 * fixed view (fixedViewsOf), whose code reads it directly, so that two view objects walk
 * millions of states.
 */
export interface Layout<V> {
  readonly shape: RecordShape<Fields>;
  readonly words: number;
  readonly leaves: readonly Leaf[];
  /** A view over a fresh zeroed state of its own. */
  create(): V;
  /** A view bound to `buffer` at word `offset`. */
  viewOf(buffer: Uint32Array, offset: number): V;
  /**
   * `count` views of `buffer` for good, view i over words `i * words ..`, with the buffer
   * written into their code: an access is one typed-array read or write at the view's
   * offset, without loading the view's buffer first. The views share one set of classes,
   * so code given any of them sees one shape. For the views a kernel reuses for every
   * state (their words are copied in, not rebound). `bind` refuses them.
   */
  fixedViewsOf(buffer: Uint32Array, count: number): V[];
  bind(view: V, buffer: Uint32Array, offset: number): void;
  buffer(view: V): Uint32Array;
  offset(view: V): number;
  /** A view over a fresh copy of `view`'s words. */
  clone(view: V): V;
  equals(a: V, b: V): boolean;
  /** Enums by name, booleans, numbers and nested arrays/objects: what traces show. */
  toObject(view: V): JsonObject;
  /** Writes a `toObject` snapshot back; throws BAD_TRACE naming the first field that does not fit. */
  fromObject(obj: unknown, view: V): void;
}
