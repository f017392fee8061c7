/**
 * The target of a DML statement as the query engine sees it while the statement runs: a catalog in which the
 * name `pier_dml_target.<table>` is the target's pinned snapshot, restricted to a set of files, with one more
 * (partition) column `_pier_file` holding each row's data file key. Queries over it find which files hold
 * matching rows (`GROUP BY _pier_file`, pruned by partition values and stats like any scan) and read back only
 * the files being rewritten. Other names (a subquery reading the target itself) see the real table.
 */
import type { Catalog, DataFile, Table, TableRef, TableSnapshot } from '../../../../catalog/catalog.js';
import { T, type Field } from '../../../../common/types.js';
import { withMetadataColumns } from '../../../../catalog/metadata_columns.js';
import type { PgNode } from '../../expr/scope.js';

export const OVERLAY_SCHEMA = 'pier_dml_target';
/** distinct from the scan's `_pier_file` metadata column (catalog/metadata_columns.ts), which this does not need */
export const FILE_COLUMN = '_pier_dml_file';

export interface TargetOverlay {
  readonly catalog: Catalog;
  /** RangeVar of the restricted target, aliased as the statement names it */
  rangeVar(): PgNode;
}

/** A catalog where `pier_dml_target.<name>` is `snap` limited to `files`, with the `_pier_file` column. */
export function targetOverlay(base: Catalog, table: Table, plain: TableSnapshot, files: readonly DataFile[], alias: string, location: number, rowIds = false): TargetOverlay {
  // rowIds: also the scan's metadata columns `_pier_file`, `_pier_row` (catalog/metadata_columns.ts)
  const snap = rowIds ? withMetadataColumns(plain) : plain;
  const name = table.ref.name;
  const fields: Field[] = [...snap.fields, { name: FILE_COLUMN, type: T.text, nullable: false }];
  const view: TableSnapshot = {
    ...snap,
    fields,
    partitionColumns: [...snap.partitionColumns, FILE_COLUMN],
    files: files.map((f) => ({ ...f, partitionValues: { ...f.partitionValues, [FILE_COLUMN]: f.path } })),
    ...(snap.fileColumnNames !== undefined ? { fileColumnNames: [...snap.fileColumnNames, FILE_COLUMN] } : {}),
    ...(snap.fileFieldIds !== undefined ? { fileFieldIds: [...snap.fileFieldIds, null] } : {}),
  };
  const overlayTable: Table = {
    ref: { schema: OVERLAY_SCHEMA, name },
    location: table.location,
    snapshot: () => Promise.resolve(view),
    append: () => Promise.reject(new Error('the DML target overlay is read-only')),
  };
  // every other name and method is the base catalog's
  const catalog = new Proxy(base, {
    get(target, prop) {
      if (prop === 'getTable') {
        return (ref: TableRef) => (ref.schema === OVERLAY_SCHEMA ? Promise.resolve(ref.name === name ? overlayTable : null) : target.getTable(ref));
      }
      if (prop === 'schemaExists') return (s: string) => (s === OVERLAY_SCHEMA ? Promise.resolve(true) : target.schemaExists(s));
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    catalog,
    rangeVar: () => ({ RangeVar: { schemaname: OVERLAY_SCHEMA, relname: name, inh: true, relpersistence: 'p', alias: { aliasname: alias }, location } }),
  };
}
