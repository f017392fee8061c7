/**
 * Reading Delta checkpoints (PROTOCOL.md "Checkpoints") into actions:
 * - classic: `NNN.checkpoint.parquet`, or multi-part `NNN.checkpoint.PPPPPPPPPP.TTTTTTTTTT.parquet` (all T parts);
 * - v2: `NNN.checkpoint.<uuid>.json|parquet` holding the non-file actions, `checkpointMetadata` and `sidecar`
 *   actions that name Parquet files under `_delta_log/_sidecars/` holding the add/remove actions.
 * Checkpoint Parquet files are read with hyparquet into plain objects (one action column set per row).
 * `stats_parsed` / `partitionValues_parsed` are ignored: Pier uses the JSON `stats` and string partition values.
 */
import * as zlib from 'node:zlib';
import { parquetReadObjects, type Compressors } from 'hyparquet';
import type { ObjectStore } from '../object_store/store.js';
import { type Action, actionFromJson, DeltaLogFormatError, parseCommit } from './actions.js';

export interface CheckpointFile {
  readonly path: string;
  readonly size: number;
  readonly lastModified: number;
}

export type CheckpointRef =
  /** single file or every part of a multi-part checkpoint, in part order */
  | { readonly kind: 'classic'; readonly version: number; readonly parts: readonly CheckpointFile[] }
  | { readonly kind: 'v2'; readonly version: number; readonly format: 'json' | 'parquet'; readonly file: CheckpointFile };

const ACTION_COLUMNS = ['txn', 'add', 'remove', 'metaData', 'protocol', 'domainMetadata', 'checkpointMetadata', 'sidecar', 'commitInfo', 'cdc'] as const;

const compressors: Compressors = {
  GZIP: (input) => new Uint8Array(zlib.gunzipSync(input)),
  ...(typeof (zlib as { zstdDecompressSync?: unknown }).zstdDecompressSync === 'function'
    ? { ZSTD: (input: Uint8Array) => new Uint8Array((zlib as unknown as { zstdDecompressSync(b: Uint8Array): Buffer }).zstdDecompressSync(input)) }
    : {}),
};

/** bigint → number (sizes, versions, timestamps fit), recursively; null struct members dropped. */
function normalize(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  if (Array.isArray(v)) return v.map(normalize);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[String(k)] = normalize(x);
    return o;
  }
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = normalize(x);
    return o;
  }
  return v;
}

/** A struct whose fields are all null (some writers store null structs that way) is null. */
function isAllNull(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => x === null || x === undefined);
}

/** One checkpoint row → its action (null when the row holds none). */
export function checkpointRowToAction(row: Record<string, unknown>, where: string): Action | null {
  for (const name of ACTION_COLUMNS) {
    const v = row[name];
    if (v === null || v === undefined || isAllNull(v)) continue;
    const value = normalize(v) as Record<string, unknown>;
    if ((name === 'add' || name === 'remove') && isAllNull(value['deletionVector'])) delete value['deletionVector'];
    return actionFromJson({ [name]: value }, where);
  }
  return null;
}

/** Every action in one checkpoint Parquet file. */
export async function readCheckpointParquet(store: ObjectStore, path: string): Promise<Action[]> {
  const bytes = await store.get(path);
  const file = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  let rows: Record<string, unknown>[];
  try {
    rows = (await parquetReadObjects({ file, compressors })) as Record<string, unknown>[];
  } catch (e) {
    throw new DeltaLogFormatError(`cannot read Delta checkpoint ${path}: ${(e as Error).message}`);
  }
  const out: Action[] = [];
  for (let i = 0; i < rows.length; i++) {
    const a = checkpointRowToAction(rows[i]!, `${path}: row ${i}`);
    if (a !== null) out.push(a);
  }
  return out;
}

/** Store key of a sidecar named by a `sidecar` action (relative to `_delta_log/_sidecars/`, or absolute). */
function sidecarKey(logDirKey: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    const name = decodeURIComponent(new URL(path).pathname).split('/').pop()!;
    return `${logDirKey}/_sidecars/${name}`;
  }
  return `${logDirKey}/_sidecars/${decodeURIComponent(path)}`;
}

/** The actions of a checkpoint (sidecars resolved: their adds/removes replace the `sidecar` actions). */
export async function readCheckpoint(store: ObjectStore, logDirKey: string, ref: CheckpointRef): Promise<Action[]> {
  if (ref.kind === 'classic') {
    const parts = await Promise.all(ref.parts.map((p) => readCheckpointParquet(store, p.path)));
    return parts.flat();
  }
  const top = ref.format === 'json'
    ? parseCommit(new TextDecoder().decode(await store.get(ref.file.path)), ref.file.path)
    : await readCheckpointParquet(store, ref.file.path);
  const sidecars: string[] = [];
  const out: Action[] = [];
  for (const a of top) {
    if (a.kind === 'unknown' && a.name === 'sidecar') {
      const p = (a.value as { path?: unknown }).path;
      if (typeof p !== 'string') throw new DeltaLogFormatError(`${ref.file.path}: sidecar action without a path`);
      sidecars.push(sidecarKey(logDirKey, p));
    } else {
      out.push(a);
    }
  }
  const files = await Promise.all(sidecars.map((k) => readCheckpointParquet(store, k)));
  for (const f of files) out.push(...f.filter((a) => a.kind === 'add' || a.kind === 'remove' || a.kind === 'txn'));
  return out;
}
