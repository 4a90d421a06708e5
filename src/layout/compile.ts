import { fail, GntcheckError } from '../util/errors.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import type { Layout, Leaf } from './layout.js';
import type { Fields, RecordShape, ScalarArrayView, ScalarShape, Shape, ViewOf } from './shape.js';

/** Values wider than this are rejected so that every field stays a V8 small integer. */
const MAX_BITS = 30;

interface Placed extends Leaf {
  readonly order: number;
}

function bitsFor(shape: ScalarShape): number {
  const span = shape.kind === 'bool' ? 1 : shape.kind === 'int' ? shape.max - shape.min : shape.values.length - 1;
  return span <= 0 ? 0 : 32 - Math.clz32(span);
}

function validateShape(shape: Shape, path: string): void {
  switch (shape.kind) {
    case 'bool':
      return;
    case 'int':
      if (!Number.isInteger(shape.min) || !Number.isInteger(shape.max) || shape.max < shape.min) {
        fail('BAD_MODEL', `state field ${path}: int(${shape.min}, ${shape.max}) is not a valid range`);
      }
      if (bitsFor(shape) > MAX_BITS) fail('BAD_MODEL', `state field ${path}: range needs more than ${MAX_BITS} bits`);
      return;
    case 'enum':
      if (shape.values.length === 0) fail('BAD_MODEL', `state field ${path}: enum has no values`);
      return;
    case 'array':
      if (!Number.isInteger(shape.length) || shape.length < 0) {
        fail('BAD_MODEL', `state field ${path}: array length ${shape.length} is not a natural number`);
      }
      validateShape(shape.of, `${path}[]`);
      return;
    case 'record':
      for (const [k, f] of Object.entries(shape.fields)) {
        const at = path ? `${path}.${k}` : k;
        if (!/^[A-Za-z_][\w]*$/.test(k)) fail('BAD_MODEL', `state field ${at}: a field name must be an identifier of letters, digits and _ (no $)`);
        if (RESERVED_FIELDS.has(k)) fail('BAD_MODEL', `state field ${at}: the name ${k} is reserved`);
        validateShape(f, at);
      }
      return;
  }
}

/** Names a class cannot take as accessors; the views' own members all start with `$`. */
const RESERVED_FIELDS = new Set(['constructor', '__proto__']);

/**
 * Scalars in declaration order, placed first-fit-decreasing so that no value straddles
 * two words. An array of scalars whose bits fit in one word is placed as one block, its
 * elements at equal strides, so that element `i` is at `shift0 + i * bits` of one word
 * and the generated view reads it without position tables. `strideSites` says, per
 * array site (`tlb[]`), whether every instance of it was placed so.
 */
function placeLeaves(root: RecordShape<Fields>): { placed: Placed[]; strideSites: Map<string, boolean> } {
  const found: { path: string; shape: ScalarShape; bits: number; order: number }[] = [];
  /** Runs of consecutive leaves (`found` indices) placed together: one scalar, or one word-sized array. */
  const blocks: { first: number; count: number; bits: number }[] = [];
  const strideSites = new Map<string, boolean>();
  const walk = (shape: Shape, path: string): void => {
    switch (shape.kind) {
      case 'bool':
      case 'int':
      case 'enum': {
        const bits = bitsFor(shape);
        blocks.push({ first: found.length, count: 1, bits });
        found.push({ path, shape, bits, order: found.length });
        return;
      }
      case 'array': {
        const of = shape.of;
        if (of.kind === 'bool' || of.kind === 'int' || of.kind === 'enum') {
          const elementBits = bitsFor(of);
          const block = shape.length * elementBits <= 32;
          const site = siteOf(path);
          strideSites.set(site, (strideSites.get(site) ?? true) && block);
          if (block) {
            const first = found.length;
            for (let i = 0; i < shape.length; i++) found.push({ path: `${path}[${i}]`, shape: of, bits: elementBits, order: found.length });
            if (shape.length > 0) blocks.push({ first, count: shape.length, bits: shape.length * elementBits });
            return;
          }
        }
        for (let i = 0; i < shape.length; i++) walk(of, `${path}[${i}]`);
        return;
      }
      case 'record':
        for (const [k, f] of Object.entries(shape.fields)) walk(f, path ? `${path}.${k}` : k);
        return;
    }
  };
  walk(root, '');
  const bySize = [...blocks].sort((a, b) => b.bits - a.bits || a.first - b.first);
  const free: number[] = [];
  const placed: Placed[] = new Array(found.length);
  for (const block of bySize) {
    let word = free.findIndex((f) => f >= block.bits);
    if (word < 0) {
      word = free.length;
      free.push(32);
    }
    let shift = 32 - free[word]!;
    free[word]! -= block.bits;
    for (let i = block.first; i < block.first + block.count; i++) {
      const leaf = found[i]!;
      placed[i] = { ...leaf, word, shift };
      shift += leaf.bits;
    }
  }
  return { placed, strideSites };
}

