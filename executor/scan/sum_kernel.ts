/**
 * sum/avg over a fixed-scale numeric expression (fast_numeric.ts's trees: numeric columns, constants,
 * numeric_add / sub / mul) compiled to one generated loop per aggregate: each row's value is computed inline as
 * a scaled integer in a JS number, every intermediate checked to stay below 2^53 (exact), and folded straight
 * into the group's number-plus-bigint-carry accumulator of fast_sum.ts. No per-node vectors, no per-batch
 * allocation. Used when every column the expression reads is in the compact scaled form at the expected scale;
 * rows with a NULL input are skipped (strict operators: the value is NULL), rows that would not be exact are
 * returned for the exact path.
 *
 * The generated source holds only numbers and array indexes computed here, never text from a query.
 */
import type { Numeric } from '../../common/datum.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';

const P10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const LIMIT = 9007199254740992; // 2^53

export interface SumKernel {
  /** the scale of the summed values */
  readonly scale: number;
  /** the batch columns the expression reads, with the scale each must have */
  readonly columns: readonly { readonly index: number; readonly scale: number }[];
  /**
   * Fold rows [0, n): `values[k]` / `nulls[k]` are the data of `columns[k]`. Returns the rows not exact as numbers
   * (null when none).
   */
  readonly run: (values: readonly Float64Array[], nulls: readonly (Uint8Array | null)[], ids: Int32Array, n: number, acc: Float64Array, cnt: Float64Array, big: bigint[]) => number[] | null;
}

interface Gen { readonly scale: number; readonly code: string }

/** The kernel for `e`, or null when it is not such a tree. */
export function compileSumKernel(e: BoundExpr): SumKernel | null {
  const columns: { index: number; scale: number }[] = [];
  const lines: string[] = [];
  let temps = 0;
  const fresh = (expr: string): string => {
    const t = `t${temps++}`;
    lines.push(`const ${t} = ${expr}; if (!(${t} < ${LIMIT} && ${t} > -${LIMIT})) { (slow ??= []).push(r); continue; }`);
    return t;
  };
  const gen = (x: BoundExpr): Gen | null => {
    switch (x.kind) {
      case 'column': {
        if (x.type.kind !== 'numeric' || x.type.scale === null || x.type.scale > 15) return null;
        let k = columns.findIndex((c) => c.index === x.index);
        if (k < 0) { k = columns.length; columns.push({ index: x.index, scale: x.type.scale }); }
        return { scale: x.type.scale, code: `V${k}[r]` };
      }
      case 'cast':
        if (x.type.kind !== 'numeric' || x.type.scale !== null || x.type.precision !== null || x.arg.type.kind !== 'numeric') return null;
        return gen(x.arg);
      case 'const': {
        if (x.type.kind !== 'numeric' || x.value === null) return null;
        const n = x.value as Numeric;
        if (n.special !== undefined || n.scale > 15) return null;
        const v = Number(n.unscaled);
        if (!Number.isSafeInteger(v)) return null;
        return { scale: n.scale, code: `(${v})` };
      }
      case 'call': {
        if (x.args.length !== 2 || x.type.kind !== 'numeric') return null;
        const op = x.fn === 'numeric_add' ? '+' : x.fn === 'numeric_sub' ? '-' : x.fn === 'numeric_mul' ? '*' : null;
        if (op === null) return null;
        const a = gen(x.args[0]!), c = gen(x.args[1]!);
        if (a === null || c === null) return null;
        if (op === '*') {
          if (a.scale + c.scale > 15) return null;
          return { scale: a.scale + c.scale, code: fresh(`${a.code} * ${c.code}`) };
        }
        const scale = Math.max(a.scale, c.scale);
        const left = a.scale === scale ? a.code : fresh(`${a.code} * ${P10[scale - a.scale]}`);
        const right = c.scale === scale ? c.code : fresh(`${c.code} * ${P10[scale - c.scale]}`);
        return { scale, code: fresh(`${left} ${op} ${right}`) };
      }
      default:
        return null;
    }
  };
  if (e.type.kind !== 'numeric') return null;
  const top = gen(e);
  if (top === null || columns.length === 0) return null;
  const head = columns.map((_, k) => `const V${k} = values[${k}], N${k} = nulls[${k}];`).join('\n');
  const nullTest = columns.map((_, k) => `(N${k} !== null && N${k}[r] === 1)`).join(' || ');
  const body = `${head}
let slow = null;
for (let r = 0; r < n; r++) {
  if (${nullTest}) continue;
  ${lines.join('\n  ')}
  const x = ${top.code};
  const g = ids[r];
  cnt[g]++;
  if (x >= 4503599627370496 || x <= -4503599627370496) { big[g] += BigInt(x); continue; }
  const s = acc[g] + x;
  if (s >= 4503599627370496 || s <= -4503599627370496) { big[g] += BigInt(s); acc[g] = 0; } else acc[g] = s;
}
return slow;`;
  const run = new Function('values', 'nulls', 'ids', 'n', 'acc', 'cnt', 'big', body) as SumKernel['run'];
  return { scale: top.scale, columns, run };
}
