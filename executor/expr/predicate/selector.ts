/**
 * Predicates as selection-vector filters. A `Selector` narrows a list of row indexes to the rows where the
 * predicate is TRUE (NULL and FALSE rows dropped), so `a AND b AND c` tests `b` only on the rows `a` kept and
 * `c` only on the rows both kept, each test one tight loop over a typed array with no per-row objects and no
 * intermediate boolean vectors. Leaves this file does not know are evaluated by the vector compiler
 * (compile_node.ts) on just the rows still selected.
 *
 * Contract: `select(b, sel, count, out)` reads row indexes `sel[0..count)` (ascending) and writes the kept ones,
 * ascending, to `out` (which may be `sel` itself: writes never overtake reads); returns how many.
 */
import type { Batch } from '../../../common/vector.js';
import { takeVector } from '../../../common/vector.js';
import type { SqlType } from '../../../common/types.js';
import { walkExpr, type BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import type { EvalContext } from '../compile.js';
import { compileNode } from '../compile_node.js';
import { compareSelector } from './compare_select.js';
import { inListSelector, likeSelector } from './set_select.js';

export type Selector = (b: Batch, sel: Int32Array, count: number, out: Int32Array) => number;

interface Ranked { readonly select: Selector; readonly cost: number }

/** Compile `expr` (boolean) into a selector. */
export function compileSelector(expr: BoundExpr, input: readonly SqlType[], ctx: EvalContext): Selector {
  return rank(expr, input, ctx).select;
}

function rank(e: BoundExpr, input: readonly SqlType[], ctx: EvalContext): Ranked {
  let generic: Selector | null = null;
  const fallback = (): Selector => (generic ??= vectorSelector(e, input, ctx));
  switch (e.kind) {
    case 'and': {
      const parts = e.args.map((a) => rank(a, input, ctx)).sort((x, y) => x.cost - y.cost);
      const sels = parts.map((p) => p.select);
      return { select: andSelector(sels), cost: parts.reduce((s, p) => s + p.cost, 0) };
    }
    case 'or': {
      const parts = e.args.map((a) => rank(a, input, ctx));
      return { select: orSelector(parts.map((p) => p.select)), cost: parts.reduce((s, p) => s + p.cost, 0) + 1 };
    }
    case 'const':
      if (e.value === true) return { select: (_b, sel, count, out) => { if (out !== sel) out.set(sel.subarray(0, count)); return count; }, cost: 0 };
      if (e.value === false || e.value === null) return { select: () => 0, cost: 0 };
      break;
    case 'compare': {
      const s = compareSelector(e, ctx, fallback);
      if (s !== null) return { select: s, cost: 1 };
      break;
    }
    case 'in_list': {
      const s = inListSelector(e, ctx);
      if (s !== null) return { select: s, cost: 2 };
      break;
    }
    case 'like': {
      const s = likeSelector(e);
      if (s !== null) return { select: s, cost: 3 };
      break;
    }
    case 'is_null':
      if (e.arg.kind === 'column') return { select: nullSelector(e.arg.index, e.negated), cost: 1 };
      break;
    default:
      break;
  }
  return { select: fallback(), cost: 10 };
}

function andSelector(parts: readonly Selector[]): Selector {
  if (parts.length === 1) return parts[0]!;
  return (b, sel, count, out) => {
    let n = parts[0]!(b, sel, count, out);
    for (let k = 1; k < parts.length && n > 0; k++) n = parts[k]!(b, out, n, out);
    return n;
  };
}

function orSelector(parts: readonly Selector[]): Selector {
  if (parts.length === 1) return parts[0]!;
  return (b, sel, count, out) => {
    const hit = new Uint8Array(b.length);
    // rows not yet known TRUE, narrowed after each disjunct
    let rest = sel.slice(0, count);
    let restCount = count;
    const tmp = new Int32Array(count);
    for (let k = 0; k < parts.length && restCount > 0; k++) {
      const m = parts[k]!(b, rest, restCount, tmp);
      if (m === 0) continue;
      for (let j = 0; j < m; j++) hit[tmp[j]!] = 1;
      let w = 0;
      for (let j = 0; j < restCount; j++) { const r = rest[j]!; if (hit[r] === 0) rest[w++] = r; }
      restCount = w;
    }
    let n = 0;
    for (let j = 0; j < count; j++) { const r = sel[j]!; if (hit[r] === 1) out[n++] = r; }
    return n;
  };
}

function nullSelector(col: number, negated: boolean): Selector {
  return (b, sel, count, out) => {
    const nulls = b.columns[col]!.nulls;
    if (nulls === null) {
      if (!negated) return 0;
      if (out !== sel) out.set(sel.subarray(0, count));
      return count;
    }
    let n = 0;
    for (let j = 0; j < count; j++) { const r = sel[j]!; if ((nulls[r] === 1) !== negated) out[n++] = r; }
    return n;
  };
}

/**
 * Any other predicate: the vector compiler on the rows still selected (a sparse selection evaluates only those
 * rows, taken from the columns the predicate reads, so rows dropped earlier cannot raise errors here).
 */
function vectorSelector(e: BoundExpr, input: readonly SqlType[], ctx: EvalContext): Selector {
  const ev = compileNode(e, input, ctx);
  const cols = new Set<number>();
  walkExpr(e, (x) => { if (x.kind === 'column') cols.add(x.index); });
  return (b, sel, count, out) => {
    if (count === b.length) {
      const v = ev(b);
      const d = v.data as Uint8Array, nulls = v.nulls;
      let n = 0;
      for (let j = 0; j < count; j++) { const r = sel[j]!; if (d[r] === 1 && (nulls === null || nulls[r] === 0)) out[n++] = r; }
      return n;
    }
    const sub: Batch = { length: count, columns: b.columns.map((c, i) => (cols.has(i) ? takeVector(c, sel, count) : c)) };
    const v = ev(sub);
    const d = v.data as Uint8Array, nulls = v.nulls;
    let n = 0;
    for (let j = 0; j < count; j++) if (d[j] === 1 && (nulls === null || nulls[j] === 0)) out[n++] = sel[j]!;
    return n;
  };
}
