/** CREATE TABLE … LOCATION over an existing Delta table: load it, and compare a given column list with its schema. */
import type { CreateTableSpec } from './catalog.js';
import { QueryError, SQLSTATE } from '../common/errors.js';
import { formatType } from '../common/types.js';
import type { ObjectStore } from '../storage/object_store/store.js';
import { type DeltaSnapshot, UnsupportedDeltaFeatureError } from '../storage/delta/snapshot.js';
import { deltaSchemaToFields } from './delta_types.js';

/** The latest snapshot at the location; unreadable tables (unsupported features, broken logs) are refused now. */
export async function snapshotForRegistration(
  store: ObjectStore, path: string, location: string,
  load: (store: ObjectStore, path: string) => Promise<DeltaSnapshot>,
): Promise<DeltaSnapshot> {
  let snap: DeltaSnapshot;
  try {
    snap = await load(store, path);
  } catch (e) {
    if (e instanceof QueryError) throw e;
    const code = e instanceof UnsupportedDeltaFeatureError ? SQLSTATE.feature_not_supported : SQLSTATE.data_corrupted;
    throw new QueryError(code, `cannot read the Delta table at "${location}": ${(e as Error).message}`, { cause: e });
  }
  try {
    snap.checkReadable();
  } catch (e) {
    throw new QueryError(SQLSTATE.feature_not_supported, (e as Error).message, { cause: e });
  }
  return snap;
}

/**
 * Columns given with LOCATION must match the existing table's (names, types, order; partitioning when given),
 * as Databricks requires (DELTA_CREATE_TABLE_SCHEME_MISMATCH).
 */
export function checkExistingSchema(snap: DeltaSnapshot, spec: CreateTableSpec, location: string): void {
  const existing = deltaSchemaToFields(snap.schema);
  const show = (fs: readonly { name: string; type: Parameters<typeof formatType>[0] }[]): string => fs.map((f) => `${f.name} ${formatType(f.type)}`).join(', ');
  const same = existing.length === spec.fields.length
    && existing.every((f, i) => f.name === spec.fields[i]!.name && formatType(f.type) === formatType(spec.fields[i]!.type));
  if (!same) {
    throw new QueryError('42KD7', `the specified schema does not match the existing schema at "${location}"`, {
      detail: `Specified: ${show(spec.fields)}\nExisting: ${show(existing)}`,
    });
  }
  const parts = snap.partitionColumns;
  if (spec.partitionColumns.length > 0 && (parts.length !== spec.partitionColumns.length || parts.some((p, i) => p !== spec.partitionColumns[i]))) {
    throw new QueryError('42KD7', `the specified partitioning does not match the existing partitioning at "${location}"`, {
      detail: `Specified: ${spec.partitionColumns.join(', ')}\nExisting: ${parts.join(', ')}`,
    });
  }
}
