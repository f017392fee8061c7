/**
 * DeltaSnapshot (the log state) → catalog TableSnapshot: typed partition values and stats, data file keys,
 * deletion vectors resolved to store keys, and column mapping (name / id mode): Parquet columns, partition
 * values and stats are keyed by each column's physical name, the snapshot exposes logical names.
 */
import type { DataFile, TableSnapshot } from './catalog.js';
import type { Datum } from '../common/datum.js';
import type { Field } from '../common/types.js';
import type { DeltaSnapshot } from '../storage/delta/snapshot.js';
import { resolveDataPath } from '../storage/delta/snapshot.js';
import { joinKey } from '../storage/delta/replay.js';
import { type DeletionVectorDescriptor, resolveDeletionVector } from '../storage/delta/deletion_vector.js';
import { columnFieldIds, physicalColumnNames } from '../storage/delta/column_mapping.js';
import { deltaSchemaToFields, partitionValueToDatum } from './delta_types.js';
import { parseFileStats } from './file_stats.js';
import { nestedFieldNames } from './delta_nested_types.js';

function nestedNamesOf(snap: DeltaSnapshot): { nestedFieldNames?: Record<string, string> } {
  const names = nestedFieldNames(snap.schema);
  return Object.keys(names).length > 0 ? { nestedFieldNames: names } : {};
}

function isDescriptor(dv: unknown): dv is DeletionVectorDescriptor {
  return typeof dv === 'object' && dv !== null && typeof (dv as { storageType?: unknown }).storageType === 'string';
}

export function toTableSnapshot(snap: DeltaSnapshot): TableSnapshot {
  const fields: Field[] = deltaSchemaToFields(snap.schema);
  const physical = physicalColumnNames(snap.schema, snap.metadata.configuration);
  const physicalOf = new Map(fields.map((f, i) => [f.name, physical[i]!]));
  const mapped = physical.some((p, i) => p !== fields[i]!.name);
  const ids = columnFieldIds(snap.schema, snap.metadata.configuration);
  const statsFields = mapped ? fields.map((f, i) => ({ ...f, name: physical[i]! })) : fields;
  const byName = new Map(fields.map((f) => [f.name, f]));
  const relative = (p: string): string => (/^[a-z][a-z0-9+.-]*:/i.test(p) ? resolveDataPath(snap.store, snap.tablePath, p) : joinKey(snap.tablePath, p));
  const files: DataFile[] = snap.files.map((a) => {
    const partitionValues: Record<string, Datum> = {};
    for (const c of snap.partitionColumns) {
      const f = byName.get(c);
      const key = physicalOf.get(c) ?? c;
      if (f !== undefined) partitionValues[c] = partitionValueToDatum(a.partitionValues[key] ?? a.partitionValues[c] ?? null, f.type);
    }
    let stats = a.stats ? parseFileStats(a.stats, statsFields) : null;
    if (stats !== null && mapped) stats = relabel(stats, statsFields, fields);
    const dv = isDescriptor(a.deletionVector) ? resolveDeletionVector(a.deletionVector, relative) : undefined;
    return {
      path: snap.fileKey(a.path),
      size: a.size,
      partitionValues,
      stats,
      ...(dv !== undefined ? { deletionVector: dv } : {}),
    };
  });
  return {
    version: snap.version,
    fields,
    partitionColumns: [...snap.partitionColumns],
    files,
    store: snap.store,
    ...(mapped ? { fileColumnNames: physical } : {}),
    ...(ids !== null ? { fileFieldIds: ids } : {}),
    ...(mapped || ids !== null ? nestedNamesOf(snap) : {}),
  };
}

/** Stats keyed by physical names → keyed by logical names. */
function relabel(stats: NonNullable<DataFile['stats']>, from: readonly Field[], to: readonly Field[]): NonNullable<DataFile['stats']> {
  const min: Record<string, Datum> = {};
  const max: Record<string, Datum> = {};
  const nullCount: Record<string, number> = {};
  from.forEach((f, i) => {
    const n = to[i]!.name;
    if (f.name in stats.min) min[n] = stats.min[f.name]!;
    if (f.name in stats.max) max[n] = stats.max[f.name]!;
    if (f.name in stats.nullCount) nullCount[n] = stats.nullCount[f.name]!;
  });
  return { numRecords: stats.numRecords, min, max, nullCount };
}
