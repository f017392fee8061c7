/** The values of the scan's metadata columns `_pier_file` / `_pier_row` (see scan_task.ts's header). */
import type { Vector } from '../../common/vector.js';
import { T } from '../../common/types.js';
import { PIER_FILE_COLUMN, PIER_ROW_COLUMN } from '../../catalog/metadata_columns.js';

export function isMetadataColumn(name: string): boolean {
  return name === PIER_FILE_COLUMN || name === PIER_ROW_COLUMN;
}

/** `_pier_file`: the file's store key on every row; `_pier_row`: firstRow, firstRow + 1, … */
export function metadataColumnVector(name: string, path: string, firstRow: number, length: number): Vector {
  if (name === PIER_FILE_COLUMN) return { type: T.text, length, data: new Array<string>(length).fill(path), nulls: null };
  const data = new BigInt64Array(length);
  for (let i = 0; i < length; i++) data[i] = BigInt(firstRow + i);
  return { type: T.int8, length, data, nulls: null };
}
