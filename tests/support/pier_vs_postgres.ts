/**
 * A test file's Pier and, when PostgreSQL 15 is installed, a throwaway PostgreSQL: `pierAndPostgres()` (inside a
 * describe) starts both before its tests and stops them after; `onPier` runs a script on a Pier client;
 * `expectSameOnPostgres` runs it again on a fresh PostgreSQL database and expects the same outcome (skipped without
 * PostgreSQL). Values come back as PostgreSQL's text output on both sides (node-postgres type parsing off).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import pg from 'pg';
import { startPier, type PierProcess } from './pier.js';
import { postgresAvailable, startPostgres, type TestPostgres } from './postgres.js';

export interface PierVsPostgres {
  readonly pier: () => PierProcess;
  readonly postgres: () => TestPostgres | null;
}

export function pierAndPostgres(): PierVsPostgres {
  let pier: PierProcess | undefined;
  let postgres: TestPostgres | null = null;
  beforeAll(async () => {
    pier = await startPier();
    if (postgresAvailable()) postgres = await startPostgres();
  });
  afterAll(async () => {
    await pier?.stop();
    await postgres?.stop();
  });
  return { pier: () => pier!, postgres: () => postgres };
}

/** `run` on a new Pier client (closed afterwards). */
export async function onPier<T>(pier: PierProcess, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = await pier.client();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const RAW_TYPES = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

/** `run` on PostgreSQL in a new database `database` (null: the default one) gives `got`. */
export async function expectSameOnPostgres<T>(postgres: TestPostgres | null, database: string | null, got: T, run: (c: pg.Client) => Promise<T>): Promise<void> {
  if (postgres === null) return;
  if (database !== null) await postgres.query(`CREATE DATABASE ${database}`);
  const ref = new pg.Client({ host: postgres.host, port: postgres.port, user: 'postgres', database: database ?? 'postgres', types: RAW_TYPES });
  await ref.connect();
  try {
    expect(got).toEqual(await run(ref));
  } finally {
    await ref.end();
  }
}
