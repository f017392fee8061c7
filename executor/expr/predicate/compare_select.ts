/**
 * Comparison leaves of a selector (selector.ts): `column op constant` and `column op column` over typed data —
 * int2/int4/date as numbers, int8/timestamp[tz] as bigints, text/varchar as strings, numeric in the compact
 * scaled form (the constant taken to the column's scale). A column may sit under a cast that does not change its
 * values (a relabel, or an integer widening). Anything else — and batches whose data is not in the expected
 * form — goes to `fallback`.
 */
import type { Datum, Numeric } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { SCALED_MAX, isScaledNumerics, type Batch } from '../../../common/vector.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import type { EvalContext } from '../compile.js';
import { isRelabel } from '../cast_vector.js';
import type { Selector } from './selector.js';

type Op = '=' | '<>' | '<' | '<=' | '>' | '>=';
type Repr = 'number' | 'bigint' | 'string' | 'numeric';

const FLIP: Record<Op, Op> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const P10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function reprOf(t: SqlType): Repr | null {
  switch (t.kind) {
    case 'int2': case 'int4': case 'date': return 'number';
    case 'int8': case 'timestamp': case 'timestamptz': return 'bigint';
    case 'text': case 'varchar': return 'string';
    case 'numeric': return 'numeric';
    default: return null;
  }
}

/** The column under value-preserving casts, with the representation of its data. */
export function columnOf(e: BoundExpr): { readonly index: number; readonly repr: Repr } | null {
  let x = e;
  while (x.kind === 'cast') {
    const from = x.arg.type.kind, to = x.type.kind;
    const widening = (from === 'int2' || from === 'int4') && (to === 'int4' || to === 'int8');
    if (!isRelabel(x.arg.type, x.type) && !widening) return null;
    x = x.arg;
  }
  if (x.kind !== 'column') return null;
  const repr = reprOf(x.type);
  return repr === null ? null : { index: x.index, repr };
}

/** The value of a constant or a parameter (casts of constants are folded by the optimizer). */
export function constOf(e: BoundExpr, ctx: EvalContext): { readonly value: Datum } | null {
  if (e.kind === 'const') return { value: e.value };
  if (e.kind === 'param') { const v = ctx.params[e.index]; return v === undefined ? null : { value: v }; }
  return null;
}

/** The selector for a comparison, or null when it is not one of the forms above. */
export function compareSelector(e: Extract<BoundExpr, { kind: 'compare' }>, ctx: EvalContext, fallback: () => Selector): Selector | null {
  const lc = columnOf(e.left), rc = columnOf(e.right);
  if (lc !== null && rc !== null) return lc.repr === rc.repr ? columnsSelector(e.op, lc.index, rc.index, lc.repr, fallback) : null;
  const col = lc ?? rc;
  const k = lc !== null ? constOf(e.right, ctx) : rc !== null ? constOf(e.left, ctx) : null;
  if (col === null || k === null) return null;
  const op = lc !== null ? e.op : FLIP[e.op];
  if (k.value === null) return () => 0;
  switch (col.repr) {
    case 'number': {
      const v = typeof k.value === 'bigint' ? Number(k.value) : k.value;
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return null;
      return (b, sel, count, out) => selectNumber(op, b.columns[col.index]!.data as ArrayLike<number>, b.columns[col.index]!.nulls, 1, v, sel, count, out);
    }
    case 'bigint': case 'string': {
      // int8 / timestamp data are bigints, text data strings: the constant must be of the same kind
      if (typeof k.value !== col.repr) return null;
      const v = k.value as bigint | string;
      return (b, sel, count, out) => selectConst(op, b.columns[col.index]!.data as ArrayLike<bigint | string>, b.columns[col.index]!.nulls, v, sel, count, out);
    }
    case 'numeric': return numericConstSelector(op, col.index, k.value as Numeric, fallback);
  }
}

function numericConstSelector(op: Op, col: number, c: Numeric, fallback: () => Selector): Selector | null {
  if (typeof c !== 'object' || c.special !== undefined || c.scale > 15) return null;
  const cv = Number(c.unscaled);
  if (cv > SCALED_MAX || cv < -SCALED_MAX) return null;
  return (b: Batch, sel, count, out) => {
    const v = b.columns[col]!;
    const d = v.data;
    if (isScaledNumerics(d)) {
      if (c.scale <= d.scale) {
        const k = cv * (P10[d.scale - c.scale] ?? Infinity);
        if (k <= SCALED_MAX && k >= -SCALED_MAX) return selectNumber(op, d.values, v.nulls, 1, k, sel, count, out);
      } else {
        const f = P10[c.scale - d.scale]!;
        const a = d.values;
        let m = 0;
        for (let j = 0; j < count; j++) { const x = a[sel[j]!]!; if (x > m) m = x; else if (-x > m) m = -x; }
        if (m * f <= SCALED_MAX) return selectNumber(op, a, v.nulls, f, cv, sel, count, out);
      }
    }
    return fallback()(b, sel, count, out);
  };
}

