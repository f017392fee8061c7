/**
 * Delta log listing and replay.
 * A log segment is what a snapshot at one version needs: the newest complete checkpoint at or before that
 * version (classic, multi-part or v2: checkpoint_read.ts), then the JSON commits after it, in version order
 * (gaps may be filled by log compaction files `x.y.compacted.json`). Replay applies them to a TableState.
 * The listing is authoritative; `_last_checkpoint` (last_checkpoint.ts) is only a hint, so a stale or corrupt
 * one changes nothing. After log cleanup, versions older than the oldest checkpoint cannot be reconstructed:
 * DeltaVersionNotFoundError names the range that can.
 */
import type { ObjectStore } from '../object_store/store.js';
import { type Action, type AddFile, type CommitInfo, type Metadata, type Protocol, type Txn, parseCommit } from './actions.js';
import { type CheckpointFile, type CheckpointRef, readCheckpoint } from './checkpoint_read.js';

export class DeltaTableNotFoundError extends Error {
  constructor(readonly tablePath: string) {
    super(`no Delta table at "${tablePath}": ${logDir(tablePath)} has no commits`);
    this.name = 'DeltaTableNotFoundError';
  }
}

export class DeltaVersionNotFoundError extends Error {
  constructor(readonly tablePath: string, readonly version: number, readonly earliest: number, readonly latest: number) {
    super(`version ${version} of Delta table "${tablePath}" does not exist (available: ${earliest} to ${latest})`);
    this.name = 'DeltaVersionNotFoundError';
  }
}

export function joinKey(...parts: string[]): string {
  return parts.filter((p) => p !== '').map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '').join('/');
}

export function logDir(tablePath: string): string {
  return joinKey(tablePath, '_delta_log');
}

export interface LogFile {
  readonly version: number;
  readonly path: string;
  readonly size: number;
  readonly lastModified: number;
}

export interface LogListing {
  /** JSON commits sorted by version */
  readonly commits: readonly LogFile[];
  /** checkpoint files (`NNN.checkpoint.parquet`, multi-part or v2), sorted by version */
  readonly checkpoints: readonly LogFile[];
  /** complete checkpoints (every part present), sorted by version */
  readonly checkpointRefs?: readonly CheckpointRef[];
  /** log compaction files `x.y.compacted.json`: `version` is x, `endVersion` y */
  readonly compactions?: readonly (LogFile & { readonly endVersion: number })[];
}

const COMMIT_RE = /^(\d{20})\.json$/;
const CHECKPOINT_RE = /^(\d{20})\.checkpoint(\.\d+\.\d+)?(\.[^/]+)?\.(parquet|json)$/;
const CLASSIC_RE = /^(\d{20})\.checkpoint\.parquet$/;
const MULTIPART_RE = /^(\d{20})\.checkpoint\.(\d+)\.(\d+)\.parquet$/;
const V2_RE = /^(\d{20})\.checkpoint\.[0-9a-fA-F-]{8,}\.(json|parquet)$/;
const COMPACTED_RE = /^(\d{20})\.(\d{20})\.compacted\.json$/;

/** Group checkpoint files into complete checkpoints (a multi-part one needs all its parts). */
function checkpointRefs(files: readonly { name: string; file: LogFile }[]): CheckpointRef[] {
  const out: CheckpointRef[] = [];
  const multi = new Map<string, { version: number; total: number; parts: Map<number, CheckpointFile> }>();
  for (const { name, file } of files) {
    const f: CheckpointFile = { path: file.path, size: file.size, lastModified: file.lastModified };
    let m = CLASSIC_RE.exec(name);
    if (m !== null) { out.push({ kind: 'classic', version: file.version, parts: [f] }); continue; }
    m = MULTIPART_RE.exec(name);
    if (m !== null) {
      const total = Number(m[3]);
      const key = `${file.version}/${total}`;
      let g = multi.get(key);
      if (g === undefined) multi.set(key, (g = { version: file.version, total, parts: new Map() }));
      g.parts.set(Number(m[2]), f);
      continue;
    }
    m = V2_RE.exec(name);
    if (m !== null) out.push({ kind: 'v2', version: file.version, format: m[2] === 'json' ? 'json' : 'parquet', file: f });
  }
  for (const g of multi.values()) {
    if (g.parts.size !== g.total) continue;
    const parts: CheckpointFile[] = [];
    for (let i = 1; i <= g.total; i++) { const p = g.parts.get(i); if (p !== undefined) parts.push(p); }
    if (parts.length === g.total) out.push({ kind: 'classic', version: g.version, parts });
  }
  // v2 first at equal versions (it names its own sidecars; a classic one beside it is a compatibility copy)
  out.sort((a, b) => a.version - b.version || (a.kind === b.kind ? 0 : a.kind === 'v2' ? 1 : -1));
  return out;
}

