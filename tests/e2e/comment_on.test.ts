/** COMMENT ON is stored as Spark stores it: the Delta metaData `description` and a column's `comment` metadata, one commit each. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, type PierProcess } from '../support/pier.js';

describe('COMMENT ON', () => {
  let pier: PierProcess;
  beforeAll(async () => {
    pier = await startPier();
  });
  afterAll(async () => {
    await pier?.stop();
  });

  const lastMetadata = (table: string): { description?: string | null; fields: { name: string; metadata: Record<string, unknown> }[]; commitInfo: Record<string, unknown> } => {
    const log = join(pier.warehouse, 'public', table, '_delta_log');
    const last = readdirSync(log).filter((f) => f.endsWith('.json')).sort().at(-1)!;
    const actions = readFileSync(join(log, last), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const meta = actions.find((a) => a.metaData).metaData;
    return { description: meta.description, fields: JSON.parse(meta.schemaString).fields, commitInfo: actions.find((a) => a.commitInfo).commitInfo };
  };

  it('writes the table description and column comments into the Delta log', async () => {
    const c = await pier.client();
    try {
      await c.query('CREATE TABLE commented (id bigint, amount numeric(10,2))');
      await c.query("COMMENT ON TABLE commented IS 'all the orders'");
      expect(lastMetadata('commented').description).toBe('all the orders');
      await c.query("COMMENT ON COLUMN commented.amount IS 'in EUR'");
      const m = lastMetadata('commented');
      expect(m.fields.find((f) => f.name === 'amount')!.metadata['comment']).toBe('in EUR');
      expect(m.fields.find((f) => f.name === 'id')!.metadata['comment']).toBeUndefined();
      expect(m.description).toBe('all the orders');
      expect(m.commitInfo['operation']).toBe('CHANGE COLUMN');
      await c.query('COMMENT ON COLUMN commented.amount IS NULL');
      expect(lastMetadata('commented').fields.find((f) => f.name === 'amount')!.metadata['comment']).toBeUndefined();
      const r = await c.query("SELECT obj_description('commented'::regclass, 'pg_class') AS d");
      expect(r.rows).toEqual([{ d: 'all the orders' }]);
    } finally {
      await c.end();
    }
  });
});
