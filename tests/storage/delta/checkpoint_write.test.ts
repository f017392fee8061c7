/**
 * Checkpoint writing: the commit path writes NNN.checkpoint.parquet + _last_checkpoint at multiples of
 * delta.checkpointInterval; the checkpoint holds protocol, metaData, txns, adds (stats JSON, partition maps)
 * and unexpired remove tombstones; a failing checkpoint never fails the commit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import type { ObjectStore } from '../../../storage/object_store/store.js';
import { type AddFile, addAction, removeAction, txnAction } from '../../../storage/delta/actions.js';
import type { DeltaStructType } from '../../../storage/delta/schema.js';
import { commitTransaction, createTable } from '../../../storage/delta/transaction.js';
import { checkpointFileName, classicCheckpointUnsupported, maybeWriteCheckpoint, parseIntervalMillis } from '../../../storage/delta/checkpoint_write.js';
import { readCheckpointParquet } from '../../../storage/delta/checkpoint_read.js';
import { parseLastCheckpoint } from '../../../storage/delta/last_checkpoint.js';

const schema: DeltaStructType = {
  type: 'struct',
  fields: [
    { name: 'id', type: 'long', nullable: false, metadata: {} },
    { name: 'day', type: 'string', nullable: true, metadata: {} },
  ],
};

function add(p: string, day: string | null): AddFile {
  return { path: p, partitionValues: { day }, size: 10, modificationTime: 5, dataChange: true, stats: `{"numRecords":1,"minValues":{"id":1},"maxValues":{"id":1},"nullCount":{"id":0}}` };
}

async function exists(store: ObjectStore, key: string): Promise<boolean> {
  return (await store.head(key)) !== null;
}

describe('Delta checkpoint writing', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pier-ckpt-'));
    store = new LocalObjectStore(root);
  });
  afterEach(async () => { await rm(root, { recursive: true, force: true }); });

  it('writes a checkpoint at every multiple of delta.checkpointInterval, readable back as the table state', async () => {
    await createTable(store, 't', { schema, partitionColumns: ['day'], configuration: { 'delta.checkpointInterval': '2' } });
    await commitTransaction(store, 't', { readVersion: 0, actions: [addAction(add('day=a/1.parquet', 'a'))], operation: 'WRITE' });
    expect(await exists(store, `t/_delta_log/${checkpointFileName(1)}`)).toBe(false);
    await commitTransaction(store, 't', { readVersion: 1, actions: [addAction(add('day=__HIVE_DEFAULT_PARTITION__/2.parquet', null)), txnAction({ appId: 'app', version: 7, lastUpdated: 9 })], operation: 'WRITE', isBlindAppend: true });
    expect(await exists(store, `t/_delta_log/${checkpointFileName(2)}`)).toBe(true);
    await commitTransaction(store, 't', {
      readVersion: 2,
      actions: [removeAction({ path: 'day=a/1.parquet', deletionTimestamp: Date.now(), dataChange: true, partitionValues: { day: 'a' }, size: 10 })],
      operation: 'DELETE', readWholeTable: true,
    });
    await commitTransaction(store, 't', { readVersion: 3, actions: [addAction(add('day=b/3.parquet', 'b'))], operation: 'WRITE' });
    const last = parseLastCheckpoint(new TextDecoder().decode(await store.get('t/_delta_log/_last_checkpoint')));
    expect(last).toMatchObject({ version: 4, size: 6 }); // protocol, metaData, txn, 2 adds, 1 remove
    const actions = await readCheckpointParquet(store, `t/_delta_log/${checkpointFileName(4)}`);
    const kinds = actions.map((a) => a.kind).sort();
    expect(kinds).toEqual(['add', 'add', 'metaData', 'protocol', 'remove', 'txn']);
    const adds = actions.flatMap((a) => (a.kind === 'add' ? [a.add] : []));
    expect(adds.map((a) => a.path).sort()).toEqual(['day=__HIVE_DEFAULT_PARTITION__/2.parquet', 'day=b/3.parquet']);
    const nullDay = adds.find((a) => a.path.startsWith('day=__'))!;
    expect(nullDay.partitionValues).toEqual({ day: null });
    expect(JSON.parse(nullDay.stats!)).toMatchObject({ numRecords: 1, minValues: { id: 1 } });
    expect(Number(nullDay.size)).toBe(10);
    const md = actions.find((a) => a.kind === 'metaData');
    expect(md?.kind === 'metaData' && md.metaData.configuration).toEqual({ 'delta.checkpointInterval': '2' });
    expect(md?.kind === 'metaData' && [...md.metaData.partitionColumns]).toEqual(['day']);
    const rm1 = actions.find((a) => a.kind === 'remove');
    expect(rm1?.kind === 'remove' && rm1.remove.path).toBe('day=a/1.parquet');
    const txn = actions.find((a) => a.kind === 'txn');
    expect(txn?.kind === 'txn' && Number(txn.txn.version)).toBe(7);
  });

  it('leaves out tombstones older than delta.deletedFileRetentionDuration', async () => {
    await createTable(store, 't', { schema, configuration: { 'delta.checkpointInterval': '2', 'delta.deletedFileRetentionDuration': 'interval 1 hour' } });
    await commitTransaction(store, 't', { readVersion: 0, actions: [addAction(add('1.parquet', null)), addAction(add('2.parquet', null))], operation: 'WRITE' });
    await commitTransaction(store, 't', {
      readVersion: 1,
      actions: [
        removeAction({ path: '1.parquet', deletionTimestamp: Date.now() - 2 * 3600_000, dataChange: true }),
        removeAction({ path: '2.parquet', deletionTimestamp: Date.now(), dataChange: true }),
      ],
      operation: 'DELETE', readWholeTable: true,
    });
    const actions = await readCheckpointParquet(store, `t/_delta_log/${checkpointFileName(2)}`);
    expect(actions.flatMap((a) => (a.kind === 'remove' ? [a.remove.path] : []))).toEqual(['2.parquet']);
    expect(actions.some((a) => a.kind === 'add')).toBe(false);
  });

  it('uses the default interval of 10 and never fails the commit when the checkpoint cannot be written', async () => {
    await createTable(store, 't', { schema });
    for (let v = 1; v <= 10; v++) await commitTransaction(store, 't', { readVersion: v - 1, actions: [addAction(add(`${v}.parquet`, null))], operation: 'WRITE' });
    expect(await exists(store, `t/_delta_log/${checkpointFileName(5)}`)).toBe(false);
    expect(await exists(store, `t/_delta_log/${checkpointFileName(10)}`)).toBe(true);
    const warnings: string[] = [];
    const broken = Object.create(store, { put: { value: async () => { throw new Error('disk full'); } } }) as ObjectStore;
    expect(await maybeWriteCheckpoint(broken, 't', 10, [], (m) => warnings.push(m))).toBeNull();
    expect(warnings[0]).toContain('disk full');
  });

  it('writes no classic checkpoint for tables whose domain metadata or v2 policy it would lose', () => {
    const md = (configuration: Record<string, string>) => ({ id: 'x', format: { provider: 'parquet', options: {} }, schemaString: '', partitionColumns: [], configuration });
    expect(classicCheckpointUnsupported({ minReaderVersion: 1, minWriterVersion: 2 }, md({}))).toBeNull();
    expect(classicCheckpointUnsupported({ minReaderVersion: 3, minWriterVersion: 7, readerFeatures: [], writerFeatures: ['domainMetadata'] }, md({}))).toContain('domain metadata');
    expect(classicCheckpointUnsupported({ minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['v2Checkpoint'], writerFeatures: ['v2Checkpoint'] }, md({ 'delta.checkpointPolicy': 'v2' }))).toContain('v2');
    expect(classicCheckpointUnsupported({ minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['v2Checkpoint'], writerFeatures: ['v2Checkpoint'] }, md({}))).toBeNull();
  });

  it('parses retention intervals as Delta writes them', () => {
    expect(parseIntervalMillis('interval 1 week')).toBe(604_800_000);
    expect(parseIntervalMillis('interval 168 hours')).toBe(604_800_000);
    expect(parseIntervalMillis('7 days')).toBe(604_800_000);
    expect(parseIntervalMillis('soon')).toBeNull();
  });
});
