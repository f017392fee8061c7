/**
 * Several sum/avg kernels of one aggregation (sum_kernel.ts) run as one generated loop: the selection, the
 * group ids and the shared columns are read once per row instead of once per aggregate (TPC-H q01 has seven
 * sums and averages over four columns). Each aggregate's step is a labelled block: a NULL input or an inexact
 * intermediate leaves just that block (the row then goes to that aggregate's exact path, as with its own
 * kernel). Used only when every column every kernel reads is in the compact form at its scale; otherwise each
 * FastSum runs alone.
 *
 * The generated source holds only numbers and array indexes computed here, never text from a query.
 */
import { isScaledNumerics, type Batch } from '../../common/vector.js';
import type { GroupedAccumulator } from '../expr/aggregates/accumulator.js';
import type { ScaledTree } from './fast_numeric.js';
import type { FastSum } from './fast_sum.js';
import { kernelSource } from './sum_kernel.js';

type FusedRun = (values: readonly Float64Array[], nulls: readonly (Uint8Array | null)[], sel: Int32Array | null, ids: Int32Array, n: number, accs: readonly Float64Array[], cnts: readonly Float64Array[], bigs: readonly bigint[][]) => (number[] | null)[];

/** One aggregate in the fused loop: its FastSum, the regular accumulator of its exact path, its argument column (-1: an expression). */
export interface FusedMember {
  readonly fast: FastSum;
  readonly fallback: GroupedAccumulator;
  readonly argIndex: number;
}

function treeColumns(t: ScaledTree, into: { index: number; scale: number }[]): void {
  switch (t.kind) {
    case 'column': into.push({ index: t.index, scale: t.scale }); return;
    case 'const': return;
    case 'op': treeColumns(t.left, into); treeColumns(t.right, into); return;
  }
}

export class FusedSums {
  private constructor(
    private readonly members: readonly FusedMember[],
    private readonly columns: readonly { readonly index: number; readonly scale: number }[],
    /** [selected][with NULL tests] */
    private readonly runs: readonly (readonly FusedRun[])[],
  ) {}

  /** The fused loop of the members with a kernel (null: fewer than two). */
  static create(candidates: readonly FusedMember[]): FusedSums | null {
    const members = candidates.filter((m) => m.fast.sumKernel !== null);
    if (members.length < 2) return null;
    const columns: { index: number; scale: number }[] = [];
    const blocks = members.map((m, i) => {
      const tree = m.fast.sumKernel!.tree;
      const { lines, top } = kernelSource(tree, columns, `t${i}_`, `(slow[${i}] ??= []).push(j); break m${i};`);
      const own: { index: number; scale: number }[] = [];
      treeColumns(tree, own);
      const ks = [...new Set(own.map((c) => columns.findIndex((x) => x.index === c.index && x.scale === c.scale)))];
      return { lines, top, nullTest: ks.map((k) => `(N${k} !== null && N${k}[r] === 1)`).join(' || ') };
    });
    const head = [
      ...columns.map((_, k) => `const V${k} = values[${k}], N${k} = nulls[${k}];`),
      ...members.map((_, i) => `const A${i} = accs[${i}], C${i} = cnts[${i}], B${i} = bigs[${i}];`),
    ].join('\n');
    const source = (selected: boolean, nullTests: boolean): string => `${head}
const slow = [${members.map(() => 'null').join(', ')}];
for (let j = 0; j < n; j++) {
  const r = ${selected ? 'sel[j]' : 'j'};
  const g = ids[j];
${blocks.map((b, i) => `  m${i}: {
    ${nullTests ? `if (${b.nullTest}) break m${i};` : ''}
    ${b.lines.join('\n    ')}
    const x = ${b.top};
    C${i}[g]++;
    if (x >= 4503599627370496 || x <= -4503599627370496) { B${i}[g] += BigInt(x); break m${i}; }
    const s = A${i}[g] + x;
    if (s >= 4503599627370496 || s <= -4503599627370496) { B${i}[g] += BigInt(s); A${i}[g] = 0; } else A${i}[g] = s;
  }`).join('\n')}
}
return slow;`;
    const compile = (selected: boolean, nullTests: boolean) => new Function('values', 'nulls', 'sel', 'ids', 'n', 'accs', 'cnts', 'bigs', source(selected, nullTests)) as FusedRun;
    return new FusedSums(members, columns, [[compile(false, false), compile(false, true)], [compile(true, false), compile(true, true)]]);
  }

  /** Which FastSums this loop folds (the aggregate state skips them when `update` returns true). */
  has(fast: FastSum | null): boolean {
    return fast !== null && this.members.some((m) => m.fast === fast);
  }

  /**
   * Fold rows [0, count) of `b` (with `sel`: rows sel[0..count), ids[j] the group of row sel[j]) into every
   * member; false (nothing folded) when some column is not compact at the scale its kernel expects.
   */
  update(ids: Int32Array, b: Batch, groups: number, sel: Int32Array | null, count: number): boolean {
    const values: Float64Array[] = [], nulls: (Uint8Array | null)[] = [];
    for (const c of this.columns) {
      const v = b.columns[c.index]!;
      if (!isScaledNumerics(v.data) || v.data.scale !== c.scale) return false;
      values.push(v.data.values);
      nulls.push(v.nulls);
    }
    const arrays = this.members.map((m) => m.fast.arrays(groups));
    const run = this.runs[sel === null ? 0 : 1]![nulls.every((x) => x === null) ? 0 : 1]!;
    const slow = run(values, nulls, sel, ids, count, arrays.map((a) => a.acc), arrays.map((a) => a.cnt), arrays.map((a) => a.big));
    slow.forEach((at, i) => {
      if (at === null) return;
      const m = this.members[i]!;
      m.fast.foldSlow(at, ids, b, groups, m.fallback, m.argIndex, sel);
    });
    return true;
  }
}
