import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { type AddFile, addAction, commitFileName, metaDataAction, parseCommit, removeAction, serializeCommit } from '../../../storage/delta/actions.js';
import { DeltaTableNotFoundError, DeltaVersionNotFoundError } from '../../../storage/delta/replay.js';
import type { DeltaStructType } from '../../../storage/delta/schema.js';
import { latestVersion, loadSnapshot } from '../../../storage/delta/snapshot.js';
import { CommitConflictError, DeltaTableExistsError, commitTransaction, createTable } from '../../../storage/delta/transaction.js';

const schema: DeltaStructType = {
  type: 'struct',
  fields: [
    { name: 'id', type: 'long', nullable: false, metadata: {} },
    { name: 'day', type: 'date', nullable: true, metadata: {} },
  ],
};

function add(p: string): AddFile {
  return { path: p, partitionValues: {}, size: 1, modificationTime: 1, dataChange: true, stats: '{"numRecords":1}' };
}

describe('Delta log: create, append, replay, time travel, conflicts', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pier-delta-'));
    store = new LocalObjectStore(root);
  });
  afterEach(async () => { await rm(root, { recursive: true, force: true }); });

  it('createTable writes version 0: commitInfo first, protocol (1,2), metaData', async () => {
    const r = await createTable(store, 's/t', { schema, partitionColumns: ['day'], configuration: { 'delta.appendOnly': 'false' }, description: 'orders', now: () => 1000 });
    expect(r.version).toBe(0);
    const text = new TextDecoder().decode(await store.get('s/t/_delta_log/00000000000000000000.json'));
    const actions = parseCommit(text);
    expect(actions.map((a) => a.kind)).toEqual(['commitInfo', 'protocol', 'metaData']);
    const ci = actions[0]!.kind === 'commitInfo' ? actions[0].commitInfo : null;
    expect(ci).toMatchObject({ timestamp: 1000, operation: 'CREATE TABLE', engineInfo: 'Pier/0.1.0', isBlindAppend: true });
    expect(actions[1]).toEqual({ kind: 'protocol', protocol: { minReaderVersion: 1, minWriterVersion: 2 } });
    const md = actions[2]!.kind === 'metaData' ? actions[2].metaData : null;
    expect(md).toMatchObject({ format: { provider: 'parquet', options: {} }, partitionColumns: ['day'], configuration: { 'delta.appendOnly': 'false' }, createdTime: 1000, description: 'orders' });
    expect(md!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(md!.schemaString)).toEqual(schema);
    await expect(createTable(store, 's/t', { schema })).rejects.toBeInstanceOf(DeltaTableExistsError);
  });

  it('timestamp_ntz columns need protocol (3,7) with the timestampNtz feature', async () => {
    await createTable(store, 'ntz', { schema: { type: 'struct', fields: [{ name: 'ts', type: 'timestamp_ntz', nullable: true, metadata: {} }] } });
    const snap = await loadSnapshot(store, 'ntz');
    expect(snap.protocol).toEqual({ minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['timestampNtz'], writerFeatures: ['timestampNtz'] });
    expect(() => snap.checkReadable()).not.toThrow();
  });

  it('appends, removes, replays and time-travels', async () => {
    await createTable(store, 't', { schema });
    const c1 = await commitTransaction(store, 't', { readVersion: 0, actions: [addAction(add('a.parquet')), addAction(add('b.parquet'))], operation: 'WRITE', operationParameters: { mode: 'Append' }, operationMetrics: { numFiles: 2 } });
    expect(c1.version).toBe(1);
    expect(c1.commitInfo).toMatchObject({ readVersion: 0, isBlindAppend: true, operationMetrics: { numFiles: '2' } });
    const c2 = await commitTransaction(store, 't', { readVersion: 1, actions: [removeAction({ path: 'a.parquet', deletionTimestamp: 5, dataChange: true }), addAction(add('c%20d.parquet'))], operation: 'DELETE' });
    expect(c2.version).toBe(2);
    expect(c2.commitInfo.isBlindAppend).toBe(false);

    const latest = await loadSnapshot(store, 't');
    expect(latest.version).toBe(2);
    expect(latest.files.map((f) => f.path)).toEqual(['b.parquet', 'c%20d.parquet']);
    expect(latest.fileKey('c%20d.parquet')).toBe('t/c d.parquet');
    expect(latest.lastCommitInfo?.operation).toBe('DELETE');
    expect((await loadSnapshot(store, 't', 1)).files.map((f) => f.path)).toEqual(['a.parquet', 'b.parquet']);
    expect((await loadSnapshot(store, 't', 0)).files).toEqual([]);
    expect(await latestVersion(store, 't')).toBe(2);
    await expect(loadSnapshot(store, 't', 3)).rejects.toBeInstanceOf(DeltaVersionNotFoundError);
    await expect(loadSnapshot(store, 't', 3)).rejects.toThrow(/version 3 .* does not exist \(available: 0 to 2\)/);
    await expect(loadSnapshot(store, 'none')).rejects.toBeInstanceOf(DeltaTableNotFoundError);
  });

  it('tolerates unknown action types and fields', async () => {
    await createTable(store, 'u', { schema });
    const text = '{"commitInfo":{"operation":"X","futureField":1}}\n{"domainMetadata":{"domain":"d","configuration":"{}","removed":false}}\n'
      + '{"add":{"path":"x.parquet","partitionValues":{},"size":3,"modificationTime":1,"dataChange":true,"newField":{"a":1}}}\n';
    await store.putIfAbsent(`u/_delta_log/${commitFileName(1)}`, new TextEncoder().encode(text));
    const snap = await loadSnapshot(store, 'u');
    expect(snap.files.map((f) => f.path)).toEqual(['x.parquet']);
    // round trip keeps unknown actions
    const again = parseCommit(serializeCommit(parseCommit(text)));
    expect(again[1]).toEqual({ kind: 'unknown', name: 'domainMetadata', value: { domain: 'd', configuration: '{}', removed: false } });
  });

  it('a blind append rebases onto the next version when it loses the race', async () => {
    await createTable(store, 'r', { schema });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      commitTransaction(store, 'r', { readVersion: 0, actions: [addAction(add(`f${i}.parquet`))], operation: 'WRITE' })));
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results.some((r) => r.retries > 0)).toBe(true);
    const snap = await loadSnapshot(store, 'r');
    expect(snap.files.map((f) => f.path).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `f${i}.parquet`));
    // readVersion in commitInfo stays the version the transaction read
    expect(snap.lastCommitInfo?.readVersion).toBe(0);
  });

  it('non-blind commits, and blind appends that lose to a metadata change, throw CommitConflictError', async () => {
    await createTable(store, 'c', { schema });
    await commitTransaction(store, 'c', { readVersion: 0, actions: [addAction(add('a.parquet'))], operation: 'WRITE' });
    const err = await commitTransaction(store, 'c', { readVersion: 0, actions: [removeAction({ path: 'a.parquet', dataChange: true })], operation: 'DELETE' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommitConflictError);
    expect((err as CommitConflictError).winningVersion).toBe(1);

    const snap = await loadSnapshot(store, 'c');
    await commitTransaction(store, 'c', { readVersion: 1, actions: [metaDataAction({ ...snap.metadata, description: 'changed' })], operation: 'SET TBLPROPERTIES' });
    const err2 = await commitTransaction(store, 'c', { readVersion: 1, actions: [addAction(add('b.parquet'))], operation: 'WRITE' }).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(CommitConflictError);
    expect((err2 as CommitConflictError).winningVersion).toBe(2);
    expect(await latestVersion(store, 'c')).toBe(2);
  });
});
