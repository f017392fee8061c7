/**
 * What the admin API shows about tables: the list, one table's detail (version, files, size, partitioning,
 * properties, small files) and its history (commitInfo of every version, newest first). Read through the
 * catalog and the Delta log; no SQL session involved.
 */
import type { Catalog, Table } from '../../catalog/catalog.js';
import { listLog, readCommit } from '../../storage/delta/replay.js';
import { loadSnapshot, type DeltaSnapshot } from '../../storage/delta/snapshot.js';
import { smallFileCount } from '../../storage/delta/operations/small_files.js';

export interface TableListEntry {
  readonly schema: string;
  readonly name: string;
  readonly location: string;
}

export async function listAllTables(catalog: Catalog): Promise<TableListEntry[]> {
  const out: TableListEntry[] = [];
  for (const schema of await catalog.listSchemas()) {
    for (const name of await catalog.listTables(schema)) {
      const t = await catalog.getTable({ schema, name }).catch(() => null);
      if (t !== null) out.push({ schema, name, location: t.location });
    }
  }
  return out;
}

export async function deltaSnapshotOf(table: Table): Promise<DeltaSnapshot> {
  const loc = table.deltaLocation?.();
  if (loc === undefined) throw new Error(`table "${table.ref.name}" is not a Delta table`);
  return loadSnapshot(loc.store, loc.path);
}

export async function tableDetail(table: Table): Promise<Record<string, unknown>> {
  const snap = await deltaSnapshotOf(table);
  const files = snap.files;
  return {
    schema: table.ref.schema,
    name: table.ref.name,
    location: table.location,
    format: 'delta',
    id: snap.metadata.id,
    version: snap.version,
    lastModified: new Date(snap.timestamp).toISOString(),
    partitionColumns: [...snap.partitionColumns],
    numFiles: files.length,
    sizeInBytes: files.reduce((s, f) => s + f.size, 0),
    numSmallFiles: smallFileCount(snap),
    properties: { ...snap.metadata.configuration },
    minReaderVersion: snap.protocol.minReaderVersion,
    minWriterVersion: snap.protocol.minWriterVersion,
  };
}

export async function tableHistory(table: Table, limit: number | null): Promise<Record<string, unknown>[]> {
  const loc = table.deltaLocation?.();
  if (loc === undefined) throw new Error(`table "${table.ref.name}" is not a Delta table`);
  const commits = [...(await listLog(loc.store, loc.path)).commits].reverse();
  const chosen = limit === null ? commits : commits.slice(0, limit);
  const out: Record<string, unknown>[] = [];
  for (const c of chosen) {
    const info = (await readCommit(loc.store, c)).find((a) => a.kind === 'commitInfo');
    const ci = info?.kind === 'commitInfo' ? info.commitInfo : {};
    out.push({
      version: c.version,
      timestamp: new Date(typeof ci.timestamp === 'number' ? ci.timestamp : c.lastModified).toISOString(),
      operation: ci.operation ?? null,
      operationParameters: ci.operationParameters ?? {},
      operationMetrics: ci.operationMetrics ?? {},
      readVersion: ci.readVersion ?? null,
      isBlindAppend: ci.isBlindAppend ?? null,
      engineInfo: ci.engineInfo ?? null,
    });
  }
  return out;
}
