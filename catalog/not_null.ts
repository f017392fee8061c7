/** NOT NULL enforcement for writes (23502), checked on each batch before it is written. */
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { Field } from '../common/types.js';
import { DEFAULT_VALUE_CONTEXT, type ValueContext } from '../common/values/context.js';
import { formatDatum } from '../common/values/text_io.js';
import { getDatum, type Batch } from '../common/vector.js';

export function checkNotNull(fields: readonly Field[], batch: Batch, tableName: string, values: ValueContext = DEFAULT_VALUE_CONTEXT): void {
  for (let c = 0; c < fields.length; c++) {
    const f = fields[c]!;
    if (f.nullable) continue;
    const v = batch.columns[c];
    const nulls = v?.nulls ?? null;
    const row = v === undefined ? 0 : nulls === null ? -1 : nulls.subarray(0, batch.length).indexOf(1);
    if (row >= 0) {
      throw new QueryError(SQLSTATE.not_null_violation, `null value in column "${f.name}" of relation "${tableName}" violates not-null constraint`, {
        detail: `Failing row contains (${failingRow(fields, batch, row, values)}).`,
      });
    }
  }
}

/** The row as PostgreSQL prints it in the DETAIL: each value's text output, `null` for NULL. */
function failingRow(fields: readonly Field[], batch: Batch, row: number, values: ValueContext): string {
  return fields
    .map((f, c) => {
      const v = batch.columns[c];
      const d = v === undefined ? null : getDatum(v, row);
      return d === null ? 'null' : formatDatum(f.type, d, values);
    })
    .join(', ');
}
