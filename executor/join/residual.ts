/**
 * Filtering candidate join pairs by a residual condition without gathering every column: only the columns
 * the condition reads are gathered (the others are empty placeholders the compiled predicate never reads).
 */
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { allocData } from '../../common/vector.js';
import { gatherVector } from './gather.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import { columnsOf } from '../../planner/optimizer/expr_utils.js';
import type { CompiledPredicate } from '../expr/compile.js';

export class PairFilter {
  private readonly used: Set<number>;

  constructor(
    residual: BoundExpr,
    private readonly predicate: CompiledPredicate,
    private readonly leftSchema: Schema,
    private readonly rightSchema: Schema,
  ) {
    this.used = columnsOf(residual);
  }

  /** Positions j < n of the pairs (left[lsel[j]], right[rsel[j]]) satisfying the condition. */
  select(left: Batch | null, lsel: Int32Array, right: Batch | null, rsel: Int32Array, n: number): { sel: Int32Array; count: number } {
    const nl = this.leftSchema.length;
    const col = (c: number): Vector => {
      const f = c < nl ? this.leftSchema[c]! : this.rightSchema[c - nl]!;
      const src = c < nl ? left?.columns[c] : right?.columns[c - nl];
      if (!this.used.has(c)) return { type: f.type, length: n, data: allocData(f.type, 0), nulls: null };
      if (src === undefined) return { type: f.type, length: n, data: allocData(f.type, n), nulls: new Uint8Array(n).fill(1) };
      return gatherVector(src, c < nl ? lsel : rsel, n);
    };
    const columns = Array.from({ length: nl + this.rightSchema.length }, (_, c) => col(c));
    return this.predicate.select({ length: n, columns });
  }
}

/** Keep pairs j at positions sel[0..count) of (psel, bsel). */
export function compactPairs(psel: Int32Array, bsel: Int32Array, sel: Int32Array, count: number): [Int32Array, Int32Array] {
  const np = new Int32Array(count);
  const nb = new Int32Array(count);
  for (let j = 0; j < count; j++) {
    np[j] = psel[sel[j]!]!;
    nb[j] = bsel[sel[j]!]!;
  }
  return [np, nb];
}