export async function listLog(store: ObjectStore, tablePath: string): Promise<LogListing> {
  const dir = logDir(tablePath) + '/';
  const objects = await store.list(dir);
  const commits: LogFile[] = [];
  const checkpoints: LogFile[] = [];
  const named: { name: string; file: LogFile }[] = [];
  const compactions: (LogFile & { endVersion: number })[] = [];
  for (const o of objects) {
    const name = o.path.slice(dir.length);
    if (name.includes('/')) continue;
    let m = COMMIT_RE.exec(name);
    if (m !== null) { commits.push({ version: Number(m[1]), path: o.path, size: o.size, lastModified: o.lastModified }); continue; }
    m = CHECKPOINT_RE.exec(name);
    if (m !== null) {
      const file = { version: Number(m[1]), path: o.path, size: o.size, lastModified: o.lastModified };
      checkpoints.push(file);
      named.push({ name, file });
      continue;
    }
    m = COMPACTED_RE.exec(name);
    if (m !== null) compactions.push({ version: Number(m[1]), endVersion: Number(m[2]), path: o.path, size: o.size, lastModified: o.lastModified });
  }
  commits.sort((a, b) => a.version - b.version);
  checkpoints.sort((a, b) => a.version - b.version);
  return { commits, checkpoints, checkpointRefs: checkpointRefs(named), compactions };
}

/** The newest version the listing holds (commit or checkpoint); -1 when none. */
export function listingLatest(listing: LogListing): number {
  const c = listing.commits.length === 0 ? -1 : listing.commits[listing.commits.length - 1]!.version;
  const refs = listing.checkpointRefs ?? [];
  const k = refs.length === 0 ? -1 : refs[refs.length - 1]!.version;
  return Math.max(c, k);
}

export interface LogSegment {
  readonly tablePath: string;
  readonly version: number;
  /** the checkpoint replay starts from (null: start from version 0) */
  readonly checkpoint: CheckpointRef | null;
  /** commits (or compaction files covering several) after the checkpoint up to `version`, contiguous */
  readonly commits: readonly LogFile[];
}

/** The files a snapshot at `version` (default: latest) is built from. */
export function buildLogSegment(tablePath: string, listing: LogListing, version?: number): LogSegment {
  const { commits } = listing;
  const refs = listing.checkpointRefs ?? [];
  const latest = listingLatest(listing);
  if (latest < 0) throw new DeltaTableNotFoundError(tablePath);
  const hasZero = commits.length > 0 && commits[0]!.version === 0;
  const earliest = hasZero ? 0 : refs.length > 0 ? refs[0]!.version : commits[0]!.version;
  const target = version ?? latest;
  if (!Number.isInteger(target) || target < earliest || target > latest) throw new DeltaVersionNotFoundError(tablePath, target, earliest, latest);
  let checkpoint: CheckpointRef | null = null;
  for (const r of refs) if (r.version <= target) checkpoint = r;
  const byVersion = new Map(commits.map((c) => [c.version, c]));
  const compactions = listing.compactions ?? [];
  const segment: LogFile[] = [];
  let next = checkpoint === null ? 0 : checkpoint.version + 1;
  while (next <= target) {
    const c = byVersion.get(next);
    if (c !== undefined) { segment.push(c); next++; continue; }
    // a compaction file starting here and ending within the target fills the gap
    const comp = compactions.filter((x) => x.version === next && x.endVersion <= target).sort((a, b) => b.endVersion - a.endVersion)[0];
    if (comp !== undefined) { segment.push({ version: comp.endVersion, path: comp.path, size: comp.size, lastModified: comp.lastModified }); next = comp.endVersion + 1; continue; }
    if (checkpoint === null && !hasZero) throw new DeltaVersionNotFoundError(tablePath, target, earliest, latest);
    throw new Error(`Delta log of "${tablePath}" is missing commit ${next} (needed for version ${target})`);
  }
  return { tablePath, version: target, checkpoint, commits: segment };
}

