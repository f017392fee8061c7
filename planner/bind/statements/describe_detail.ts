/**
 * DESCRIBE DETAIL t: one row describing the latest version (Databricks' columns). `properties` (a map) is
 * JSON text; `tableFeatures` lists the protocol's features, or for legacy protocols the features its writer
 * version implies.
 */
import type { Datum } from '../../../common/datum.js';
import { T, type Field } from '../../../common/types.js';
import type { ObjectStore } from '../../../storage/object_store/store.js';
import type { Protocol } from '../../../storage/delta/actions.js';
import { loadSnapshot } from '../../../storage/delta/snapshot.js';
import { smallFileWarning } from '../../../storage/delta/operations/small_files.js';
import { field, millisToMicros, TEXT_ARRAY } from './describe_rows.js';

export const DETAIL_FIELDS: readonly Field[] = [
  field('format', T.text), field('id', T.text), field('name', T.text), field('description', T.text),
  field('location', T.text), field('createdAt', T.timestamptz), field('lastModified', T.timestamptz),
  field('partitionColumns', TEXT_ARRAY), field('clusteringColumns', TEXT_ARRAY), field('numFiles', T.int8),
  field('sizeInBytes', T.int8), field('properties', T.text), field('minReaderVersion', T.int4),
  field('minWriterVersion', T.int4), field('tableFeatures', TEXT_ARRAY), field('statistics', T.text),
];

/** Features a protocol enables: its explicit lists, or those implied by legacy (reader, writer) versions. */
export function tableFeatures(p: Protocol): string[] {
  const out = new Set<string>([...(p.readerFeatures ?? []), ...(p.writerFeatures ?? [])]);
  if (p.writerFeatures === undefined) {
    const w = p.minWriterVersion;
    if (w >= 2) { out.add('appendOnly'); out.add('invariants'); }
    if (w >= 3) out.add('checkConstraints');
    if (w >= 4) { out.add('changeDataFeed'); out.add('generatedColumns'); }
    if (w >= 5) out.add('columnMapping');
    if (w >= 6) out.add('identityColumns');
  }
  return [...out].sort();
}

/** `name`: schema.table, or null for a table named by path. */
/** The DESCRIBE DETAIL row; `warn` receives the small-files warning when the table has many small files. */
export async function describeDetail(name: string | null, location: string, store: ObjectStore, path: string, warn?: (message: string) => void): Promise<Datum[]> {
  const snap = await loadSnapshot(store, path);
  const warning = smallFileWarning(snap);
  if (warning !== null) warn?.(warning);
  const files = snap.files;
  const md = snap.metadata;
  const clustering = md.configuration['clusteringColumns'];
  return [
    'delta', md.id, name, md.description ?? null, location,
    typeof md.createdTime === 'number' ? millisToMicros(md.createdTime) : null, millisToMicros(snap.timestamp),
    [...md.partitionColumns], clustering !== undefined ? safeList(clustering) : [], BigInt(files.length),
    BigInt(files.reduce((s, f) => s + f.size, 0)), JSON.stringify(md.configuration),
    snap.protocol.minReaderVersion, snap.protocol.minWriterVersion, tableFeatures(snap.protocol),
    JSON.stringify({ numRowsDeletedByDeletionVectors: 0, numDeletionVectors: 0 }),
  ];
}

function safeList(s: string): string[] {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
