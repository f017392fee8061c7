/** A QueryError thrown in a worker thread reaches the caller with its SQLSTATE, message and detail. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../common/errors.js';
import { T } from '../../common/types.js';
import { createWorkerPool, resolveWorkerScript, type WorkerPool } from '../../executor/pool.js';
import { decodeWorkerError, encodeWorkerError } from '../../executor/worker_errors.js';
import { TinyLake, nullableField, runSql } from './support/tiny_lake.js';

describe('QueryError across the worker boundary', () => {
  it('survives structured clone with every field', () => {
    const e = new QueryError('22P02', 'invalid input syntax for type json', { detail: 'Token "x" is invalid.', hint: 'h', context: 'JSON data, line 1: x' });
    const back = decodeWorkerError(structuredClone(encodeWorkerError(e)));
    expect(back).toBeInstanceOf(QueryError);
    expect([back!.sqlstate, back!.message, back!.detail, back!.hint, back!.context]).toEqual(['22P02', e.message, e.detail, 'h', e.context]);
  });

  it('leaves other errors alone', () => {
    const plain = new Error('boom');
    expect(encodeWorkerError(plain)).toBe(plain);
    expect(decodeWorkerError(structuredClone(plain))).toBeNull();
  });

  describe('through real worker threads (needs `npm run build`)', () => {
    let pool: WorkerPool;
    let lake: TinyLake;
    beforeAll(async () => {
      lake = new TinyLake();
      await lake.addTable({ schema: 's', name: 't', fields: [nullableField('id', T.int8)], files: [[[1n], [2n]], [[3n]]] });
      pool = createWorkerPool({ threads: 1 });
    });
    afterAll(async () => {
      await pool.close();
      await rm(lake.root, { recursive: true, force: true });
    });

    it('a missing data file is 58P01 from a worker, as on the main thread', async () => {
      expect(resolveWorkerScript()).not.toBeNull();
      expect(pool.mode).toBe('threads');
      await rm(join(lake.root, 's/t/part-1.parquet'));
      const err = await runSql(lake.catalog(), 'SELECT * FROM s.t', pool).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(QueryError);
      expect((err as QueryError).sqlstate).toBe('58P01');
      expect((err as QueryError).message).toMatch(/data file ".*part-1.parquet" of the table is missing/);
    });
  });
});
