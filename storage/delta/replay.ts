/**
 * Delta log listing and replay.
 * A log segment is what a snapshot at one version needs: (later) a checkpoint, then the JSON commits after it,
 * in version order. Replay applies them to a TableState. Only JSON commits are read for now; the segment
 * structure is where Parquet checkpoints and `_last_checkpoint` plug in.
 */
import type { ObjectStore } from '../object_store/store.js';
import { type Action, type AddFile, type CommitInfo, type Metadata, type Protocol, type Txn, parseCommit } from './actions.js';

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
  /** checkpoint files (`NNN.checkpoint.parquet`, multi-part or v2), sorted by version: not read yet */
  readonly checkpoints: readonly LogFile[];
}

const COMMIT_RE = /^(\d{20})\.json$/;
const CHECKPOINT_RE = /^(\d{20})\.checkpoint(\.\d+\.\d+)?(\.[^/]+)?\.parquet$/;

export async function listLog(store: ObjectStore, tablePath: string): Promise<LogListing> {
  const dir = logDir(tablePath) + '/';
  const objects = await store.list(dir);
  const commits: LogFile[] = [];
  const checkpoints: LogFile[] = [];
  for (const o of objects) {
    const name = o.path.slice(dir.length);
    if (name.includes('/')) continue;
    let m = COMMIT_RE.exec(name);
    if (m !== null) { commits.push({ version: Number(m[1]), path: o.path, size: o.size, lastModified: o.lastModified }); continue; }
    m = CHECKPOINT_RE.exec(name);
    if (m !== null) checkpoints.push({ version: Number(m[1]), path: o.path, size: o.size, lastModified: o.lastModified });
  }
  commits.sort((a, b) => a.version - b.version);
  checkpoints.sort((a, b) => a.version - b.version);
  return { commits, checkpoints };
}

export interface LogSegment {
  readonly tablePath: string;
  readonly version: number;
  /** the checkpoint replay starts from (null: start from version 0) */
  readonly checkpoint: LogFile | null;
  /** commits after the checkpoint up to `version`, contiguous */
  readonly commits: readonly LogFile[];
}

/** The files a snapshot at `version` (default: latest) is built from. */
export function buildLogSegment(tablePath: string, listing: LogListing, version?: number): LogSegment {
  const { commits } = listing;
  if (commits.length === 0) throw new DeltaTableNotFoundError(tablePath);
  const earliest = commits[0]!.version;
  const latest = commits[commits.length - 1]!.version;
  const target = version ?? latest;
  if (!Number.isInteger(target) || target < 0 || target > latest) throw new DeltaVersionNotFoundError(tablePath, target, earliest, latest);
  if (earliest !== 0) {
    // commits before `earliest` were cleaned up: a checkpoint is needed (not supported yet)
    throw new DeltaVersionNotFoundError(tablePath, target, earliest, latest);
  }
  const segment: LogFile[] = [];
  for (const c of commits) {
    if (c.version > target) break;
    if (c.version !== segment.length) {
      throw new Error(`Delta log of "${tablePath}" is missing commit ${segment.length} (found ${c.version})`);
    }
    segment.push(c);
  }
  return { tablePath, version: target, checkpoint: null, commits: segment };
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

  apply(version: number, actions: readonly Action[], fileTimestamp: number): void {
    this.version = version;
    this.lastCommitInfo = null;
    this.timestamp = fileTimestamp;
    for (const a of actions) {
      switch (a.kind) {
        case 'protocol': this.protocol = a.protocol; break;
        case 'metaData': this.metadata = a.metaData; break;
        case 'add': this.files.set(fileKey(a.add.path, a.add.deletionVector), a.add); break;
        case 'remove': this.files.delete(fileKey(a.remove.path, a.remove.deletionVector)); break;
        case 'txn': this.txns.set(a.txn.appId, a.txn); break;
        case 'commitInfo':
          this.lastCommitInfo = a.commitInfo;
          if (typeof a.commitInfo.timestamp === 'number') this.timestamp = a.commitInfo.timestamp;
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
  if (segment.checkpoint !== null) throw new Error('reading Delta checkpoints is not supported yet');
  const state = new MutableTableState();
  // fetch in parallel, apply in order
  const texts = await Promise.all(segment.commits.map((c) => readCommit(store, c)));
  segment.commits.forEach((c, i) => state.apply(c.version, texts[i]!, c.lastModified));
  return state.freeze(segment.tablePath);
}

/** List + segment + replay: the table state at `version` (default latest). */
export async function replayLog(store: ObjectStore, tablePath: string, version?: number): Promise<TableState> {
  const listing = await listLog(store, tablePath);
  return replaySegment(store, buildLogSegment(tablePath, listing, version));
}