/** The low `n` bits set (n <= 32), as a literal for generated code. */
function mask32(n: number): string {
  return String(2 ** n - 1);
}

/** A literal with bit `i * bits` set for each of `length` lanes (bits * length <= 32). */
function laneOnes(bits: number, length: number): string {
  let ones = 0;
  for (let i = 0; i < length; i++) ones += 2 ** (i * bits);
  return String(ones);
}

/**
 * Generated body of `$zero(d)`: `d` holds `length` lanes of `bits` bits; returns the
 * lanes that are zero as bits 0..length-1 (unsigned). Each lane's bits are OR-ed into
 * its lowest bit, and those lowest bits are moved down to consecutive positions.
 */
function zeroLanes(bits: number, length: number): string {
  if (bits === 0 || length === 0) return `return ${mask32(length)};`;
  const fold = Array.from({ length: bits - 1 }, (_, k) => ` | (d >>> ${k + 1})`).join('');
  // One-bit lanes are already in place; wider ones move lane i's bit down by i * (bits - 1).
  const gather = bits === 1 ? 'z' : Array.from({ length }, (_, i) => `((z >>> ${i * (bits - 1)}) & ${2 ** i})`).join(' | ');
  return `const z = ~(d${fold}) & ${laneOnes(bits, length)}; return (${gather}) >>> 0;`;
}

/** An array's site: its path with every index dropped (`tlb[1]` -> `tlb[]`). */
function siteOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** Runtime helpers the generated view classes call; kept out of the generated source. */
class Helpers {
  static rangeError(path: string, value: unknown, shape: ScalarShape): never {
    const want =
      shape.kind === 'bool' ? 'a boolean' : shape.kind === 'int' ? `${shape.min}..${shape.max}` : `0..${shape.values.length - 1}`;
    throw new GntcheckError('BAD_MODEL', `state field ${path} set to ${String(value)}, outside its declared range ${want}`);
  }
  static bitsError(path: string, length: number): never {
    throw new GntcheckError('BAD_MODEL', `state array ${path} has ${length} booleans: bits() and setBits() take at most 32`);
  }
  /** Element by element: arrays of different sites or placements. */
  static equalElements<T>(a: ScalarArrayView<T>, b: ScalarArrayView<T>): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a.get(i) !== b.get(i)) return false;
    return true;
  }
  static maskError(path: string, length: number): never {
    throw new GntcheckError('BAD_MODEL', `state array ${path} has ${length} elements: maskOf() and matchMask() take at most 32`);
  }
  /** maskOf element by element (arrays without a one-word block). */
  static maskOfElements<T>(a: ScalarArrayView<T> & { readonly path: string }, value: T): number {
    if (a.length > 32) Helpers.maskError(a.path, a.length);
    let m = 0;
    for (let i = 0; i < a.length; i++) if (a.get(i) === value) m |= 1 << i;
    return m >>> 0;
  }
  /** matchMask element by element (arrays of different element ranges, or without a one-word block). */
  static matchElements<T>(a: ScalarArrayView<T> & { readonly path: string }, b: ScalarArrayView<T>): number {
    if (a.length !== b.length) {
      throw new GntcheckError('BAD_MODEL', `matchMask: state array ${a.path} has ${a.length} elements, the other array ${b.length}`);
    }
    if (a.length > 32) Helpers.maskError(a.path, a.length);
    let m = 0;
    for (let i = 0; i < a.length; i++) if (a.get(i) === b.get(i)) m |= 1 << i;
    return m >>> 0;
  }
  static indexError(path: string, i: unknown, length: number): never {
    throw new GntcheckError('BAD_MODEL', `state array ${path} indexed with ${String(i)}, outside 0..${length - 1}`);
  }
}

