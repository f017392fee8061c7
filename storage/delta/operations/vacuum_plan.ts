/**
 * VACUUM's file selection, computed from the whole Delta log and a listing of the table folder:
 * - files of the current snapshot are never deleted;
 * - a file the log removed (and did not add again) goes when its latest removal is older than the cutoff
 *   (now − retention): no version inside the retention window references it;
 * - a file no log action names (a write that never committed) goes when it was last modified before the cutoff;
 * - `_delta_log/`, and hidden files and folders (names starting with `_` or `.`, except partition folders
 *   `_col=value`) are left alone, as are deletion-vector files (`deletion_vector_*.bin`).
 */
import type { ObjectMeta, ObjectStore } from '../../object_store/store.js';
import { joinKey, listLog, readCommit } from '../replay.js';
import { resolveDataPath } from '../snapshot.js';

export const DEFAULT_RETENTION_MS = 7 * 24 * 3600 * 1000;

export interface VacuumCandidate {
  /** store key */
  readonly path: string;
  readonly size: number;
  readonly reason: 'removed' | 'untracked';
}

export interface VacuumPlan {
  readonly cutoff: number;
  readonly files: readonly VacuumCandidate[];
  /** folders of the table that were listed (Delta's numVacuumedDirectories) */
  readonly directories: number;
  readonly latestVersion: number;
}

/** What the log says about every data file it ever named. */
export interface LogFileHistory {
  readonly active: ReadonlySet<string>;
  /** store key → latest removal time (ms) of files not in the current snapshot */
  readonly removedAt: ReadonlyMap<string, number>;
  readonly referenced: ReadonlySet<string>;
  readonly latestVersion: number;
  readonly configuration: Readonly<Record<string, string>>;
}

export async function readLogHistory(store: ObjectStore, tablePath: string): Promise<LogFileHistory> {
  const listing = await listLog(store, tablePath);
  if (listing.commits.length === 0) throw new Error(`no Delta table at "${tablePath}"`);
  const commits = await Promise.all(listing.commits.map((c) => readCommit(store, c)));
  const active = new Set<string>();
  const removedAt = new Map<string, number>();
  const referenced = new Set<string>();
  let configuration: Readonly<Record<string, string>> = {};
  commits.forEach((actions, i) => {
    const file = listing.commits[i]!;
    let commitTime = file.lastModified;
    for (const a of actions) if (a.kind === 'commitInfo' && typeof a.commitInfo.timestamp === 'number') commitTime = a.commitInfo.timestamp;
    for (const a of actions) {
      if (a.kind === 'add') {
        const key = resolveDataPath(store, tablePath, a.add.path);
        active.add(key);
        referenced.add(key);
        removedAt.delete(key);
      } else if (a.kind === 'remove') {
        const key = resolveDataPath(store, tablePath, a.remove.path);
        active.delete(key);
        referenced.add(key);
        const t = typeof a.remove.deletionTimestamp === 'number' ? a.remove.deletionTimestamp : commitTime;
        removedAt.set(key, Math.max(t, removedAt.get(key) ?? 0));
      } else if (a.kind === 'metaData') {
        configuration = a.metaData.configuration ?? {};
      }
    }
  });
  return { active, removedAt, referenced, latestVersion: listing.commits[listing.commits.length - 1]!.version, configuration };
}

/** True for paths VACUUM never touches (relative to the table folder). */
export function isProtectedPath(relative: string): boolean {
  const segments = relative.split('/');
  if (segments[0] === '_delta_log') return true;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const last = i === segments.length - 1;
    if ((s.startsWith('_') || s.startsWith('.')) && (last || !s.includes('='))) return true;
  }
  return /^deletion_vector_.*\.bin$/.test(segments[segments.length - 1]!);
}

/** Decide for every listed object of the table folder. Pure: the log history and listing are passed in. */
export function selectVacuumFiles(tablePath: string, history: LogFileHistory, objects: readonly ObjectMeta[], cutoff: number): VacuumPlan {
  const prefix = tablePath === '' ? '' : `${tablePath.replace(/\/+$/, '')}/`;
  const files: VacuumCandidate[] = [];
  const dirs = new Set<string>(['']);
  for (const o of objects) {
    if (!o.path.startsWith(prefix)) continue;
    const rel = o.path.slice(prefix.length);
    if (isProtectedPath(rel)) continue;
    const slash = rel.lastIndexOf('/');
    if (slash > 0) dirs.add(rel.slice(0, slash));
    if (history.active.has(o.path)) continue;
    if (history.referenced.has(o.path)) {
      const t = history.removedAt.get(o.path);
      if (t !== undefined && t < cutoff) files.push({ path: o.path, size: o.size, reason: 'removed' });
      continue;
    }
    if (o.lastModified < cutoff) files.push({ path: o.path, size: o.size, reason: 'untracked' });
  }
  return { cutoff, files, directories: dirs.size, latestVersion: history.latestVersion };
}

export async function planVacuum(store: ObjectStore, tablePath: string, retentionMs: number, now: number, known?: LogFileHistory): Promise<VacuumPlan & { history: LogFileHistory }> {
  const history = known ?? (await readLogHistory(store, tablePath));
  const objects = await store.list(joinKey(tablePath) + '/');
  return { ...selectVacuumFiles(joinKey(tablePath), history, objects, now - retentionMs), history };
}

/** `interval 7 days`, `interval 168 hours`, `7 days`, … → milliseconds; null when not understood. */
export function parseIntervalMs(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/^interval\s+/, '');
  const re = /(\d+(?:\.\d+)?)\s*(weeks?|days?|hours?|minutes?|mins?|seconds?|secs?|milliseconds?|ms)\b/gy;
  let total = 0;
  let matched = false;
  let m: RegExpExecArray | null;
  let rest = s;
  re.lastIndex = 0;
  while ((m = re.exec(rest)) !== null) {
    matched = true;
    const n = Number(m[1]);
    const u = m[2]!;
    const unit = u.startsWith('week') ? 604_800_000 : u.startsWith('day') ? 86_400_000 : u.startsWith('hour') ? 3_600_000
      : u.startsWith('min') ? 60_000 : u.startsWith('sec') ? 1000 : 1;
    total += n * unit;
    rest = rest.slice(re.lastIndex).replace(/^\s+/, '');
    re.lastIndex = 0;
  }
  return matched && rest === '' ? total : null;
}

/** The table's `delta.deletedFileRetentionDuration` (default 7 days) in milliseconds. */
export function tableRetentionMs(configuration: Readonly<Record<string, string>>): number {
  const v = configuration['delta.deletedFileRetentionDuration'];
  return (v !== undefined ? parseIntervalMs(v) : null) ?? DEFAULT_RETENTION_MS;
}
