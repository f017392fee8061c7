/**
 * Copy-on-write changes (DELETE, UPDATE, MERGE, TRUNCATE, INSERT OVERWRITE / REPLACE WHERE): the files a
 * statement rewrote or dropped become `remove` actions (dataChange, deletionTimestamp, size, partitionValues,
 * stats) next to the `add`s of the files written in their place, all in ONE commit that is never a blind append.
 */
import type { ObjectStore } from '../../object_store/store.js';
import { type Action, type AddFile, addAction, removeAction } from '../actions.js';
import type { DeltaSnapshot } from '../snapshot.js';
import { commitTransaction, type CommitRequest, type CommitResult } from '../transaction.js';

/** `remove` for a file that was active in the snapshot the change was computed from. */
export function removeFor(add: AddFile, deletionTimestamp: number): Action {
  return removeAction({
    path: add.path,
    deletionTimestamp,
    dataChange: true,
    extendedFileMetadata: true,
    partitionValues: add.partitionValues,
    size: add.size,
    ...(add.stats !== undefined && add.stats !== null ? { stats: add.stats } : {}),
    ...(add.tags !== undefined && add.tags !== null ? { tags: add.tags } : {}),
    // a file with a deletion vector is named by path + DV: the remove carries the same descriptor
    ...(add.deletionVector !== undefined && add.deletionVector !== null ? { deletionVector: add.deletionVector } : {}),
  });
}

/**
 * The actions of a rewrite: removes for the files whose store keys are in `removedKeys` (keys as
 * `snapshot.fileKey` gives them), then the adds. Throws when a key is not an active file of the snapshot.
 */
export function rewriteActions(snapshot: DeltaSnapshot, removedKeys: Iterable<string>, adds: readonly AddFile[], now: number): Action[] {
  const byKey = new Map<string, AddFile>();
  for (const a of snapshot.files) byKey.set(snapshot.fileKey(a.path), a);
  const out: Action[] = [];
  const seen = new Set<string>();
  for (const k of removedKeys) {
    if (seen.has(k)) continue;
    seen.add(k);
    const a = byKey.get(k);
    if (a === undefined) throw new Error(`rewrite: ${k} is not a data file of version ${snapshot.version}`);
    out.push(removeFor(a, now));
  }
  for (const a of adds) out.push(addAction(a));
  return out;
}

export interface RewriteCommit {
  readonly snapshot: DeltaSnapshot;
  readonly removedKeys: readonly string[];
  readonly adds: readonly AddFile[];
  readonly operation: string;
  readonly operationParameters?: Readonly<Record<string, unknown>>;
  readonly operationMetrics?: Readonly<Record<string, unknown>>;
  /** store keys of the files the statement read (besides the removed ones), for conflict detection */
  readonly readKeys?: Iterable<string>;
  /** the result depends on every row of the table (a concurrent non-blind change anywhere conflicts) */
  readonly readWholeTable?: boolean;
  /** committed before the removes and adds (e.g. the metaData of a schema change) */
  readonly extraActions?: readonly Action[];
  readonly now?: () => number;
}

/** The commit request of a rewrite (read version = the snapshot's, never a blind append). */
export function rewriteRequest(req: RewriteCommit): CommitRequest {
  const now = req.now ?? Date.now;
  const logPath = new Map<string, string>();
  for (const a of req.snapshot.files) logPath.set(req.snapshot.fileKey(a.path), a.path);
  const readFiles = new Set<string>();
  for (const k of [...req.removedKeys, ...(req.readKeys ?? [])]) {
    const p = logPath.get(k);
    if (p !== undefined) readFiles.add(p);
  }
  return {
    readVersion: req.snapshot.version,
    actions: [...(req.extraActions ?? []), ...rewriteActions(req.snapshot, req.removedKeys, req.adds, now())],
    operation: req.operation,
    ...(req.operationParameters !== undefined ? { operationParameters: req.operationParameters } : {}),
    ...(req.operationMetrics !== undefined ? { operationMetrics: req.operationMetrics } : {}),
    isBlindAppend: false,
    readFiles: [...readFiles],
    readWholeTable: req.readWholeTable ?? true,
    now,
  };
}

export async function commitRewrite(store: ObjectStore, tablePath: string, req: RewriteCommit): Promise<CommitResult> {
  return commitTransaction(store, tablePath, rewriteRequest(req));
}