const EMPTY_WORDS = new Uint32Array(0);

interface ViewRoot {
  $b: Uint32Array;
  $o: number;
  /** Set on views made by `fixedViewsOf`, whose code reads their buffer directly: they cannot be rebound. */
  readonly $fixed?: true;
}

/**
 * An array of scalars whose element positions come from per-element tables (one that is
 * not a one-word stride block). Comparisons and bit sets go element by element.
 */
abstract class TableArrayView<T> implements ScalarArrayView<T> {
  readonly length: number;
  constructor(
    protected readonly r: ViewRoot,
    protected readonly w: Int32Array,
    protected readonly s: Int32Array,
    readonly path: string,
  ) {
    this.length = w.length;
  }
  abstract get(i: number): T;
  abstract set(i: number, value: T): void;
  protected checkIndex(i: number): void {
    if (i >>> 0 !== i || i >= this.length) Helpers.indexError(this.path, i, this.length);
  }
  equals(other: ScalarArrayView<T>): boolean {
    return Helpers.equalElements(this, other);
  }
  maskOf(value: T): number {
    return Helpers.maskOfElements(this, value);
  }
  matchMask(other: ScalarArrayView<T>): number {
    return Helpers.matchElements(this, other);
  }
}

/** Array of bounded integers or enums; positions come from per-element tables. */
class IntArrayView extends TableArrayView<number> {
  constructor(
    r: ViewRoot,
    w: Int32Array,
    s: Int32Array,
    private readonly m: number,
    private readonly min: number,
    private readonly span: number,
    path: string,
    private readonly shape: ScalarShape,
  ) {
    super(r, w, s, path);
  }
  get(i: number): number {
    this.checkIndex(i);
    const r = this.r;
    return ((r.$b[r.$o + this.w[i]!]! >>> this.s[i]!) & this.m) + this.min;
  }
  set(i: number, v: number): void {
    this.checkIndex(i);
    const x = v - this.min;
    if (x >>> 0 !== x || x > this.span) Helpers.rangeError(`${this.path}[${i}]`, v, this.shape);
    const r = this.r;
    const k = r.$o + this.w[i]!;
    const sh = this.s[i]!;
    r.$b[k] = (r.$b[k]! & ~(this.m << sh)) | (x << sh);
  }
}

class BoolArrayView extends TableArrayView<boolean> {
  get(i: number): boolean {
    this.checkIndex(i);
    const r = this.r;
    return ((r.$b[r.$o + this.w[i]!]! >>> this.s[i]!) & 1) !== 0;
  }
  set(i: number, v: boolean): void {
    this.checkIndex(i);
    const r = this.r;
    const k = r.$o + this.w[i]!;
    const sh = this.s[i]!;
    r.$b[k] = v ? r.$b[k]! | (1 << sh) : r.$b[k]! & ~(1 << sh);
  }
  // A boolean array of at most 32 elements is always a stride block (placeLeaves), so an
  // array with this table-driven class is longer than a bit set can hold.
  bits(): number {
    return Helpers.bitsError(this.path, this.length);
  }
  setBits(): void {
    Helpers.bitsError(this.path, this.length);
  }
}

class CompositeArrayViewImpl<V> {
  readonly length: number;
  constructor(
    private readonly items: readonly V[],
    private readonly path: string,
  ) {
    this.length = items.length;
  }
  at(i: number): V {
    if (i >>> 0 !== i || i >= this.length) Helpers.indexError(this.path, i, this.length);
    return this.items[i]!;
  }
}

/**
 * Generates one class per record instance with literal word offsets and shifts, so a
 * field access compiles to a load, a shift and a mask. Arrays of scalars use the
 * table-driven classes above.
 *
 * `fixed`: the classes are for views over one buffer at fixed offsets (`fixedViewsOf`),
 * the buffer `B` a constant of the generated code and each (sub-)view's offset a field
 * set once, so an access reads `B[this.$o + word]` (an array's `B[this.k0]`) instead of
 * loading the view's root, its buffer and its offset first. The views share the classes,
 * so code that sees several of them stays monomorphic.
 */
class ViewCompiler {
  private readonly classes: string[] = [];
  private readonly consts: unknown[] = [];
  private counter = 0;

