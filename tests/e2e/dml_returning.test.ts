/**
 * INSERT / UPDATE / DELETE … RETURNING through node-postgres with parameters (the extended protocol: Parse,
 * Bind, Describe, Execute): RowDescription (names, type OIDs), rows and command tags as PostgreSQL 15 gives them
 * — compared with a throwaway PostgreSQL when one is installed, and with the expected values written here.
 */
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { expectSameOnPostgres, onPier, pierAndPostgres } from '../support/pier_vs_postgres.js';

interface Outcome {
  readonly command?: string;
  readonly rowCount?: number | null;
  readonly fields?: readonly (readonly [string, number])[];
  readonly rows?: readonly unknown[][];
  readonly error?: { readonly code: string | undefined; readonly position: string | undefined };
}

const STEPS: readonly (readonly [string, readonly unknown[]])[] = [
  ['CREATE TABLE items (id bigint, name text, price numeric(10,2))', []],
  ['INSERT INTO items (id, name, price) VALUES ($1, $2, $3) RETURNING id', [7, 'pen', '1.5']],
  ['INSERT INTO items VALUES ($1, $2, $3), ($4, $5, $6) RETURNING id, price * 2 AS double, upper(name), $7::int AS batch', [8, 'ink', '2.25', 9, 'pad', null, 3]],
  ['INSERT INTO items SELECT id + 100, name, price FROM items WHERE id = $1 RETURNING *', [7]],
  ['UPDATE items SET price = coalesce(price, 0) + $1 WHERE id = $2 RETURNING *', ['0.5', 9]],
  ['UPDATE items SET name = $1 WHERE id > $2 RETURNING id', ['x', 1000]],
  ['DELETE FROM items WHERE id = $1 RETURNING name, price', [107]],
  ['INSERT INTO items VALUES ($1, $2, $3) RETURNING nope', [10, 'no', '1']],
  ['DELETE FROM items WHERE id = $1 RETURNING count(*)', [7]],
  ['SELECT id, name, price FROM items ORDER BY id', []],
];

async function run(client: pg.Client): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const [text, values] of STEPS) {
    try {
      const r = await client.query({ text, values: [...values], rowMode: 'array' });
      out.push({ command: r.command, rowCount: r.rowCount, fields: r.fields.map((f) => [f.name, f.dataTypeID] as const), rows: r.rows as unknown[][] });
    } catch (e) {
      const err = e as { code?: string; position?: string };
      out.push({ error: { code: err.code, position: err.position } });
    }
  }
  return out;
}

describe('INSERT / UPDATE / DELETE … RETURNING over the extended protocol', () => {
  const env = pierAndPostgres();

  it('returns the written rows with RowDescription and the command tag', async () => {
    const got = await onPier(env.pier(), run);
    const [, ins, insMany, insSelect, upd, updNone, del, unknownCol, agg, after] = got;
    expect(ins).toEqual({ command: 'INSERT', rowCount: 1, fields: [['id', 20]], rows: [['7']] });
    expect(insMany).toEqual({
      command: 'INSERT', rowCount: 2,
      fields: [['id', 20], ['double', 1700], ['upper', 25], ['batch', 23]],
      rows: [['8', '4.50', 'INK', '3'], ['9', null, 'PAD', '3']],
    });
    expect(insSelect).toEqual({ command: 'INSERT', rowCount: 1, fields: [['id', 20], ['name', 25], ['price', 1700]], rows: [['107', 'pen', '1.50']] });
    expect(upd).toEqual({ command: 'UPDATE', rowCount: 1, fields: [['id', 20], ['name', 25], ['price', 1700]], rows: [['9', 'pad', '0.50']] });
    expect(updNone).toEqual({ command: 'UPDATE', rowCount: 0, fields: [['id', 20]], rows: [] });
    expect(del).toEqual({ command: 'DELETE', rowCount: 1, fields: [['name', 25], ['price', 1700]], rows: [['pen', '1.50']] });
    expect(unknownCol).toEqual({ error: { code: '42703', position: '49' } });
    expect(agg).toEqual({ error: { code: '42803', position: '43' } });
    expect(after!.rows).toEqual([['7', 'pen', '1.50'], ['8', 'ink', '2.25'], ['9', 'pad', '0.50']]);

    await expectSameOnPostgres(env.postgres(), 'returning_e2e', got, run);
  });
});
