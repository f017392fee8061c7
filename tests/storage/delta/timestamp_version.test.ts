/** TIMESTAMP AS OF resolution: the latest version with commit timestamp ≤ t; too early / too late reported. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { addAction } from '../../../storage/delta/actions.js';
import type { DeltaStructType } from '../../../storage/delta/schema.js';
import { commitTransaction, createTable } from '../../../storage/delta/transaction.js';
import { readCommitHistory, versionAtTimestamp } from '../../../storage/delta/timestamp_version.js';

const schema: DeltaStructType = { type: 'struct', fields: [{ name: 'id', type: 'long', nullable: true, metadata: {} }] };

describe('timestamp → version', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pier-tt-'));
    store = new LocalObjectStore(root);
    await createTable(store, 't', { schema, now: () => 1000 });
    const times = [2000, 3000, 2500]; // the last one goes back in time: counted as 3001
    for (let v = 1; v <= 3; v++) {
      await commitTransaction(store, 't', { readVersion: v - 1, actions: [addAction({ path: `${v}.parquet`, partitionValues: {}, size: 1, modificationTime: 1, dataChange: true })], operation: 'WRITE', now: () => times[v - 1]! });
    }
  });
  afterEach(async () => { await rm(root, { recursive: true, force: true }); });

  it('picks the latest version at or before the timestamp', async () => {
    expect(await versionAtTimestamp(store, 't', 1000)).toEqual({ kind: 'version', version: 0 });
    expect(await versionAtTimestamp(store, 't', 1999)).toEqual({ kind: 'version', version: 0 });
    expect(await versionAtTimestamp(store, 't', 2000)).toEqual({ kind: 'version', version: 1 });
    expect(await versionAtTimestamp(store, 't', 3000)).toEqual({ kind: 'version', version: 2 });
    expect(await versionAtTimestamp(store, 't', 3001)).toEqual({ kind: 'version', version: 3 });
  });

  it('reports timestamps before the first commit and after the latest one', async () => {
    expect(await versionAtTimestamp(store, 't', 999)).toEqual({ kind: 'tooEarly', earliestTimestamp: 1000 });
    expect(await versionAtTimestamp(store, 't', 5000)).toEqual({ kind: 'tooLate', latestTimestamp: 3001 });
    expect(await versionAtTimestamp(store, 'nope', 5000)).toEqual({ kind: 'noTable' });
  });

  it('makes commit timestamps monotonic and keeps commitInfo', async () => {
    const h = await readCommitHistory(store, 't');
    expect(h.map((c) => c.timestamp)).toEqual([1000, 2000, 3000, 3001]);
    expect(h.map((c) => c.commitInfo?.operation)).toEqual(['CREATE TABLE', 'WRITE', 'WRITE', 'WRITE']);
  });
});
