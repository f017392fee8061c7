/**
 * Copy-on-write commits (storage/delta/operations/rewrite.ts): removes carry what Delta readers need
 * (dataChange, deletionTimestamp, size, partitionValues, stats), the commit is never a blind append, names
 * the files it read for conflict detection, and a concurrent rewrite of the same file conflicts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { type AddFile, addAction } from '../../../storage/delta/actions.js';
import type { DeltaStructType } from '../../../storage/delta/schema.js';
import { loadSnapshot } from '../../../storage/delta/snapshot.js';
import { CommitConflictError, commitTransaction, createTable } from '../../../storage/delta/transaction.js';
import { commitRewrite, rewriteActions, rewriteRequest } from '../../../storage/delta/operations/rewrite.js';

const schema: DeltaStructType = {
  type: 'struct',
  fields: [
    { name: 'id', type: 'long', nullable: false, metadata: {} },
    { name: 'p', type: 'string', nullable: true, metadata: {} },
  ],
};

const add = (p: string, part: string, n: number): AddFile => ({
  path: p, partitionValues: { p: part }, size: 100 + n, modificationTime: 1, dataChange: true, stats: `{"numRecords":${n}}`,
});

describe('copy-on-write rewrite commits', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pier-rewrite-'));
    store = new LocalObjectStore(root);
    await createTable(store, 't', { schema, partitionColumns: ['p'] });
    await commitTransaction(store, 't', { readVersion: 0, actions: [add('p=a/1.parquet', 'a', 3), add('p=b/2.parquet', 'b', 4)].map(addAction), operation: 'WRITE' });
  });
  afterEach(async () => { await rm(root, { recursive: true, force: true }); });

  it('builds removes with the add\'s partition values, size and stats, then the new adds', async () => {
    const snap = await loadSnapshot(store, 't');
    const actions = rewriteActions(snap, [snap.fileKey('p=a/1.parquet')], [add('p=a/3.parquet', 'a', 2)], 1234);
    expect(actions).toEqual([
      { kind: 'remove', remove: { path: 'p=a/1.parquet', deletionTimestamp: 1234, dataChange: true, extendedFileMetadata: true, partitionValues: { p: 'a' }, size: 103, stats: '{"numRecords":3}' } },
      { kind: 'add', add: add('p=a/3.parquet', 'a', 2) },
    ]);
    expect(() => rewriteActions(snap, ['t/p=zzz/none.parquet'], [], 1)).toThrow(/not a data file/);
  });

  it('commits one non-blind version that replaces only the rewritten file and names what it read', async () => {
    const snap = await loadSnapshot(store, 't');
    const req = rewriteRequest({ snapshot: snap, removedKeys: [snap.fileKey('p=a/1.parquet')], adds: [add('p=a/3.parquet', 'a', 2)], operation: 'DELETE', readWholeTable: false });
    expect(req.isBlindAppend).toBe(false);
    expect(req.readFiles).toEqual(['p=a/1.parquet']);
    const res = await commitRewrite(store, 't', { snapshot: snap, removedKeys: [snap.fileKey('p=a/1.parquet')], adds: [add('p=a/3.parquet', 'a', 2)], operation: 'DELETE', operationMetrics: { numDeletedRows: 1 } });
    expect(res.version).toBe(2);
    expect(res.commitInfo.operation).toBe('DELETE');
    expect(res.commitInfo.isBlindAppend).toBe(false);
    expect(res.commitInfo.operationMetrics).toEqual({ numDeletedRows: '1' });
    const after = await loadSnapshot(store, 't');
    expect(after.files.map((f) => f.path).sort()).toEqual(['p=a/3.parquet', 'p=b/2.parquet']);
  });

  it('a second rewrite of the same file from the same version conflicts', async () => {
    const snap = await loadSnapshot(store, 't');
    const key = snap.fileKey('p=a/1.parquet');
    await commitRewrite(store, 't', { snapshot: snap, removedKeys: [key], adds: [], operation: 'DELETE' });
    await expect(commitRewrite(store, 't', { snapshot: snap, removedKeys: [key], adds: [add('p=a/4.parquet', 'a', 1)], operation: 'UPDATE' })).rejects.toBeInstanceOf(CommitConflictError);
  });
});
