/** Result rows of lakehouse statements (DESCRIBE HISTORY, RESTORE, …): fields + rows of datums → one Batch. */
import type { Datum } from '../../../common/datum.js';
import { T, type Field, type SqlType } from '../../../common/types.js';
import { type Batch, vectorFromDatums } from '../../../common/vector.js';

export const field = (name: string, type: SqlType): Field => ({ name, type, nullable: true });
export const TEXT_ARRAY: SqlType = { kind: 'array', element: T.text };

export function rowsBatch(fields: readonly Field[], rows: readonly (readonly Datum[])[]): Batch {
  return { length: rows.length, columns: fields.map((f, i) => vectorFromDatums(f.type, rows.map((r) => r[i] ?? null))) };
}

/** ms since epoch → timestamptz datum (µs). */
export const millisToMicros = (ms: number): bigint => BigInt(Math.round(ms)) * 1000n;

/** A JSON-ish value of commitInfo (a map in Delta) rendered as JSON text; null stays null. */
export function jsonText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
