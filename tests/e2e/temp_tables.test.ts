/** CREATE TEMP TABLE: visible only to its session (searched first), gone when the session disconnects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, type PierProcess } from '../support/pier.js';

describe('temporary tables', () => {
  let pier: PierProcess;
  beforeAll(async () => {
    pier = await startPier();
  });
  afterAll(async () => {
    await pier?.stop();
  });

  it('shadow a permanent table of the same name in their session and vanish at disconnect', async () => {
    const admin = await pier.client();
    const a = await pier.client();
    try {
      await admin.query('CREATE TABLE public.items (id int)');
      await admin.query('INSERT INTO public.items VALUES (1)');
      await a.query('CREATE TEMP TABLE items AS SELECT 41 AS id UNION ALL SELECT 42');
      expect((await a.query('SELECT count(*) AS n FROM items')).rows).toEqual([{ n: '2' }]);
      expect((await admin.query('SELECT count(*) AS n FROM items')).rows).toEqual([{ n: '1' }]);
      const schema = (await a.query("SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relpersistence = 't'")).rows[0].nspname as string;
      expect(schema).toMatch(/^pg_temp_\d+$/);
      // unqualified CREATE TABLE still goes to the first permanent schema
      await a.query('CREATE TABLE other_items (x int)');
      expect((await admin.query('SELECT count(*) AS n FROM public.other_items')).rows).toEqual([{ n: '0' }]);
      await a.end();
      // the session drops its schema as it closes: poll briefly for that
      let left: unknown[] = [];
      for (let i = 0; i < 50; i++) {
        left = (await admin.query('SELECT count(*) AS n FROM pg_namespace WHERE nspname = $1', [schema])).rows;
        if ((left[0] as { n: string }).n === '0') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(left).toEqual([{ n: '0' }]);
    } finally {
      await admin.end();
    }
  });
});