  /** Per uniform site, the name of its generated class. */
  private readonly strideClasses = new Map<string, string>();

  constructor(
    private readonly leafAt: ReadonlyMap<string, Placed>,
    private readonly strideSites: ReadonlyMap<string, boolean>,
    /** Per array site, the key its views carry as `$site`, shared by every compilation of one layout. */
    private readonly siteKeys: Map<string, object>,
    private readonly fixed: boolean,
  ) {}

  /** The buffer of the state whose root view is `root` (an expression). */
  private buf(root: string): string {
    return this.fixed ? 'B' : `${root}.$b`;
  }

  /**
   * One class per array site whose elements are at equal strides in one word: element
   * `i` is `(word >>> (shift0 + i * bits)) & mask`, with the site's constants written
   * into the code and only the word and first shift per instance; for a site with one
   * instance (`place` given) those are written in too. Every instance of a site (each
   * row of `tlb`) shares the class, so call sites stay monomorphic.
   */
  private strideClass(site: string, of: ScalarShape, length: number, place: { word: number; shift: number } | null): string {
    const known = this.strideClasses.get(site);
    if (known !== undefined) return known;
    const name = `A${this.strideClasses.size}`;
    this.strideClasses.set(site, name);
    const bits = bitsFor(of);
    const mask = mask32(bits);
    // A site with one instance has its word and first shift written into the code too.
    const w0 = place ? `${place.word}` : 'this.w0';
    const s0 = place ? `${place.shift}` : 'this.s0';
    const check = `if (i >>> 0 !== i || i >= ${length}) H.Helpers.indexError(this.path, i, ${length});`;
    // Fixed views: k0, the array's word in the buffer, is set once by the constructor.
    const index = this.fixed ? 'this.k0' : `this.r.$o + ${w0}`;
    const word = `${this.buf('this.r')}[${index}]`;
    // The whole array as the bits of one word. Views of the same site (the same key, shared
    // by a layout's fixed and rebindable views) have the same widths, so comparing two
    // compares their blocks; the other view's is `o.$block()`, as it may be over another buffer.
    const block = `((${word} >>> ${s0}) & ${mask32(bits * length)})`;
    let key = this.siteKeys.get(site);
    if (key === undefined) this.siteKeys.set(site, (key = { site }));
    const siteK = this.konst(key);
    const equals = `equals(o) { return o.$site === ${siteK} ? ${block} === o.$block() : H.Helpers.equalElements(this, o); }`;
    const at = `const b = ${this.buf('this.r')}; const k = ${index}; const sh = ${s0} + i * ${bits};`;
    const min = of.kind === 'int' ? of.min : 0;
    const span = of.kind === 'int' ? of.max - of.min : of.kind === 'enum' ? of.values.length - 1 : 1;
    // maskOf and matchMask work on the block: XOR leaves a lane zero where the elements
    // agree, and $zero turns "lane i is zero" into bit i. Arrays of the same lane key
    // (element kind, minimum and width) store equal elements as equal lanes.
    const lane = of.kind === 'bool' ? 'bool' : `n:${min}:${bits}`;
    const masks =
      length > 32
        ? [`maskOf() { H.Helpers.maskError(this.path, ${length}); }`, `matchMask() { H.Helpers.maskError(this.path, ${length}); }`]
        : [
            `$zero(d) { ${zeroLanes(bits, length)} }`,
            `matchMask(o) { return o.$lane === ${JSON.stringify(lane)} && o.length === ${length} ? this.$zero(${block} ^ o.$block()) : H.Helpers.matchElements(this, o); }`,
            of.kind === 'bool'
              ? `maskOf(v) { return v === true ? ${block} >>> 0 : v === false ? (~${block} & ${mask32(length)}) >>> 0 : 0; }`
              : `maskOf(v) { const x = v - ${min}; if (x >>> 0 !== x || x > ${span}) return 0; return this.$zero(${block} ^ Math.imul(x, ${laneOnes(bits, length)})); }`,
          ];
    const methods =
      of.kind === 'bool'
        ? [
            `$block() { return ${block}; }`,
            `get(i) { ${check} return ((${word} >>> (${s0} + i)) & 1) !== 0; }`,
            `set(i, v) { ${check} ${at} b[k] = v ? b[k] | (1 << sh) : b[k] & ~(1 << sh); }`,
            // A block is one word, so the whole array is one shifted, masked read or write.
            `bits() { return ${block} >>> 0; }`,
            `setBits(m) { const b = ${this.buf('this.r')}; const k = ${index}; b[k] = (b[k] & ~(${mask32(length)} << ${s0})) | ((m & ${mask32(length)}) << ${s0}); }`,
            equals,
            ...masks,
          ]
        : [
            `$block() { return ${block}; }`,
            `get(i) { ${check} return ((${word} >>> (${s0} + i * ${bits})) & ${mask}) + ${min}; }`,
            `set(i, v) { ${check} const x = v - ${min}; if (x >>> 0 !== x || x > ${span}) H.Helpers.rangeError(this.path + '[' + i + ']', v, ${this.konst(of)}); ${at} b[k] = (b[k] & ~(${mask} << sh)) | (x << sh); }`,
            equals,
            ...masks,
          ];
    this.classes.push(
      `class ${name} {\nconstructor(r, w0, s0, path) { this.r = r; this.w0 = w0; this.s0 = s0; this.path = path; this.length = ${length}; this.$lane = ${JSON.stringify(lane)}; this.$site = ${siteK};${this.fixed ? ` this.k0 = r.$o + ${place ? place.word : 'w0'};` : ''} }\n${methods.join('\n')}\n}`,
    );
    return name;
  }

