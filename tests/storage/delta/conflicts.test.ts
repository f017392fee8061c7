/**
 * Conflict detection for optimistic commits (storage/delta/conflicts.ts through commitTransaction): which
 * concurrent commits make a transaction that read files fail, and which rebase it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { type Action, type AddFile, addAction, metaDataAction, removeAction, txnAction } from '../../../storage/delta/actions.js';
import { checkWinningCommit } from '../../../storage/delta/conflicts.js';
import type { DeltaStructType } from '../../../storage/delta/schema.js';
import { loadSnapshot } from '../../../storage/delta/snapshot.js';
import { CommitConflictError, commitTransaction, createTable } from '../../../storage/delta/transaction.js';

const schema: DeltaStructType = {
  type: 'struct',
  fields: [
    { name: 'id', type: 'long', nullable: false, metadata: {} },
    { name: 'p', type: 'string', nullable: true, metadata: {} },
  ],
};

function add(p: string, part: string | null = null, dataChange = true): AddFile {
  return { path: p, partitionValues: part === null ? {} : { p: part }, size: 1, modificationTime: 1, dataChange, stats: '{"numRecords":1}' };
}
const remove = (p: string, dataChange = true): Action => removeAction({ path: p, dataChange, deletionTimestamp: 1 });
const append = (p: string, part: string | null = null): Action => addAction(add(p, part));

describe('commit conflicts (WriteSerializable by default)', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pier-conflicts-'));
    store = new LocalObjectStore(root);
  });
  afterEach(async () => { await rm(root, { recursive: true, force: true }); });

  async function tableWith(files: readonly AddFile[], partitioned = false): Promise<number> {
    await createTable(store, 't', { schema, partitionColumns: partitioned ? ['p'] : [] });
    const r = await commitTransaction(store, 't', { readVersion: 0, actions: files.map(addAction), operation: 'WRITE' });
    return r.version;
  }

  it('two UPDATEs rewriting the same file: exactly one wins, the other conflicts naming version and file', async () => {
    const v = await tableWith([add('f1.parquet'), add('f2.parquet')]);
    const update = (out: string) => commitTransaction(store, 't', {
      readVersion: v, operation: 'UPDATE', readFiles: ['f1.parquet'], readWholeTable: true,
      actions: [remove('f1.parquet'), append(out)],
    });
    const results = await Promise.allSettled([update('u1.parquet'), update('u2.parquet')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const err = (lost[0] as PromiseRejectedResult).reason as CommitConflictError;
    expect(err).toBeInstanceOf(CommitConflictError);
    expect(err.winningVersion).toBe(v + 1);
    expect(err.files).toEqual(['f1.parquet']);
    expect(err.message).toMatch(new RegExp(`version ${v + 1} .*removed files this transaction read: f1\\.parquet`));
    // nothing lost: f2 untouched, exactly one rewrite of f1
    const files = (await loadSnapshot(store, 't')).files.map((f) => f.path).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('f2.parquet');
    expect(['u1.parquet', 'u2.parquet']).toContain(files[1]);
  });

  it('an UPDATE rebases over concurrent blind INSERTs (WriteSerializable) but not under Serializable', async () => {
    const v = await tableWith([add('f1.parquet')]);
    await commitTransaction(store, 't', { readVersion: v, actions: [append('ins1.parquet')], operation: 'WRITE' });
    const r = await commitTransaction(store, 't', {
      readVersion: v, operation: 'UPDATE', readFiles: ['f1.parquet'], readWholeTable: true, actions: [remove('f1.parquet'), append('u.parquet')],
    });
    expect(r.version).toBe(v + 2);
    expect(r.retries).toBe(1);
    expect((await loadSnapshot(store, 't')).files.map((f) => f.path).sort()).toEqual(['ins1.parquet', 'u.parquet']);

    await commitTransaction(store, 't', { readVersion: r.version, actions: [append('ins2.parquet')], operation: 'WRITE' });
    const err = await commitTransaction(store, 't', {
      readVersion: r.version, operation: 'DELETE', isolationLevel: 'Serializable', readFiles: ['u.parquet'], readWholeTable: true, actions: [remove('u.parquet')],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommitConflictError);
    expect((err as CommitConflictError).files).toEqual(['ins2.parquet']);
    expect((err as Error).message).toMatch(/added files this transaction should have read \(Serializable\): ins2\.parquet/);
  });

  it('a non-blind winner adding into a partition we read conflicts; into another partition it rebases', async () => {
    const v = await tableWith([add('p=a/1.parquet', 'a'), add('p=b/1.parquet', 'b')], true);
    // a concurrent MERGE-like commit (not blind) rewrote p=b
    await commitTransaction(store, 't', {
      readVersion: v, operation: 'MERGE', readFiles: ['p=b/1.parquet'], readPredicatePartitions: [{ p: 'b' }],
      actions: [remove('p=b/1.parquet'), append('p=b/2.parquet', 'b')],
    });
    // a DELETE in p=a read before it: rebases
    const ok = await commitTransaction(store, 't', {
      readVersion: v, operation: 'DELETE', readFiles: ['p=a/1.parquet'], readPredicatePartitions: [{ p: 'a' }], actions: [remove('p=a/1.parquet')],
    });
    expect(ok.version).toBe(v + 2);
    // a DELETE in p=b read before it: conflicts (the winner removed what it read)
    const err = await commitTransaction(store, 't', {
      readVersion: v, operation: 'DELETE', readFiles: ['p=b/1.parquet'], readPredicatePartitions: [{ p: 'b' }], actions: [remove('p=b/1.parquet')],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommitConflictError);
    expect((err as CommitConflictError).winningVersion).toBe(v + 1);
  });

  it('OPTIMIZE (dataChange=false) rebases over appends but conflicts with a DELETE of its inputs', async () => {
    const v = await tableWith([add('s1.parquet'), add('s2.parquet')]);
    await commitTransaction(store, 't', { readVersion: v, actions: [append('new.parquet')], operation: 'WRITE' });
    const optimize = (readVersion: number) => commitTransaction(store, 't', {
      readVersion, operation: 'OPTIMIZE', readFiles: ['s1.parquet', 's2.parquet'],
      actions: [remove('s1.parquet', false), remove('s2.parquet', false), addAction(add('big.parquet', null, false))],
    });
    const r = await optimize(v);
    expect(r.version).toBe(v + 2);
    expect(r.commitInfo.isolationLevel).toBe('SnapshotIsolation');
    expect((await loadSnapshot(store, 't')).files.map((f) => f.path).sort()).toEqual(['big.parquet', 'new.parquet']);

    await commitTransaction(store, 't', { readVersion: r.version, operation: 'DELETE', readFiles: ['big.parquet'], readWholeTable: true, actions: [remove('big.parquet')] });
    const err = await commitTransaction(store, 't', {
      readVersion: r.version, operation: 'OPTIMIZE', readFiles: ['big.parquet', 'new.parquet'],
      actions: [remove('big.parquet', false), remove('new.parquet', false), addAction(add('bigger.parquet', null, false))],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommitConflictError);
    expect((err as CommitConflictError).files).toEqual(['big.parquet']);
  });

  it('DDL conflicts with any concurrent commit, and writers conflict with concurrent DDL', async () => {
    const v = await tableWith([add('f1.parquet')]);
    const meta = (await loadSnapshot(store, 't')).metadata;
    await commitTransaction(store, 't', { readVersion: v, actions: [append('x.parquet')], operation: 'WRITE' });
    const err = await commitTransaction(store, 't', { readVersion: v, operation: 'SET TBLPROPERTIES', readWholeTable: true, actions: [metaDataAction({ ...meta, description: 'd' })] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommitConflictError);
    expect((err as Error).message).toMatch(/changes the table metadata/);
    const ddl = await commitTransaction(store, 't', { readVersion: v + 1, operation: 'SET TBLPROPERTIES', readWholeTable: true, actions: [metaDataAction({ ...meta, description: 'd' })] });
    const err2 = await commitTransaction(store, 't', { readVersion: v + 1, operation: 'UPDATE', readFiles: ['f1.parquet'], readWholeTable: true, actions: [remove('f1.parquet'), append('u.parquet')] }).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(CommitConflictError);
    expect((err2 as CommitConflictError).winningVersion).toBe(ddl.version);
  });

  it('idempotent writes: a winner with the same application id conflicts', () => {
    const ours = { actions: [txnAction({ appId: 'job-1', version: 5 }), append('a.parquet')] };
    expect(checkWinningCommit(ours, true, [txnAction({ appId: 'job-1', version: 5 }), append('b.parquet')], 3).kind).toBe('conflict');
    expect(checkWinningCommit(ours, true, [txnAction({ appId: 'job-2', version: 1 }), append('b.parquet')], 3).kind).toBe('rebase');
  });
});
