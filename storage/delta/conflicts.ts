/**
 * Conflict detection for optimistic Delta commits (the rules of Delta's ConflictChecker, PROTOCOL.md
 * "Optimistic concurrency"). A transaction computed its actions from version R and lost the race for
 * R+1: each winning commit W (R+1, R+2, …) is checked in turn; when none conflicts the transaction is
 * rebased and tries the next version.
 *
 * What a transaction read is described by CommitRequest's read fields (transaction.ts): `readFiles`,
 * `readWholeTable`, `readPredicatePartitions`; the files it removes count as read too. A transaction that
 * is not a blind append and gives none of the read fields is treated conservatively: any winner conflicts.
 *
 * Rules, in order:
 * 1. W changed metadata or protocol → conflict (the schema/properties we wrote against are gone).
 * 2. We change metadata or protocol (DDL) → conflict with any W (concurrent DDL and writes conflict).
 * 3. W has a `txn` for one of our app ids → conflict (idempotent writes).
 * 4. W removed a file we read or remove → conflict (concurrent UPDATE/DELETE/MERGE/OPTIMIZE).
 * 5. W added data files into what we read (a whole-table read, or a partition of `readPredicatePartitions`)
 *    → conflict, depending on the isolation level:
 *      - Serializable: every such add conflicts;
 *      - WriteSerializable (the default, as in Delta): only adds of W that are not blind appends conflict,
 *        so concurrent INSERTs serialize before an UPDATE/DELETE/MERGE and the UPDATE rebases;
 *      - SnapshotIsolation (used automatically when our actions change no data, e.g. OPTIMIZE): never.
 * Otherwise → rebase.
 */
import type { Action } from './actions.js';

export type IsolationLevel = 'Serializable' | 'WriteSerializable' | 'SnapshotIsolation';

/** The parts of a CommitRequest conflict detection looks at. */
export interface TransactionReads {
  readonly actions: readonly Action[];
  readonly readFiles?: readonly string[];
  readonly readWholeTable?: boolean;
  readonly readPredicatePartitions?: readonly Readonly<Record<string, string | null>>[];
  readonly isolationLevel?: 'Serializable' | 'WriteSerializable';
}

export type ConflictVerdict =
  | { readonly kind: 'rebase' }
  | { readonly kind: 'conflict'; readonly reason: string; readonly files: readonly string[] };

const REBASE: ConflictVerdict = { kind: 'rebase' };

function normalizePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

function listFiles(files: readonly string[]): string {
  const shown = files.slice(0, 5).join(', ');
  return files.length > 5 ? `${shown} and ${files.length - 5} more` : shown;
}

/** Whether the transaction says what it read (else a non-blind transaction conflicts with any winner). */
export function hasReadInfo(t: TransactionReads): boolean {
  return t.readFiles !== undefined || t.readWholeTable !== undefined || t.readPredicatePartitions !== undefined;
}

/** The isolation level the checks use: SnapshotIsolation when no action changes data. */
export function effectiveIsolation(t: TransactionReads): IsolationLevel {
  const changesData = t.actions.some((a) => (a.kind === 'add' && a.add.dataChange) || (a.kind === 'remove' && a.remove.dataChange));
  if (!changesData) return 'SnapshotIsolation';
  return t.isolationLevel ?? 'WriteSerializable';
}

function partitionMatches(values: Readonly<Record<string, string | null>>, want: Readonly<Record<string, string | null>>): boolean {
  for (const [k, v] of Object.entries(want)) if ((values[k] ?? null) !== v) return false;
  return true;
}

/**
 * Check one winning commit against our transaction. `blind`: we only add files and read nothing
 * (CommitRequest.isBlindAppend).
 */
export function checkWinningCommit(ours: TransactionReads, blind: boolean, winner: readonly Action[], winnerVersion: number): ConflictVerdict {
  const conflict = (reason: string, files: readonly string[] = []): ConflictVerdict =>
    ({ kind: 'conflict', reason: files.length === 0 ? reason : `${reason}: ${listFiles(files)}`, files });

  // 1. metadata / protocol of the winner
  if (winner.some((a) => a.kind === 'metaData' || a.kind === 'protocol')) {
    return conflict('the winner changed the table metadata or protocol');
  }
  // 2. our own DDL
  if (ours.actions.some((a) => a.kind === 'metaData' || a.kind === 'protocol')) {
    return conflict(`this transaction changes the table metadata or protocol and version ${winnerVersion} was committed concurrently`);
  }
  // 3. idempotent-write app ids
  const ourApps = new Set(ours.actions.flatMap((a) => (a.kind === 'txn' ? [a.txn.appId] : [])));
  if (ourApps.size > 0) {
    const clash = winner.find((a) => a.kind === 'txn' && ourApps.has(a.txn.appId));
    if (clash !== undefined && clash.kind === 'txn') return conflict(`the winner committed a transaction of application "${clash.txn.appId}" too`);
  }
  const onlyAdds = ours.actions.every((a) => a.kind === 'add' || a.kind === 'txn');
  if (blind && onlyAdds && !hasReadInfo(ours)) return REBASE;
  if (!hasReadInfo(ours)) return conflict('the transaction is not a blind append and did not say which files it read');

  // 4. files we read or remove, removed by the winner
  const read = new Set<string>((ours.readFiles ?? []).map(normalizePath));
  for (const a of ours.actions) if (a.kind === 'remove') read.add(normalizePath(a.remove.path));
  const removedByWinner = winner.flatMap((a) => (a.kind === 'remove' && read.has(normalizePath(a.remove.path)) ? [a.remove.path] : []));
  if (removedByWinner.length > 0) return conflict(`version ${winnerVersion} removed files this transaction read`, removedByWinner);

  // 5. files added where we read
  const level = effectiveIsolation(ours);
  if (level === 'SnapshotIsolation') return REBASE;
  const winnerInfo = winner.find((a) => a.kind === 'commitInfo');
  const winnerBlind = winnerInfo !== undefined && winnerInfo.kind === 'commitInfo' && winnerInfo.commitInfo.isBlindAppend === true;
  if (level === 'WriteSerializable' && winnerBlind) return REBASE;
  const partitions = ours.readPredicatePartitions ?? [];
  const addedIntoRead = winner.flatMap((a) => {
    if (a.kind !== 'add' || !a.add.dataChange) return [];
    const hit = ours.readWholeTable === true || partitions.some((p) => partitionMatches(a.add.partitionValues, p));
    return hit ? [a.add.path] : [];
  });
  if (addedIntoRead.length > 0) {
    return conflict(`version ${winnerVersion} added files this transaction should have read (${level})`, addedIntoRead);
  }
  return REBASE;
}