  private konst(v: unknown): string {
    this.consts.push(v);
    return `K[${this.consts.length - 1}]`;
  }

  /** Returns an expression constructing the sub-view for `shape` at `path` (root is `root`). */
  private member(shape: Shape, path: string): string {
    switch (shape.kind) {
      case 'bool':
      case 'int':
      case 'enum':
        throw new Error('scalars are accessors, not members');
      case 'array': {
        const paths = Array.from({ length: shape.length }, (_, i) => `${path}[${i}]`);
        const of = shape.of;
        if (of.kind === 'bool' || of.kind === 'int' || of.kind === 'enum') {
          const leaves = paths.map((p) => this.leafAt.get(p)!);
          const site = siteOf(path);
          if (this.strideSites.get(site) === true) {
            const first = leaves[0];
            const place = { word: first?.word ?? 0, shift: first?.shift ?? 0 };
            const cls = this.strideClass(site, of, shape.length, site === path ? place : null);
            return `new ${cls}(root, ${place.word}, ${place.shift}, ${JSON.stringify(path)})`;
          }
          const w = this.konst(Int32Array.from(leaves.map((l) => l.word)));
          const s = this.konst(Int32Array.from(leaves.map((l) => l.shift)));
          const bits = bitsFor(of);
          if (of.kind === 'bool') return `new H.BoolArrayView(root, ${w}, ${s}, ${JSON.stringify(path)})`;
          const min = of.kind === 'int' ? of.min : 0;
          const span = of.kind === 'int' ? of.max - of.min : of.values.length - 1;
          const mask = mask32(bits);
          return `new H.IntArrayView(root, ${w}, ${s}, ${mask}, ${min}, ${span}, ${JSON.stringify(path)}, ${this.konst(of)})`;
        }
        const items = paths.map((p) => this.member(of, p));
        return `new H.CompositeArrayViewImpl([${items.join(', ')}], ${JSON.stringify(path)})`;
      }
      case 'record': {
        const cls = this.recordClass(shape, path, false);
        return `new ${cls}(root)`;
      }
    }
  }

