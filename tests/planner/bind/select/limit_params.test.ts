/**
 * LIMIT / OFFSET / FETCH … WITH TIES with $n parameters (through the extended protocol): the counts are
 * only known at execution, so they are applied by row_number()/rank() filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, type PierProcess } from '../../../support/pier.js';

describe('LIMIT/OFFSET parameters', () => {
  let pier: PierProcess;
  let client: pg.Client;
  beforeAll(async () => {
    pier = await startPier();
    client = await pier.client();
    await client.query("CREATE TABLE s (g text, x int)");
    await client.query("INSERT INTO s VALUES ('a', 1), ('a', 2), ('b', 3), ('b', NULL), ('c', 5), ('c', 7)");
  });
  afterAll(async () => {
    await client?.end();
    await pier?.stop();
  });
  const rows = async (text: string, values: unknown[]) => (await client.query({ text, values, rowMode: 'array' })).rows.map((r: unknown[]) => r[0]); // values arrive as text

  it('LIMIT $1 and OFFSET $2', async () => {
    expect(await rows('SELECT x FROM s ORDER BY x LIMIT $1', [2])).toEqual(['1', '2']);
    expect(await rows('SELECT x FROM s ORDER BY x LIMIT $1 OFFSET $2', [2, 1])).toEqual(['2', '3']);
    expect(await rows('SELECT x FROM s ORDER BY x NULLS FIRST OFFSET $1', [4])).toEqual(['5', '7']);
  });

  it('LIMIT NULL means no limit', async () => {
    expect(await rows('SELECT x FROM s ORDER BY x LIMIT $1', [null])).toEqual(['1', '2', '3', '5', '7', null]);
  });

  it('FETCH FIRST $1 ROWS WITH TIES', async () => {
    expect(await rows('SELECT g FROM s ORDER BY g FETCH FIRST $1 ROWS WITH TIES', [1])).toEqual(['a', 'a']);
    expect(await rows('SELECT g FROM s ORDER BY g DESC FETCH FIRST $1 ROWS WITH TIES', [3])).toEqual(['c', 'c', 'b', 'b']);
  });
});
