/**
 * The scan's metadata columns (contract for DML, described in executor/scan/scan_task.ts's header):
 * `_pier_file` (text, the data file's store key) and `_pier_row` (int8, 0-based row position in the file
 * before deletion vectors and filters).
 */
import type { TableSnapshot } from './catalog.js';
import { type Field, T } from '../common/types.js';

export const PIER_FILE_COLUMN = '_pier_file';
export const PIER_ROW_COLUMN = '_pier_row';

export const METADATA_FIELDS: readonly Field[] = [
  { name: PIER_FILE_COLUMN, type: T.text, nullable: false },
  { name: PIER_ROW_COLUMN, type: T.int8, nullable: false },
];

/** The snapshot with `_pier_file`, `_pier_row` appended to its fields (scans over it produce them). */
export function withMetadataColumns(snap: TableSnapshot): TableSnapshot {
  if (snap.metadataColumns === true) return snap;
  return {
    ...snap,
    fields: [...snap.fields, ...METADATA_FIELDS],
    ...(snap.fileColumnNames !== undefined ? { fileColumnNames: [...snap.fileColumnNames, PIER_FILE_COLUMN, PIER_ROW_COLUMN] } : {}),
    ...(snap.fileFieldIds !== undefined ? { fileFieldIds: [...snap.fileFieldIds, null, null] } : {}),
    metadataColumns: true,
  };
}
