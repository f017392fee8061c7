/**
 * Checkpoint writing (PROTOCOL.md "Checkpoints"): after a commit whose version is a multiple of
 * `delta.checkpointInterval` (default 10), the table state at that version is written as a classic single-part
 * checkpoint `_delta_log/NNN.checkpoint.parquet` (protocol, metaData, txns, adds, and the remove tombstones
 * still within `delta.deletedFileRetentionDuration`, default 1 week), then `_delta_log/_last_checkpoint`.
 * A failing checkpoint never fails the commit that triggered it: maybeWriteCheckpoint only logs a warning.
 */
import type { ObjectStore } from '../object_store/store.js';
import { tableToIPC, type Table } from 'apache-arrow';
import * as pw from 'parquet-wasm';
import type { Action, Metadata, Protocol, RemoveFile } from './actions.js';
import { checkpointTable } from './checkpoint_arrow.js';
import { LAST_CHECKPOINT, readLastCheckpoint } from './last_checkpoint.js';
import { joinKey, listLog, logDir, readCommit } from './replay.js';
import { loadSnapshot } from './snapshot.js';

export const DEFAULT_CHECKPOINT_INTERVAL = 10;
const DEFAULT_TOMBSTONE_RETENTION_MS = 7 * 24 * 3600 * 1000;

export function checkpointFileName(version: number): string {
  return `${String(version).padStart(20, '0')}.checkpoint.parquet`;
}

/** `interval 1 week`, `7 days`, `interval 168 hours` → ms; null when unparseable. */
export function parseIntervalMillis(text: string): number | null {
  const m = /^\s*(?:interval\s+)?(\d+)\s*(week|day|hour|minute|second|millisecond|ms)s?\s*$/i.exec(text);
  if (m === null) return null;
  const unit: Record<string, number> = { week: 604_800_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1, ms: 1 };
  return Number(m[1]) * unit[m[2]!.toLowerCase()]!;
}

export function checkpointInterval(metadata: Metadata): number {
  const v = Number(metadata.configuration['delta.checkpointInterval']);
  return Number.isInteger(v) && v > 0 ? v : DEFAULT_CHECKPOINT_INTERVAL;
}

export interface CheckpointWritten {
  readonly version: number;
  readonly path: string;
  /** actions in the checkpoint */
  readonly size: number;
  readonly sizeInBytes: number;
  readonly numOfAddFiles: number;
}

/** Remove tombstones of the JSON commits up to `version` that are not re-added and not expired. */
async function tombstones(store: ObjectStore, tablePath: string, version: number, active: ReadonlySet<string>, minTimestamp: number): Promise<RemoveFile[]> {
  const listing = await listLog(store, tablePath);
  const commits = listing.commits.filter((c) => c.version <= version);
  const texts = await Promise.all(commits.map((c) => readCommit(store, c)));
  const removes = new Map<string, RemoveFile>();
  for (const actions of texts) {
    for (const a of actions) {
      if (a.kind === 'remove') removes.set(a.remove.path, a.remove);
      else if (a.kind === 'add') removes.delete(a.add.path);
    }
  }
  return [...removes.values()].filter((r) => !active.has(r.path) && (r.deletionTimestamp ?? 0) > minTimestamp);
}

/**
 * Why a classic checkpoint of this table would lose information, or null when it would not: tables with
 * domain metadata (clustering, row tracking) or that asked for v2 checkpoints are left to engines that write those.
 */
export function classicCheckpointUnsupported(protocol: Protocol, metadata: Metadata): string | null {
  const writer = protocol.writerFeatures ?? [];
  if (writer.includes('domainMetadata')) return 'the table uses domain metadata';
  if (writer.includes('v2Checkpoint') && (metadata.configuration['delta.checkpointPolicy'] ?? 'classic') === 'v2') return 'the table asks for v2 checkpoints';
  return null;
}

/** Write the checkpoint of `version` and point `_last_checkpoint` at it (unless a newer one is there). */
export async function writeCheckpoint(store: ObjectStore, tablePath: string, version: number, now: () => number = Date.now): Promise<CheckpointWritten> {
  const snap = await loadSnapshot(store, tablePath, version);
  const unsupported = classicCheckpointUnsupported(snap.protocol, snap.metadata);
  if (unsupported !== null) throw new Error(`no classic checkpoint: ${unsupported}`);
  const adds = snap.files;
  const retention = parseIntervalMillis(snap.metadata.configuration['delta.deletedFileRetentionDuration'] ?? '') ?? DEFAULT_TOMBSTONE_RETENTION_MS;
  const removes = await tombstones(store, tablePath, version, new Set(adds.map((a) => a.path)), now() - retention);
  const txns = [...snap.state.txns.values()];
  const bytes = checkpointParquetBytes(checkpointTable({ protocol: snap.protocol, metadata: snap.metadata, txns, adds, removes }));
  const dir = logDir(tablePath);
  const path = joinKey(dir, checkpointFileName(version));
  await store.put(path, bytes);
  const written: CheckpointWritten = { version, path, size: 2 + txns.length + adds.length + removes.length, sizeInBytes: bytes.length, numOfAddFiles: adds.length };
  const last = await readLastCheckpoint(store, dir);
  if (last === null || last.version <= version) {
    const text = JSON.stringify({ version, size: written.size, sizeInBytes: written.sizeInBytes, numOfAddFiles: written.numOfAddFiles });
    await store.put(joinKey(dir, LAST_CHECKPOINT), new TextEncoder().encode(text));
  }
  return written;
}

/** Snappy, as Spark writes checkpoints (every Delta reader, including hyparquet-based ones, decodes it). */
function checkpointParquetBytes(table: Table): Uint8Array {
  const wt = pw.Table.fromIPCStream(tableToIPC(table, 'stream'));
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).setCreatedBy('Pier/0.1.0').build();
  return pw.writeParquet(wt, props);
}

/** checkpoint interval by table (store root + path); refreshed whenever a commit carries metaData */
const intervals = new Map<string, number>();

/**
 * Called by the commit path after `version` was committed with `actions`: writes a checkpoint when the
 * version is a multiple of the table's checkpoint interval. Never throws.
 */
export async function maybeWriteCheckpoint(store: ObjectStore, tablePath: string, version: number, actions: readonly Action[], warn: (message: string) => void = (m) => console.warn(m)): Promise<CheckpointWritten | null> {
  try {
    const key = `${JSON.stringify(store.descriptor)}\u0000${tablePath}`;
    const md = actions.find((a) => a.kind === 'metaData');
    let interval = md?.kind === 'metaData' ? checkpointInterval(md.metaData) : intervals.get(key);
    if (version === 0) {
      if (interval !== undefined) intervals.set(key, interval);
      return null;
    }
    if (interval === undefined) interval = checkpointInterval((await loadSnapshot(store, tablePath, version)).metadata);
    intervals.set(key, interval);
    if (version % interval !== 0) return null;
    return await writeCheckpoint(store, tablePath, version);
  } catch (e) {
    warn(`could not write the Delta checkpoint of version ${version} of "${tablePath}": ${(e as Error).message}`);
    return null;
  }
}
