import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GntcheckError } from '../util/errors.js';
import { compileLayout } from './compile.js';
import { array, bool, enumOf, int, record, type Shape } from './shape.js';

const scalarArb: fc.Arbitrary<Shape> = fc.oneof(
  fc.constant(bool()),
  fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 5000 })).map(([lo, span]) => int(lo, lo + span)),
  fc.integer({ min: 1, max: 9 }).map((n) => enumOf(Array.from({ length: n }, (_, i) => `v${i}`))),
);
const shapeArb: fc.Arbitrary<Shape> = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.tuple(fc.integer({ min: 0, max: 4 }), tie('shape')).map(([n, of]) => array(n, of)),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('shape'), { minKeys: 1, maxKeys: 3 }).map((f) => record(f)),
  ),
})).shape;
const rootArb = fc.dictionary(fc.constantFrom('x', 'y', 'z', 'w'), shapeArb, { minKeys: 1, maxKeys: 4 }).map((f) => record(f));

/** A random value that fits `shape`, as `toObject` shows it. */
function valueArb(shape: Shape): fc.Arbitrary<unknown> {
  switch (shape.kind) {
    case 'bool':
      return fc.boolean();
    case 'int':
      return fc.integer({ min: shape.min, max: shape.max });
    case 'enum':
      return fc.constantFrom(...shape.values);
    case 'array':
      return fc.tuple(...Array.from({ length: shape.length }, () => valueArb(shape.of)));
    case 'record': {
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, f] of Object.entries(shape.fields)) fields[k] = valueArb(f);
      return fc.record(fields);
    }
  }
}