  recordClass(shape: RecordShape<Fields>, path: string, isRoot: boolean): string {
    const name = `R${this.counter++}`;
    const base = isRoot ? 'this' : 'this.$r';
    const lines: string[] = [];
    // A fixed root keeps $b and $o too (the table-driven array views and layout.buffer read
    // them), its offset given to the constructor; a fixed nested record copies the offset.
    const rootInit = this.fixed ? ['this.$b = B;', 'this.$o = o;', 'this.$fixed = true;'] : ['this.$b = EMPTY;', 'this.$o = 0;'];
    const ctor: string[] = isRoot ? [...rootInit, 'const root = this;'] : this.fixed ? ['this.$r = root;', 'this.$o = root.$o;'] : ['this.$r = root;'];
    for (const [field, f] of Object.entries(shape.fields)) {
      const p = path ? `${path}.${field}` : field;
      if (f.kind === 'bool' || f.kind === 'int' || f.kind === 'enum') {
        const leaf = this.leafAt.get(p)!;
        const mask = leaf.bits === 0 ? 0 : 2 ** leaf.bits - 1;
        const buf = this.buf(base);
        const k = this.fixed ? `this.$o + ${leaf.word}` : `${base}.$o + ${leaf.word}`;
        const at = `${buf}[${k}]`;
        const clear = ~(mask << leaf.shift) | 0;
        const shapeK = this.konst(f);
        const pathK = JSON.stringify(p);
        if (f.kind === 'bool') {
          lines.push(`get ${field}() { return ((${at} >>> ${leaf.shift}) & 1) !== 0; }`);
          lines.push(
            `set ${field}(v) { if (typeof v !== 'boolean') H.Helpers.rangeError(${pathK}, v, ${shapeK}); const b = ${buf}; const k = ${k}; b[k] = v ? b[k] | ${1 << leaf.shift} : b[k] & ${clear}; }`,
          );
        } else {
          const min = f.kind === 'int' ? f.min : 0;
          const span = f.kind === 'int' ? f.max - f.min : f.values.length - 1;
          const get = leaf.bits === 0 ? `${min}` : `((${at} >>> ${leaf.shift}) & ${mask}) + ${min}`;
          lines.push(`get ${field}() { return ${get}; }`);
          lines.push(
            `set ${field}(v) { const x = v - ${min}; if (x >>> 0 !== x || x > ${span}) H.Helpers.rangeError(${pathK}, v, ${shapeK}); const b = ${buf}; const k = ${k}; b[k] = (b[k] & ${clear}) | (x << ${leaf.shift}); }`,
          );
        }
      } else {
        ctor.push(`this.${field} = ${this.member(f, p)};`);
      }
    }
    const param = isRoot ? (this.fixed ? 'o' : '') : 'root';
    this.classes.push(`class ${name} {\nconstructor(${param}) {\n${ctor.join('\n')}\n}\n${lines.join('\n')}\n}`);
    return name;
  }

  /** `buffer`: the fixed buffer (`B`) of a fixed compiler. */
  build(rootClass: string, buffer: Uint32Array = EMPTY_WORDS): new (offset?: number) => ViewRoot {
    const src = `${this.classes.join('\n')}\nreturn ${rootClass};`;
    const factory = new Function('H', 'K', 'EMPTY', 'B', src) as (h: unknown, k: unknown[], e: Uint32Array, b: Uint32Array) => new (offset?: number) => ViewRoot;
    return factory({ Helpers, IntArrayView, BoolArrayView, CompositeArrayViewImpl }, this.consts, EMPTY_WORDS, buffer);
  }
}

function scalarToJson(shape: ScalarShape, v: number | boolean): JsonValue {
  return shape.kind === 'enum' ? shape.values[v as number]! : v;
}

function scalarFromJson(shape: ScalarShape, v: unknown, path: string): number | boolean {
  switch (shape.kind) {
    case 'bool':
      if (typeof v === 'boolean') return v;
      break;
    case 'int':
      if (typeof v === 'number' && Number.isInteger(v) && v >= shape.min && v <= shape.max) return v;
      break;
    case 'enum': {
      const i = typeof v === 'string' ? shape.values.indexOf(v) : -1;
      if (i >= 0) return i;
      break;
    }
  }
  return fail('BAD_TRACE', `state field ${path}: ${JSON.stringify(v)} does not fit ${shape.kind}`);
}

type Dyn = Record<string, unknown> & {
  get(i: number): unknown;
  set(i: number, v: unknown): void;
  at(i: number): Dyn;
};

function toJson(shape: Shape, holder: Dyn, key: string | number): JsonValue {
  const read = (s: Shape, h: Dyn, k: string | number): JsonValue => toJson(s, h, k);
  const val = typeof key === 'number' ? undefined : holder[key];
  switch (shape.kind) {
    case 'bool':
    case 'int':
    case 'enum':
      return scalarToJson(shape, (typeof key === 'number' ? holder.get(key) : val) as number | boolean);
    case 'array': {
      const arr = (typeof key === 'number' ? holder.at(key) : val) as Dyn;
      const out: JsonValue[] = [];
      for (let i = 0; i < shape.length; i++) out.push(read(shape.of, arr, i));
      return out;
    }
    case 'record': {
      const rec = (typeof key === 'number' ? holder.at(key) : val) as Dyn;
      const out: JsonObject = {};
      for (const [k, f] of Object.entries(shape.fields)) out[k] = read(f, rec, k);
      return out;
    }
  }
}

