/** Result columns → RowDescription, batches → DataRows (text or binary per column). */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Field, SqlType } from '../../common/types.js';
import { oidTypeName, typeLen, typeMod, typeOid } from '../../common/types.js';
import type { ValueContext } from '../../common/values/context.js';
import type { Batch } from '../../common/vector.js';
import { getDatum } from '../../common/vector.js';
import type { BackendWriter, RowDescriptionField } from './codec/backend_writer.js';
import { encodeBinary, encodeText } from './types/index.js';

export const TEXT_FORMAT = 0;
export const BINARY_FORMAT = 1;

function checkFormat(code: number): number {
  if (code !== TEXT_FORMAT && code !== BINARY_FORMAT) {
    throw new QueryError(SQLSTATE.invalid_parameter_value, `unsupported format code: ${code}`);
  }
  return code;
}

/**
 * Bind's format codes (none = all text, one = for all, else one per item) expanded to `count` codes.
 * `what` names the items in the error message ('parameter formats' vs 'result formats').
 */
export function expandFormats(codes: readonly number[], count: number, mismatch: () => QueryError): number[] {
  if (codes.length === 0) return new Array<number>(count).fill(TEXT_FORMAT);
  if (codes.length === 1) return new Array<number>(count).fill(checkFormat(codes[0]!));
  if (codes.length !== count) throw mismatch();
  return codes.map(checkFormat);
}

export function rowDescription(fields: readonly Field[], formats: readonly number[] | null): RowDescriptionField[] {
  return fields.map((f, i) => ({
    name: f.name,
    tableOid: 0,
    columnAttr: 0,
    typeOid: typeOid(f.type),
    typeLen: typeLen(f.type),
    typeMod: typeMod(f.type),
    format: formats === null ? TEXT_FORMAT : (formats[i] ?? TEXT_FORMAT),
  }));
}

/** Append DataRows for rows [start, end) of `batch`. */
export function writeDataRows(
  out: BackendWriter,
  batch: Batch,
  formats: readonly number[],
  ctx: ValueContext,
  start = 0,
  end = batch.length,
  fields: readonly Field[] | null = null,
): void {
  const cols = batch.columns;
  const n = cols.length;
  const types = cols.map((v, c) => encodingType(v.type, fields?.[c]?.type));
  for (let r = start; r < end; r++) {
    out.beginDataRow(n);
    for (let c = 0; c < n; c++) {
      const v = cols[c]!;
      const d = getDatum(v, r);
      if (d === null) out.nullValue();
      else if (formats[c] === BINARY_FORMAT) out.binaryValue(encodeBinary(types[c]!, d));
      else out.textValue(encodeText(types[c]!, d, ctx));
    }
    out.endDataRow();
  }
}

/** The result field's type when it is an OID-valued type (oid, reg*, oid[], oidvector) of the same kind, else the vector's. */
function encodingType(vector: SqlType, field: SqlType | undefined): SqlType {
  if (field === undefined || field.kind !== vector.kind) return vector;
  const tagged = field.kind === 'array' ? field.oidvector === true || oidTypeName(field.element) !== null : oidTypeName(field) !== null;
  return tagged ? field : vector;
}
