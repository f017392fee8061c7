/**
 * Conflicting commits on S3 (moto): two UPDATE-style transactions removing the same file through the
 * storage API → one wins, the other gets CommitConflictError (40001 through Pier), nothing lost; and real
 * concurrent UPDATEs through Pier → each succeeds or fails with 40001, and no update is ever lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { type AddFile, addAction, removeAction } from '../../storage/delta/actions.js';
import type { DeltaStructType } from '../../storage/delta/schema.js';
import { loadSnapshot } from '../../storage/delta/snapshot.js';
import { CommitConflictError, commitTransaction, createTable } from '../../storage/delta/transaction.js';
import { startPier, type PierProcess } from '../support/pier.js';
import { HAVE_S3, S3_SKIP_MESSAGE, startS3Server, type S3Server } from '../support/s3.js';

const schema: DeltaStructType = { type: 'struct', fields: [{ name: 'id', type: 'long', nullable: false, metadata: {} }] };
const add = (p: string): AddFile => ({ path: p, partitionValues: {}, size: 1, modificationTime: 1, dataChange: true, stats: '{"numRecords":1}' });

describe.skipIf(!HAVE_S3)('S3: conflicting commits', () => {
  if (!HAVE_S3) it.skip(S3_SKIP_MESSAGE, () => undefined);
  let server: S3Server;
  let bucket: string;
  let pier: PierProcess | undefined;
  beforeAll(async () => {
    server = await startS3Server();
    bucket = await server.createBucket();
  });
  afterAll(async () => {
    await pier?.stop();
    await server?.stop();
  });

  it('two transactions removing the same file: one wins, the other conflicts; rounds of them lose nothing', async () => {
    // two processes' worth of stores: separate clients, same bucket
    const a = server.store(bucket, 'api');
    const b = server.store(bucket, 'api');
    await createTable(a, 't', { schema });
    let v = (await commitTransaction(a, 't', { readVersion: 0, actions: [addAction(add('f0.parquet'))], operation: 'WRITE' })).version;
    let current = 'f0.parquet';
    for (let round = 1; round <= 5; round++) {
      const rewrite = (store: typeof a, out: string) => commitTransaction(store, 't', {
        readVersion: v, operation: 'UPDATE', readFiles: [current], readWholeTable: true,
        actions: [removeAction({ path: current, dataChange: true, deletionTimestamp: 1 }), addAction(add(out))],
      });
      const [ra, rb] = await Promise.allSettled([rewrite(a, `a${round}.parquet`), rewrite(b, `b${round}.parquet`)]);
      const winners = [ra, rb].filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ version: number }>[];
      const losers = [ra, rb].filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(winners).toHaveLength(1);
      expect(losers[0]!.reason).toBeInstanceOf(CommitConflictError);
      expect((losers[0]!.reason as CommitConflictError).winningVersion).toBe(v + 1);
      expect((losers[0]!.reason as CommitConflictError).files).toEqual([current]);
      v = winners[0]!.value.version;
      const files = (await loadSnapshot(server.store(bucket, 'api'), 't')).files.map((f) => f.path);
      expect(files).toHaveLength(1);
      current = files[0]!;
      expect(current).toMatch(new RegExp(`^[ab]${round}\\.parquet$`));
    }
    expect(v).toBe(6);
  });

  it('concurrent UPDATEs through Pier: each succeeds or fails with 40001, and none is lost', async () => {
    pier = await startPier({ warehouse: `s3://${bucket}/pier`, env: server.env() });
    const setup = await pier.client();
    await setup.query('CREATE TABLE counter (id int, n int)');
    await setup.query('INSERT INTO counter VALUES (1, 0), (2, 0)');
    const clients = await Promise.all(Array.from({ length: 4 }, () => pier!.client()));
    const ok: number[] = [0, 0, 0, 0];
    const conflicts: string[] = [];
    await Promise.all(clients.map(async (c: pg.Client, k) => {
      for (let i = 0; i < 4; i++) {
        try {
          await c.query('UPDATE counter SET n = n + 1 WHERE id = 1');
          ok[k]!++;
        } catch (e) {
          const err = e as { code?: string; message: string };
          expect(err.code, err.message).toBe('40001');
          conflicts.push(err.message);
        }
      }
    }));
    const total = ok.reduce((s, n) => s + n, 0);
    expect(total).toBeGreaterThan(0);
    expect((await setup.query('SELECT id, n FROM counter ORDER BY id')).rows).toEqual([{ id: '1', n: String(total) }, { id: '2', n: '0' }]);
    for (const m of conflicts) expect(m).toMatch(/could not serialize access due to concurrent update/);
    for (const c of [setup, ...clients]) await c.end();
  });
});
