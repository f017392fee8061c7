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
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import { LIMIT, P10, scaledTree, type ScaledTree } from './fast_numeric.js';


export interface SumKernel {
  /** the scale of the summed values */
  readonly scale: number;
  /** the batch columns the expression reads, with the scale each must have */
  readonly columns: readonly { readonly index: number; readonly scale: number }[];
  /** the expression's tree (fused_sums.ts generates one loop for several kernels from theirs) */
  readonly tree: ScaledTree;
  /**
   * Fold rows [0, n): `values[k]` / `nulls[k]` are the data of `columns[k]`. Returns the rows not exact as numbers
   * (null when none).
   */
  readonly run: (values: readonly Float64Array[], nulls: readonly (Uint8Array | null)[], ids: Int32Array, n: number, acc: Float64Array, cnt: Float64Array, big: bigint[]) => number[] | null;
  /**
   * Fold rows sel[0..n) (a selection vector over the columns): `ids[j]` is the group of row sel[j]. Returns the
   * positions j (in `sel`) of the rows not exact as numbers (null when none).
   */
  readonly runSelected: (values: readonly Float64Array[], nulls: readonly (Uint8Array | null)[], sel: Int32Array, ids: Int32Array, n: number, acc: Float64Array, cnt: Float64Array, big: bigint[]) => number[] | null;
}

/** The kernel for `e`, or null when it is not such a tree. */
export function compileSumKernel(e: BoundExpr): SumKernel | null {
  if (e.type.kind !== 'numeric') return null;
  const tree = scaledTree(e);
  if (tree === null) return null;
  const columns: { index: number; scale: number }[] = [];
  const { lines, top } = kernelSource(tree, columns, 't', '(slow ??= []).push(j); continue;');
  const head = columns.map((_, k) => `const V${k} = values[${k}], N${k} = nulls[${k}];`).join('\n');
  const nullTest = columns.map((_, k) => `(N${k} !== null && N${k}[r] === 1)`).join(' || ');
  const loop = (selected: boolean, nullTest: string | null): string => `${head}
let slow = null;
for (let j = 0; j < n; j++) {
  const r = ${selected ? 'sel[j]' : 'j'};
  ${nullTest === null ? '' : `if (${nullTest}) continue;`}
  ${lines.join('\n  ')}
  const x = ${top};
  const g = ids[j];
  cnt[g]++;
  if (x >= 4503599627370496 || x <= -4503599627370496) { big[g] += BigInt(x); continue; }
  const s = acc[g] + x;
  if (s >= 4503599627370496 || s <= -4503599627370496) { big[g] += BigInt(s); acc[g] = 0; } else acc[g] = s;
}
return slow;`;
  // columns without NULLs (the usual case) take a loop without the per-row NULL tests
  const noNulls = (nulls: readonly (Uint8Array | null)[]): boolean => nulls.every((x) => x === null);
  const runAll = new Function('values', 'nulls', 'ids', 'n', 'acc', 'cnt', 'big', loop(false, nullTest)) as SumKernel['run'];
  const runAllPlain = new Function('values', 'nulls', 'ids', 'n', 'acc', 'cnt', 'big', loop(false, null)) as SumKernel['run'];
  const runSel = new Function('values', 'nulls', 'sel', 'ids', 'n', 'acc', 'cnt', 'big', loop(true, nullTest)) as SumKernel['runSelected'];
  const runSelPlain = new Function('values', 'nulls', 'sel', 'ids', 'n', 'acc', 'cnt', 'big', loop(true, null)) as SumKernel['runSelected'];
  const run: SumKernel['run'] = (values, nulls, ids, n, acc, cnt, big) => (noNulls(nulls) ? runAllPlain : runAll)(values, nulls, ids, n, acc, cnt, big);
  const runSelected: SumKernel['runSelected'] = (values, nulls, sel, ids, n, acc, cnt, big) => (noNulls(nulls) ? runSelPlain : runSel)(values, nulls, sel, ids, n, acc, cnt, big);
  return { scale: tree.scale, columns, tree, run, runSelected };
}

/**
 * JS source computing one row's value of `tree` (row `r`, columns `V<k>[r]`, k the column's place in `columns`,
 * added when new): temporaries `<prefix><i>` checked as they are made (`onSlow` runs when one is not exact).
 */
export function kernelSource(tree: ScaledTree, columns: { index: number; scale: number }[], prefix: string, onSlow: string): { readonly lines: readonly string[]; readonly top: string } {
  const lines: string[] = [];
  let temps = 0;
  const fresh = (expr: string): string => {
    const t = `${prefix}${temps++}`;
    lines.push(`const ${t} = ${expr}; if (!(${t} < ${LIMIT} && ${t} > -${LIMIT})) { ${onSlow} }`);
    return t;
  };
  /** JS source of a node's value (scaled to the node's scale), temporaries checked as they are made */
  const gen = (t: ScaledTree): string => {
    switch (t.kind) {
      case 'column': {
        let k = columns.findIndex((c) => c.index === t.index && c.scale === t.scale);
        if (k < 0) { k = columns.length; columns.push({ index: t.index, scale: t.scale }); }
        return `V${k}[r]`;
      }
      case 'const': return `(${t.value})`;
      case 'op': {
        const a = gen(t.left), c = gen(t.right);
        if (t.op === '*') return fresh(`${a} * ${c}`);
        const left = t.left.scale === t.scale ? a : fresh(`${a} * ${P10[t.scale - t.left.scale]}`);
        const right = t.right.scale === t.scale ? c : fresh(`${c} * ${P10[t.scale - t.right.scale]}`);
        return fresh(`${left} ${t.op} ${right}`);
      }
    }
  };
  const top = gen(tree);
  return { lines, top };
}
