/**
 * UNION / INTERSECT / EXCEPT [ALL], hash-based, rows compared as GROUP BY does (NULLs equal).
 * UNION ALL streams both inputs; UNION streams the first occurrence of each row. INTERSECT/EXCEPT count
 * the right input's rows per key first, then stream the left input: INTERSECT ALL emits a row while the
 * right still has copies left (min(m, n) copies), EXCEPT ALL once those copies are used up (max(m − n, 0)),
 * and the distinct forms emit each qualifying row once.
 */
import type { SetOpKind } from '../../planner/logical/nodes.js';
import type { Batch, Schema } from '../../common/vector.js';
import { takeBatch } from '../../common/vector.js';
import type { ExecContext } from '../api.js';
import { GroupTable } from './group_table.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

export class SetOpOperator implements Operator {
  constructor(
    readonly schema: Schema,
    private readonly op: SetOpKind,
    private readonly all: boolean,
    private readonly left: Operator,
    private readonly right: Operator,
  ) {}

  children(): readonly Operator[] {
    return [this.left, this.right];
  }

  execute(ctx: ExecContext): AsyncIterable<Batch> {
    if (this.op === 'union') return this.all ? this.unionAll(ctx) : this.union(ctx);
    return this.intersectExcept(ctx);
  }

  private async *unionAll(ctx: ExecContext): AsyncIterable<Batch> {
    for (const input of [this.left, this.right]) {
      for await (const b of input.execute(ctx)) {
        checkAborted(ctx);
        if (b.length > 0) yield b;
      }
    }
  }

  private async *union(ctx: ExecContext): AsyncIterable<Batch> {
    const table = new GroupTable(inputTypes(this.schema));
    for (const input of [this.left, this.right]) {
      for await (const b of input.execute(ctx)) {
        checkAborted(ctx);
        const sel = newRows(table, b);
        if (sel.length > 0) yield takeBatch(b, sel);
      }
    }
  }

  private async *intersectExcept(ctx: ExecContext): AsyncIterable<Batch> {
    const table = new GroupTable(inputTypes(this.schema));
    // copies of each key in the right input (by group id)
    const remaining: number[] = [];
    for await (const b of this.right.execute(ctx)) {
      checkAborted(ctx);
      const ids = assign(table, b);
      for (let r = 0; r < b.length; r++) {
        const id = ids[r]!;
        remaining[id] = (remaining[id] ?? 0) + 1;
      }
    }
    const rightKeys = table.size;
    const emitted: boolean[] = [];
    const intersect = this.op === 'intersect';
    for await (const b of this.left.execute(ctx)) {
      checkAborted(ctx);
      const ids = assign(table, b);
      const sel: number[] = [];
      for (let r = 0; r < b.length; r++) {
        const id = ids[r]!;
        const inRight = id < rightKeys && (remaining[id] ?? 0) > 0;
        if (this.all) {
          if (inRight) remaining[id]!--;
          if (inRight === intersect) sel.push(r);
        } else if (inRight === intersect && !emitted[id]) {
          emitted[id] = true;
          sel.push(r);
        }
      }
      if (sel.length > 0) yield takeBatch(b, sel);
    }
  }
}

function assign(table: GroupTable, b: Batch): Int32Array {
  if (b.columns.length === 0) {
    // no columns: every row has the same (empty) key
    if (table.size === 0) table.size = 1;
    return new Int32Array(b.length);
  }
  return table.assign(b.columns, b.length);
}

/** Rows of `b` whose key the table had not seen before (first occurrence within the batch too). */
function newRows(table: GroupTable, b: Batch): number[] {
  const before = table.size;
  const ids = assign(table, b);
  const sel: number[] = [];
  let next = before;
  for (let r = 0; r < b.length; r++) if (ids[r] === next) { sel.push(r); next++; }
  return sel;
}