function columnsSelector(op: Op, l: number, r: number, repr: Repr, fallback: () => Selector): Selector {
  return (b, sel, count, out) => {
    const x = b.columns[l]!, y = b.columns[r]!;
    let xd: unknown = x.data, yd: unknown = y.data;
    if (repr === 'numeric') {
      if (!isScaledNumerics(x.data) || !isScaledNumerics(y.data) || x.data.scale !== y.data.scale) return fallback()(b, sel, count, out);
      xd = x.data.values;
      yd = y.data.values;
    }
    return selectPairs(op, xd as ArrayLike<number | bigint | string>, yd as ArrayLike<number | bigint | string>, x.nulls, y.nulls, sel, count, out);
  };
}

/**
 * The kernels below write every candidate row and advance the output count by the comparison's 0/1 (`bit`):
 * no branch per row, which on unsorted data (a branch mispredicted every other row) is ~4x faster.
 * `out` may be `sel` itself (the write position never passes the read position).
 */
const bit = (b: boolean): number => (b as unknown as number) | 0;
const notNull = (nulls: Uint8Array, r: number): number => bit(nulls[r] === 0);

/** Rows r of `sel` with a[r]·f op k (a[r] not NULL). */
function selectNumber(op: Op, a: ArrayLike<number>, nulls: Uint8Array | null, f: number, k: number, sel: Int32Array, count: number, out: Int32Array): number {
  let n = 0;
  if (nulls === null) {
    switch (op) {
      case '=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f === k); } break;
      case '<>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f !== k); } break;
      case '<': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f < k); } break;
      case '<=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f <= k); } break;
      case '>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f > k); } break;
      case '>=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f >= k); } break;
    }
    return n;
  }
  switch (op) {
    case '=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f === k) & notNull(nulls, r); } break;
    case '<>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f !== k) & notNull(nulls, r); } break;
    case '<': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f < k) & notNull(nulls, r); } break;
    case '<=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f <= k) & notNull(nulls, r); } break;
    case '>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f > k) & notNull(nulls, r); } break;
    case '>=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! * f >= k) & notNull(nulls, r); } break;
  }
  return n;
}

/** Rows r of `sel` with a[r] op k (a[r] not NULL), for bigint and string data. */
function selectConst<V extends bigint | string>(op: Op, a: ArrayLike<V>, nulls: Uint8Array | null, k: V, sel: Int32Array, count: number, out: Int32Array): number {
  let n = 0;
  if (nulls === null) {
    switch (op) {
      case '=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! === k); } break;
      case '<>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! !== k); } break;
      case '<': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! < k); } break;
      case '<=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! <= k); } break;
      case '>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! > k); } break;
      case '>=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! >= k); } break;
    }
    return n;
  }
  switch (op) {
    case '=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! === k) & notNull(nulls, r); } break;
    case '<>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! !== k) & notNull(nulls, r); } break;
    case '<': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! < k) & notNull(nulls, r); } break;
    case '<=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! <= k) & notNull(nulls, r); } break;
    case '>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! > k) & notNull(nulls, r); } break;
    case '>=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! >= k) & notNull(nulls, r); } break;
  }
  return n;
}

function selectPairs<V extends number | bigint | string>(op: Op, a: ArrayLike<V>, c: ArrayLike<V>, an: Uint8Array | null, cn: Uint8Array | null, sel: Int32Array, count: number, out: Int32Array): number {
  let n = 0;
  if (an === null && cn === null) {
    switch (op) {
      case '=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! === c[r]!); } break;
      case '<>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! !== c[r]!); } break;
      case '<': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! < c[r]!); } break;
      case '<=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! <= c[r]!); } break;
      case '>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! > c[r]!); } break;
      case '>=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! >= c[r]!); } break;
    }
    return n;
  }
  const ok = (r: number): number => (an === null ? 1 : notNull(an, r)) & (cn === null ? 1 : notNull(cn, r));
  switch (op) {
    case '=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! === c[r]!) & ok(r); } break;
    case '<>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! !== c[r]!) & ok(r); } break;
    case '<': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! < c[r]!) & ok(r); } break;
    case '<=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! <= c[r]!) & ok(r); } break;
    case '>': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! > c[r]!) & ok(r); } break;
    case '>=': for (let j = 0; j < count; j++) { const r = sel[j]!; out[n] = r; n += bit(a[r]! >= c[r]!) & ok(r); } break;
  }
  return n;
}