describe('packed layouts', () => {
  it('fromObject then toObject is the identity, and equal values pack to equal words', () => {
    fc.assert(
      fc.property(
        rootArb.chain((shape) => fc.tuple(fc.constant(shape), valueArb(shape), valueArb(shape))),
        ([shape, a, b]) => {
          const layout = compileLayout(shape);
          const va = layout.create();
          layout.fromObject(a, va);
          expect(layout.toObject(va)).toEqual(a);
          const vb = layout.create();
          layout.fromObject(b, vb);
          // write b over a's view: only b's value may remain (no stale bits)
          layout.fromObject(b, va);
          expect(Array.from(layout.buffer(va))).toEqual(Array.from(layout.buffer(vb)));
          expect(layout.equals(va, vb)).toBe(true);
          // A fixed view reads and writes the same words in its own buffer.
          // Two fixed views of one buffer: the second's words follow the first's, and neither writes the other's.
          const words = new Uint32Array(2 * layout.words);
          const [first, second] = layout.fixedViewsOf(words, 2) as [typeof va, typeof va];
          layout.fromObject(a, second);
          layout.fromObject(a, first);
          layout.fromObject(b, second);
          expect(Array.from(words.subarray(layout.words))).toEqual(Array.from(layout.buffer(vb)));
          expect(layout.toObject(first)).toEqual(a);
          words.set(layout.buffer(va), layout.words);
          expect(layout.toObject(second)).toEqual(layout.toObject(va));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('packs fields into as few words as first-fit-decreasing gives, none straddling a word', () => {
    const layout = compileLayout(record({ a: array(10, int(0, 7)), b: bool(), c: enumOf(['x', 'y', 'z']) }));
    expect(layout.words).toBe(2);
    for (const leaf of layout.leaves) expect(leaf.shift + leaf.bits).toBeLessThanOrEqual(32);
  });

  it('views rebind to other buffers and offsets', () => {
    const layout = compileLayout(record({ n: int(0, 100), flags: array(3, bool()) }));
    const buf = new Uint32Array(layout.words * 3);
    const v = layout.viewOf(buf, 0);
    for (let i = 0; i < 3; i++) {
      layout.bind(v, buf, i * layout.words);
      v.n = i * 10;
      v.flags.set(i, true);
    }
    layout.bind(v, buf, layout.words);
    expect(layout.toObject(v)).toEqual({ n: 10, flags: [false, true, false] });
  });

  it('fixed views are over their buffer for good: bind refuses them', () => {
    const layout = compileLayout(record({ n: int(0, 100), flags: array(3, bool()) }));
    const words = new Uint32Array(2 * layout.words);
    const [, v] = layout.fixedViewsOf(words, 2) as [unknown, ReturnType<typeof layout.create>];
    v.n = 42;
    v.flags.set(1, true);
    expect(layout.buffer(v)).toBe(words);
    expect(layout.offset(v)).toBe(layout.words);
    expect(layout.toObject(layout.viewOf(words, layout.words))).toEqual({ n: 42, flags: [false, true, false] });
    expect(() => layout.bind(v, new Uint32Array(layout.words), 0)).toThrow(/cannot be rebound/);
    expect(() => layout.fixedViewsOf(new Uint32Array(1), 2)).toThrow(/a buffer of 1 words for 2 states of 1/);
  });

  it('arrays of two layouts with the same path compare element by element, not by their blocks', () => {
    // Same site name "xs[]", different widths: equal elements are different blocks.
    const narrow = compileLayout(record({ xs: array(3, int(0, 3)) })).create();
    const wide = compileLayout(record({ xs: array(3, int(0, 9)) })).create();
    for (let i = 0; i < 3; i++) {
      narrow.xs.set(i, i);
      wide.xs.set(i, i);
    }
    expect(narrow.xs.equals(wide.xs)).toBe(true);
    wide.xs.set(2, 9);
    expect(narrow.xs.equals(wide.xs)).toBe(false);
  });

  it('setting a value out of range or indexing past an array names the field', () => {
    const layout = compileLayout(record({ n: int(1, 3), xs: array(2, int(0, 1)), slots: array(2, record({ g: int(0, 2) })) }));
    const v = layout.create();
    const err = (f: () => void): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(GntcheckError);
        return (e as GntcheckError).message;
      }
      return 'no error';
    };
    expect(err(() => (v.n = 4))).toMatch(/state field n set to 4, outside its declared range 1\.\.3/);
    expect(err(() => (v.n = 1.5))).toMatch(/field n/);
    expect(err(() => v.xs.set(2, 0))).toMatch(/xs indexed with 2/);
    expect(err(() => v.xs.set(0, 2))).toMatch(/xs\[0\] set to 2/);
    expect(err(() => (v.slots.at(1).g = 3))).toMatch(/slots\[1\]\.g set to 3/);
  });

  it('boolean arrays read and write whole as bit sets, element i as bit i, leaving other fields alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 3 }), fc.nat(), fc.nat(), (len, rows, a, b) => {
        // Rows of a composite array share one view class; `top`, a site with one instance,
        // has its position written into its class; `n` and `flag` share their words.
        const layout = compileLayout(record({ n: int(0, 6), rows: array(rows, array(len, bool())), top: array(len, bool()), flag: bool() }));
        const v = layout.create();
        v.n = 5;
        v.flag = true;
        const want = (x: number): number => (len === 32 ? x >>> 0 : x % 2 ** len);
        const written: number[] = [];
        for (let r = 0; r <= rows; r++) {
          const row = r < rows ? v.rows.at(r) : v.top;
          row.setBits(a + r);
          expect(row.bits()).toBe(want(a + r));
          for (let i = 0; i < len; i++) expect(row.get(i)).toBe(((want(a + r) >>> i) & 1) === 1);
          row.set(len - 1, (b & 1) === 1);
          let m = 0;
          for (let i = 0; i < len; i++) if (row.get(i)) m |= 1 << i;
          expect(row.bits()).toBe(m >>> 0);
          written.push(m >>> 0);
        }
        // No array wrote over another one's bits.
        expect([...Array.from({ length: rows }, (_, r) => v.rows.at(r).bits()), v.top.bits()]).toEqual(written);
        expect([v.n, v.flag]).toEqual([5, true]);
      }),
      { numRuns: 200 },
    );
    const long = compileLayout(record({ xs: array(33, bool()) })).create();
    expect(() => long.xs.bits()).toThrow(/xs has 33 booleans: bits\(\) and setBits\(\) take at most 32/);
  });

  it('equals on scalar arrays is element-wise equality, within a site, across rows and across sites', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        (n, span, seeds) => {
          // With n * bits over 32 an array is table-driven; under it, a stride block.
          const el = int(-3, -3 + span);
          const layout = compileLayout(record({ xs: array(n, el), rows: array(2, array(n, el)), flags: array(n, bool()), more: array(n, bool()) }));
          // b a fixed view: comparisons go across the two kinds of view.
          const [a, b] = [layout.create(), layout.fixedViewsOf(new Uint32Array(2 * layout.words), 2)[1]!];
          const fill = (v: typeof a, seed: number): void => {
            for (let i = 0; i < n; i++) {
              // Few distinct values, so equal arrays are common.
              v.xs.set(i, -3 + ((seed >> i % 8) % 2) * Math.min(span, 1));
              v.rows.at(0).set(i, -3 + ((seed >> (i + 1) % 8) % 2) * Math.min(span, 1));
              v.rows.at(1).set(i, -3 + ((seed >> i % 8) % 2) * Math.min(span, 1));
              v.flags.set(i, ((seed >> i % 5) & 1) === 1);
              v.more.set(i, ((seed >> i % 3) & 1) === 1);
            }
          };
          fill(a, seeds[0]!);
          fill(b, seeds[1]! % 4 === 0 ? seeds[0]! : seeds[1]!);
          const same = <T>(x: { length: number; get(i: number): T }, y: { length: number; get(i: number): T }): boolean =>
            x.length === y.length && Array.from({ length: x.length }, (_, i) => x.get(i) === y.get(i)).every(Boolean);
          const ints = [a.xs, a.rows.at(0), a.rows.at(1), b.xs, b.rows.at(0), b.rows.at(1)];
          for (const x of ints) for (const y of ints) expect(x.equals(y)).toBe(same(x, y));
          const bools = [a.flags, a.more, b.flags, b.more];
          for (const x of bools) for (const y of bools) expect(x.equals(y)).toBe(same(x, y));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('maskOf and matchMask are the element-wise bit sets, for one-word blocks and table-driven arrays alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
        (n, span, seeds) => {
          // n * bits over 32: table-driven; under it, a stride block (rows: one class, two instances).
          const el = int(-3, -3 + span);
          const other = enumOf(Array.from({ length: span + 1 }, (_, i) => `v${i}`));
          const layout = compileLayout(
            record({ xs: array(n, el), rows: array(2, array(n, el)), es: array(n, other), flags: array(n, bool()), more: array(n, bool()) }),
          );
          const [a, b] = [layout.create(), layout.fixedViewsOf(new Uint32Array(2 * layout.words), 2)[1]!];
          const fill = (v: typeof a, seed: number): void => {
            for (let i = 0; i < n; i++) {
              const pick = (k: number): number => -3 + (((seed >>> ((i * 3 + k) % 24)) & 3) % (span + 1));
              v.xs.set(i, pick(0));
              v.rows.at(0).set(i, pick(1));
              v.rows.at(1).set(i, pick(0));
              v.es.set(i, pick(2) + 3);
              v.flags.set(i, ((seed >>> i % 5) & 1) === 1);
              v.more.set(i, ((seed >>> i % 3) & 1) === 1);
            }
          };
          fill(a, seeds[0]!);
          fill(b, seeds[1]!);
          const bitsWhere = (test: (i: number) => boolean): number => {
            let m = 0;
            for (let i = 0; i < n; i++) if (test(i)) m |= 1 << i;
            return m >>> 0;
          };
          const ints = [a.xs, a.rows.at(0), a.rows.at(1), b.xs, b.rows.at(0), b.rows.at(1), a.es, b.es];
          for (const x of ints) {
            for (let value = -5; value <= span + 1; value++) expect(x.maskOf(value)).toBe(bitsWhere((i) => x.get(i) === value));
            for (const y of ints) expect(x.matchMask(y)).toBe(bitsWhere((i) => x.get(i) === y.get(i)));
          }
          const bools = [a.flags, a.more, b.flags, b.more];
          for (const x of bools) {
            for (const value of [true, false]) expect(x.maskOf(value)).toBe(bitsWhere((i) => x.get(i) === value));
            for (const y of bools) expect(x.matchMask(y)).toBe(bitsWhere((i) => x.get(i) === y.get(i)));
          }
        },
      ),
      { numRuns: 300 },
    );
    const v = compileLayout(record({ long: array(33, bool()), wide: array(33, int(0, 9)), xs: array(3, int(0, 3)), ys: array(4, int(0, 3)) })).create();
    expect(() => v.long.maskOf(true)).toThrow(/long has 33 elements: maskOf\(\) and matchMask\(\) take at most 32/);
    expect(() => v.wide.matchMask(v.wide)).toThrow(/wide has 33 elements/);
    expect(() => v.xs.matchMask(v.ys)).toThrow(/matchMask: state array xs has 3 elements, the other array 4/);
  });

  it('rejects malformed shapes', () => {
    expect(() => compileLayout(record({ n: int(3, 1) }))).toThrow(/not a valid range/);
    expect(() => compileLayout(record({ e: enumOf([]) }))).toThrow(/no values/);
    expect(() => compileLayout(record({ n: int(0, 2 ** 31) }))).toThrow(/more than 30 bits/);
  });
});

describe('field names', () => {
  it('keeps user fields apart from the views\' own members', () => {
    const layout = compileLayout(record({ b: int(0, 5), o: bool(), r: record({ b: int(0, 3) }) }));
    const v = layout.create();
    v.b = 5;
    v.o = true;
    v.r.b = 3;
    expect(layout.toObject(v)).toEqual({ b: 5, o: true, r: { b: 3 } });
  });

  it('refuses field names a generated class cannot carry', () => {
    expect(() => compileLayout(record({ constructor: bool() }))).toThrow(/reserved/);
    expect(() => compileLayout(record({ $b: bool() }))).toThrow(/identifier/);
    expect(() => compileLayout(record({ 'not-an-identifier': bool() }))).toThrow(/identifier/);
  });
});
