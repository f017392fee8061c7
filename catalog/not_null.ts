/** NOT NULL enforcement for writes (23502), checked on each batch before it is written. */
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { Field } from '../common/types.js';
import type { Batch } from '../common/vector.js';

export function checkNotNull(fields: readonly Field[], batch: Batch, tableName: string): void {
  for (let c = 0; c < fields.length; c++) {
    const f = fields[c]!;
    if (f.nullable) continue;
    const v = batch.columns[c];
    const nulls = v?.nulls ?? null;
    if (v === undefined || (nulls !== null && nulls.subarray(0, batch.length).includes(1))) {
      throw new QueryError(SQLSTATE.not_null_violation, `null value in column "${f.name}" of relation "${tableName}" violates not-null constraint`);
    }
  }
}
