/**
 * The shape of a model's state: a record of booleans, bounded integers, enums and
 * fixed-length arrays. From a shape the checker derives a bit layout (each value in as
 * few bits as its range needs) and a typed view that reads and writes packed words.
 */
export type Shape = BoolShape | IntShape | EnumShape | ArrayShape<Shape> | RecordShape<Fields>;

export interface BoolShape {
  readonly kind: 'bool';
}
export interface IntShape {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
}
export interface EnumShape {
  readonly kind: 'enum';
  readonly values: readonly string[];
}
export interface ArrayShape<E extends Shape> {
  readonly kind: 'array';
  readonly length: number;
  readonly of: E;
}
export type Fields = { readonly [name: string]: Shape };
export interface RecordShape<F extends Fields> {
  readonly kind: 'record';
  readonly fields: F;
}

export type ScalarShape = BoolShape | IntShape | EnumShape;

export const bool = (): BoolShape => ({ kind: 'bool' });
export const int = (min: number, max: number): IntShape => ({ kind: 'int', min, max });
export const enumOf = (values: readonly string[]): EnumShape => ({ kind: 'enum', values });
export const array = <E extends Shape>(length: number, of: E): ArrayShape<E> => ({ kind: 'array', length, of });
export const record = <F extends Fields>(fields: F): RecordShape<F> => ({ kind: 'record', fields });

/**
 * An enumeration with named numeric constants: `XB.Connected` is the number stored,
 * `XB.names[XB.Connected]` the name shown in traces.
 */
export type EnumDef<N extends string> = { readonly [K in N]: number } & {
  readonly names: readonly N[];
  readonly shape: EnumShape;
};

export function defineEnum<const N extends string>(names: readonly N[]): EnumDef<N> {
  const out: Record<string, unknown> = { names, shape: enumOf(names) };
  names.forEach((n, i) => (out[n] = i));
  return out as EnumDef<N>;
}

/** Read/write access to a fixed-length array of scalars inside a packed state. */
export interface ScalarArrayView<T> {
  readonly length: number;
  get(i: number): T;
  set(i: number, value: T): void;
  /**
   * Whether `other` holds the same elements (the same field in another state, say).
   * An array that fits in one word compares as one masked word.
   */
  equals(other: ScalarArrayView<T>): boolean;
  /**
   * The elements equal to `value`, as a bit set: bit `i` is set when `get(i) === value`
   * (unsigned; 0 for a value outside the element range). An array that fits in one word
   * answers with a few word operations instead of one read per element.
   */
  maskOf(value: T): number;
  /**
   * Where this array and `other` (of the same length) agree, as a bit set: bit `i` is set
   * when `get(i) === other.get(i)`. One-word arrays of the same element range compare
   * with word operations.
   */
  matchMask(other: ScalarArrayView<T>): number;
}

/**
 * An array of booleans, which can also be read and written whole as a bit set: bit `i`
 * is element `i`. `bits` and `setBits` (like `maskOf` and `matchMask` on every scalar
 * array) take arrays of at most 32 elements (BAD_MODEL otherwise); the result of `bits`
 * is unsigned.
 */
export interface BoolArrayView extends ScalarArrayView<boolean> {
  bits(): number;
  setBits(mask: number): void;
}

/** Access to a fixed-length array of records or arrays inside a packed state. */
export interface CompositeArrayView<V> {
  readonly length: number;
  at(i: number): V;
}

/** The typed view of a shape: what model code reads and writes. */
export type ViewOf<S extends Shape> = S extends BoolShape
  ? boolean
  : S extends IntShape | EnumShape
    ? number
    : S extends ArrayShape<infer E>
      ? E extends BoolShape
        ? BoolArrayView
        : E extends ScalarShape
          ? ScalarArrayView<ViewOf<E>>
          : CompositeArrayView<ViewOf<E>>
      : S extends RecordShape<infer F>
        ? { -readonly [K in keyof F]: F[K] extends ScalarShape ? ViewOf<F[K]> : Readonly<ViewOf<F[K]>> }
        : never;
