/** A Delta table snapshot: one version's protocol, metadata, schema and active files. */
import type { ObjectStore } from '../object_store/store.js';
import type { AddFile, CommitInfo, Metadata, Protocol } from './actions.js';
import { type TableState, joinKey, listLog, listingLatest, replayLog } from './replay.js';
import { type DeltaStructType, parseSchemaString } from './schema.js';

/** Reader features Pier understands. */
const SUPPORTED_READER_FEATURES = new Set(['timestampNtz', 'columnMapping', 'v2Checkpoint', 'vacuumProtocolCheck', 'deletionVectors', 'typeWidening', 'typeWidening-preview']);

export class UnsupportedDeltaFeatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedDeltaFeatureError';
  }
}

export class DeltaSnapshot {
  readonly schema: DeltaStructType;

  constructor(
    readonly store: ObjectStore,
    readonly tablePath: string,
    readonly state: TableState,
  ) {
    this.schema = parseSchemaString(state.metadata.schemaString);
  }

  get version(): number { return this.state.version; }
  get protocol(): Protocol { return this.state.protocol; }
  get metadata(): Metadata { return this.state.metadata; }
  get partitionColumns(): readonly string[] { return this.state.metadata.partitionColumns; }
  get lastCommitInfo(): CommitInfo | null { return this.state.lastCommitInfo; }
  /** commit timestamp (ms) of this version */
  get timestamp(): number { return this.state.timestamp; }
  get files(): AddFile[] { return [...this.state.files.values()]; }

  /** Store key of a data file named in an add/remove action. */
  fileKey(addPath: string): string {
    return resolveDataPath(this.store, this.tablePath, addPath);
  }

  /** Throws when the table needs reader features Pier does not have. */
  checkReadable(): void {
    const p = this.protocol;
    if (!Number.isInteger(p.minReaderVersion) || p.minReaderVersion < 1 || p.minReaderVersion > 3) {
      throw new UnsupportedDeltaFeatureError(`Delta reader version ${String(p.minReaderVersion)} is not supported (Pier reads versions 1 to 3)`);
    }
    for (const f of p.readerFeatures ?? []) {
      if (!SUPPORTED_READER_FEATURES.has(f)) throw new UnsupportedDeltaFeatureError(`Delta reader feature "${f}" is not supported`);
    }
    const mode = this.metadata.configuration['delta.columnMapping.mode'];
    if (mode !== undefined && mode !== 'none' && mode !== 'name' && mode !== 'id') {
      throw new UnsupportedDeltaFeatureError(`Delta column mapping mode "${mode}" is not supported`);
    }
  }
}

/** add.path (relative + URL-encoded, or absolute file:// URI under the store root) → store key. */
export function resolveDataPath(store: ObjectStore, tablePath: string, addPath: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(addPath)) {
    if (addPath.startsWith('file:') && store.descriptor.kind === 'local') {
      const abs = decodeURIComponent(new URL(addPath).pathname);
      const root = store.descriptor.root.replace(/\/+$/, '') + '/';
      if (abs.startsWith(root)) return abs.slice(root.length);
    }
    throw new Error(`data file outside the table's store: ${addPath}`);
  }
  return joinKey(tablePath, decodeURIComponent(addPath));
}

/** The snapshot at `version` (default latest). Throws DeltaTableNotFoundError / DeltaVersionNotFoundError. */
export async function loadSnapshot(store: ObjectStore, tablePath: string, version?: number): Promise<DeltaSnapshot> {
  return new DeltaSnapshot(store, tablePath, await replayLog(store, tablePath, version));
}

/** Latest committed version, or -1 when there is no table. */
export async function latestVersion(store: ObjectStore, tablePath: string): Promise<number> {
  return listingLatest(await listLog(store, tablePath));
}

/** True when `tablePath` holds a Delta table (at least one commit). */
export async function isDeltaTable(store: ObjectStore, tablePath: string): Promise<boolean> {
  return (await latestVersion(store, tablePath)) >= 0;
}
