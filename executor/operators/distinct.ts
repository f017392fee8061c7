/** SELECT DISTINCT: the first row of every distinct combination of all columns (NULLs equal). */
import type { Batch, Schema } from '../../common/vector.js';
import { takeBatch } from '../../common/vector.js';
import type { ExecContext } from '../api.js';
import { GroupTable } from './group_table.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

export class DistinctOperator implements Operator {
  readonly schema: Schema;

  constructor(private readonly input: Operator) {
    this.schema = input.schema;
  }

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const table = new GroupTable(inputTypes(this.schema));
    if (this.schema.length === 0) {
      // DISTINCT over no columns: at most one row
      for await (const b of this.input.execute(ctx)) if (b.length > 0) { yield { length: 1, columns: [] }; return; }
      return;
    }
    for await (const b of this.input.execute(ctx)) {
      checkAborted(ctx);
      const before = table.size;
      const ids = table.assign(b.columns, b.length);
      const sel: number[] = [];
      let next = before;
      for (let r = 0; r < b.length; r++) if (ids[r] === next) { sel.push(r); next++; }
      if (sel.length > 0) yield takeBatch(b, sel);
    }
  }
}