function fromJson(shape: Shape, holder: Dyn, key: string | number, v: unknown, path: string): void {
  switch (shape.kind) {
    case 'bool':
    case 'int':
    case 'enum': {
      const x = scalarFromJson(shape, v, path);
      if (typeof key === 'number') holder.set(key, x);
      else holder[key] = x;
      return;
    }
    case 'array': {
      if (!Array.isArray(v) || v.length !== shape.length) {
        fail('BAD_TRACE', `state field ${path}: expected an array of ${shape.length}`);
      }
      const arr = (typeof key === 'number' ? holder.at(key) : holder[key]) as Dyn;
      for (let i = 0; i < shape.length; i++) fromJson(shape.of, arr, i, v[i], `${path}[${i}]`);
      return;
    }
    case 'record': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) fail('BAD_TRACE', `state field ${path}: expected an object`);
      const rec = (typeof key === 'number' ? holder.at(key) : holder[key]) as Dyn;
      for (const [k, f] of Object.entries(shape.fields)) {
        fromJson(f, rec, k, (v as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      }
      return;
    }
  }
}

/** Compiles a record shape into a {@link Layout}. Throws BAD_MODEL for an invalid shape. */
export function compileLayout<F extends Fields>(shape: RecordShape<F>): Layout<ViewOf<RecordShape<F>>> {
  type V = ViewOf<RecordShape<F>>;
  validateShape(shape, '');
  const { placed, strideSites } = placeLeaves(shape);
  const words = Math.max(1, placed.reduce((m, l) => Math.max(m, l.word + 1), 0));
  const leafAt = new Map(placed.map((l) => [l.path, l]));
  const siteKeys = new Map<string, object>();
  const compiler = new ViewCompiler(leafAt, strideSites, siteKeys, false);
  const Root = compiler.build(compiler.recordClass(shape, '', true));
  const root = (v: V): ViewRoot => v as unknown as ViewRoot;
  const leaves: Leaf[] = placed.map(({ path, shape: s, bits, word, shift }) => ({ path, shape: s, bits, word, shift }));

  const layout: Layout<V> = {
    shape,
    words,
    leaves,
    create: () => layout.viewOf(new Uint32Array(words), 0),
    viewOf(buffer, offset) {
      const v = new Root();
      v.$b = buffer;
      v.$o = offset;
      return v as unknown as V;
    },
    fixedViewsOf(buffer, count) {
      if (!Number.isInteger(count) || count < 1 || buffer.length < count * words) {
        throw new Error(`fixedViewsOf: a buffer of ${buffer.length} words for ${count} states of ${words}`);
      }
      const fixed = new ViewCompiler(leafAt, strideSites, siteKeys, true);
      const FixedRoot = fixed.build(fixed.recordClass(shape, '', true), buffer);
      return Array.from({ length: count }, (_, i) => new FixedRoot(i * words) as unknown as V);
    },
    bind(view, buffer, offset) {
      const r = root(view);
      if (r.$fixed) throw new Error('bind: a view made by fixedViewsOf cannot be rebound');
      r.$b = buffer;
      r.$o = offset;
    },
    buffer: (view) => root(view).$b,
    offset: (view) => root(view).$o,
    clone(view) {
      const r = root(view);
      return layout.viewOf(r.$b.slice(r.$o, r.$o + words), 0);
    },
    equals(a, b) {
      const ra = root(a);
      const rb = root(b);
      for (let i = 0; i < words; i++) if (ra.$b[ra.$o + i] !== rb.$b[rb.$o + i]) return false;
      return true;
    },
    toObject(view) {
      const out: JsonObject = {};
      for (const [k, f] of Object.entries(shape.fields)) out[k] = toJson(f, view as unknown as Dyn, k);
      return out;
    },
    fromObject(obj, view) {
      fromJson(shape, { v: view } as unknown as Dyn, 'v', obj, '');
    },
  };
  return layout;
}
