/**
 * Who wants to hear about commits: server/metrics.ts counts them, auto-compaction (server/auto_compact.ts)
 * looks at appends. Storage stays free of both: the commit path only calls `notifyCommit` after a commit
 * landed (conflicts surface as 40001 errors, counted by the session). Observers never fail a commit.
 */
import type { ObjectStore } from '../object_store/store.js';
import type { Action } from './actions.js';

export interface CommitEvent {
  readonly store: ObjectStore;
  readonly tablePath: string;
  readonly version: number;
  readonly operation: string;
  /** rebases onto newer versions before it landed */
  readonly retries: number;
  readonly actions: readonly Action[];
}

export type CommitObserver = (e: CommitEvent) => void;

const observers = new Set<CommitObserver>();

/** Register an observer; returns the function that removes it. */
export function addCommitObserver(o: CommitObserver): () => void {
  observers.add(o);
  return () => { observers.delete(o); };
}

export function notifyCommit(e: CommitEvent): void {
  for (const o of observers) {
    try { o(e); } catch { /* never fail a commit */ }
  }
}
