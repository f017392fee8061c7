/**
 * Commit timestamps and timestamp → version resolution, as Delta does it: a commit's timestamp is its
 * commitInfo.inCommitTimestamp, else commitInfo.timestamp, else the commit file's modification time; times are
 * made monotonic (a commit earlier than its predecessor counts as predecessor + 1 ms). TIMESTAMP AS OF t is
 * the latest version whose timestamp is ≤ t. The versions that can be read are those from the earliest
 * reconstructable one (version 0 when all commits are there, else the oldest checkpoint with every commit after it).
 */
import type { ObjectStore } from '../object_store/store.js';
import type { CommitInfo } from './actions.js';
import { type LogListing, listingLatest, listLog, readCommit } from './replay.js';

export interface CommitRecord {
  readonly version: number;
  /** ms since epoch, monotonic */
  readonly timestamp: number;
  readonly commitInfo: CommitInfo | null;
}

/** The oldest version a snapshot can be built for, or null when there is no table. */
export function earliestReconstructable(listing: LogListing): number | null {
  const { commits } = listing;
  const refs = listing.checkpointRefs ?? listing.checkpoints;
  const latest = listingLatest(listing);
  if (latest < 0) return null;
  const have = new Set(commits.map((c) => c.version));
  const contiguousFrom = (v: number): boolean => {
    for (let x = v + 1; x <= latest; x++) if (!have.has(x)) return false;
    return true;
  };
  if (have.has(0) && contiguousFrom(0)) return 0;
  for (const c of refs) if (contiguousFrom(c.version)) return c.version;
  return latest;
}

/** Every commit still in the log (oldest first) with its timestamp and commitInfo. */
export async function readCommitHistory(store: ObjectStore, tablePath: string, listing?: LogListing): Promise<CommitRecord[]> {
  const l = listing ?? (await listLog(store, tablePath));
  const infos = await Promise.all(l.commits.map(async (c) => {
    const actions = await readCommit(store, c);
    const ci = actions.find((a) => a.kind === 'commitInfo');
    return ci?.kind === 'commitInfo' ? ci.commitInfo : null;
  }));
  const out: CommitRecord[] = [];
  let prev = -Infinity;
  l.commits.forEach((c, i) => {
    const info = infos[i]!;
    const ict = info?.['inCommitTimestamp'];
    let ts = typeof ict === 'number' ? ict : typeof info?.timestamp === 'number' ? info.timestamp : c.lastModified;
    if (ts <= prev) ts = prev + 1;
    prev = ts;
    out.push({ version: c.version, timestamp: ts, commitInfo: info });
  });
  return out;
}

export type TimestampResolution =
  | { readonly kind: 'version'; readonly version: number }
  /** before the earliest readable commit */
  | { readonly kind: 'tooEarly'; readonly earliestTimestamp: number }
  /** after the latest commit */
  | { readonly kind: 'tooLate'; readonly latestTimestamp: number }
  | { readonly kind: 'noTable' };

/** The latest version with commit timestamp ≤ `ms`. */
export async function versionAtTimestamp(store: ObjectStore, tablePath: string, ms: number): Promise<TimestampResolution> {
  const listing = await listLog(store, tablePath);
  const earliest = earliestReconstructable(listing);
  if (earliest === null) return { kind: 'noTable' };
  const history = (await readCommitHistory(store, tablePath, listing)).filter((c) => c.version >= earliest);
  if (history.length === 0) return { kind: 'noTable' };
  const last = history[history.length - 1]!;
  if (ms > last.timestamp) return { kind: 'tooLate', latestTimestamp: last.timestamp };
  if (ms < history[0]!.timestamp) return { kind: 'tooEarly', earliestTimestamp: history[0]!.timestamp };
  let found = history[0]!.version;
  for (const c of history) {
    if (c.timestamp <= ms) found = c.version;
    else break;
  }
  return { kind: 'version', version: found };
}