/** The state of a table at one version. */
export interface TableState {
  readonly version: number;
  readonly protocol: Protocol;
  readonly metadata: Metadata;
  /** active files by path (insertion order = first-add order) */
  readonly files: ReadonlyMap<string, AddFile>;
  readonly txns: ReadonlyMap<string, Txn>;
  /** commitInfo of the last commit, if any; timestamp of the last commit (commitInfo or file mtime) */
  readonly lastCommitInfo: CommitInfo | null;
  readonly timestamp: number;
}

export class MutableTableState {
  version = -1;
  protocol: Protocol | null = null;
  metadata: Metadata | null = null;
  readonly files = new Map<string, AddFile>();
  readonly txns = new Map<string, Txn>();
  lastCommitInfo: CommitInfo | null = null;
  timestamp = 0;

  apply(version: number, actions: readonly Action[], fileTimestamp: number, fromCheckpoint = false): void {
    this.version = version;
    this.lastCommitInfo = null;
    this.timestamp = fileTimestamp;
    for (const a of actions) {
      switch (a.kind) {
        case 'protocol': this.protocol = a.protocol; break;
        case 'metaData': this.metadata = a.metaData; break;
        case 'add': this.files.set(fileKey(a.add.path, a.add.deletionVector), a.add); break;
        case 'remove': if (!fromCheckpoint) this.files.delete(fileKey(a.remove.path, a.remove.deletionVector)); break;
        case 'txn': this.txns.set(a.txn.appId, a.txn); break;
        case 'commitInfo':
          this.lastCommitInfo = a.commitInfo;
          if (typeof a.commitInfo['inCommitTimestamp'] === 'number') this.timestamp = a.commitInfo['inCommitTimestamp'];
          else if (typeof a.commitInfo.timestamp === 'number') this.timestamp = a.commitInfo.timestamp;
          break;
        case 'unknown': break;
        default: {
          const never: never = a;
          throw new Error(`unexpected action ${JSON.stringify(never)}`);
        }
      }
    }
  }

  freeze(tablePath: string): TableState {
    if (this.protocol === null) throw new Error(`Delta table "${tablePath}" has no protocol action at version ${this.version}`);
    if (this.metadata === null) throw new Error(`Delta table "${tablePath}" has no metaData action at version ${this.version}`);
    return {
      version: this.version,
      protocol: this.protocol,
      metadata: this.metadata,
      files: this.files,
      txns: this.txns,
      lastCommitInfo: this.lastCommitInfo,
      timestamp: this.timestamp,
    };
  }
}

/** A file's identity in replay: its path plus its deletion vector's unique id when it has one. */
function fileKey(path: string, dv: unknown): string {
  if (dv === undefined || dv === null || typeof dv !== 'object') return path;
  const d = dv as { storageType?: string; pathOrInlineDv?: string; offset?: number };
  return `${path}\u0000${d.storageType ?? ''}${d.pathOrInlineDv ?? ''}${d.offset === undefined ? '' : `@${d.offset}`}`;
}

export async function readCommit(store: ObjectStore, file: LogFile): Promise<Action[]> {
  const bytes = await store.get(file.path);
  return parseCommit(new TextDecoder().decode(bytes), file.path);
}

/** Replay a segment into the table state at `segment.version`. */
export async function replaySegment(store: ObjectStore, segment: LogSegment): Promise<TableState> {
  const state = new MutableTableState();
  // fetch in parallel, apply in order
  const cp = segment.checkpoint;
  const [cpActions, texts] = await Promise.all([
    cp === null ? Promise.resolve(null) : readCheckpoint(store, logDir(segment.tablePath), cp),
    Promise.all(segment.commits.map((c) => readCommit(store, c))),
  ]);
  if (cp !== null) {
    const mtime = cp.kind === 'classic' ? cp.parts[0]!.lastModified : cp.file.lastModified;
    state.apply(cp.version, cpActions!, mtime, true);
    state.lastCommitInfo = null;
  }
  segment.commits.forEach((c, i) => state.apply(c.version, texts[i]!, c.lastModified));
  return state.freeze(segment.tablePath);
}

/** List + segment + replay: the table state at `version` (default latest). */
export async function replayLog(store: ObjectStore, tablePath: string, version?: number): Promise<TableState> {
  const listing = await listLog(store, tablePath);
  return replaySegment(store, buildLogSegment(tablePath, listing, version));
}
