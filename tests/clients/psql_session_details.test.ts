/**
 * psql (the real client) runs tests/clients/psql/session_details.sql — COPY FROM STDIN / TO STDOUT in text and
 * CSV with PostgreSQL's errors and CONTEXT lines, psql's \copy both ways, savepoints, cursors (FETCH / MOVE /
 * CLOSE, WITH HOLD), COMMIT outside a transaction, DISCARD ALL, LISTEN/UNLISTEN, comments and dollar quotes —
 * against Pier and a throwaway PostgreSQL 15: the output must be the same, character for character.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, tempDir, type PierProcess } from '../support/pier.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres.js';

const hasPsql = spawnSync('psql', ['--version']).status === 0;

function runPsql(port: number, user: string, db: string, host: string, extra: string[] = []): string {
  const dir = tempDir('pier-psql-copy-');
  const file = join(dir, 'script.sql');
  writeFileSync(file, readFileSync(join(import.meta.dirname, 'psql/session_details.sql'), 'utf8').replaceAll('{{DIR}}', dir));
  const r = spawnSync('sh', ['-c', `psql -X -h ${host} -p ${port} -U ${user} -d ${db} ${extra.join(' ')} -f ${file} 2>&1`], {
    encoding: 'utf8',
    env: { ...process.env, PGCONNECT_TIMEOUT: '10', PGTZ: 'UTC', PAGER: '' },
  });
  return r.stdout.replaceAll(file, 'script.sql');
}

describe.skipIf(!hasPsql)('psql: COPY, \\copy, cursors, savepoints, session commands', () => {
  let pier: PierProcess;
  let postgres: TestPostgres | null = null;
  beforeAll(async () => {
    pier = await startPier();
    postgres = postgresAvailable() ? await startPostgres() : null;
  }, 60_000);
  afterAll(async () => {
    await pier?.stop();
    await postgres?.stop();
  });

  it('prints what PostgreSQL 15 prints', () => {
    const pierOut = runPsql(pier.port, 'pier', 'pier', '127.0.0.1');
    expect(pierOut).toContain('CONTEXT:  COPY cp, line 2, column id: "x"');
    expect(pierOut).toContain('after_rollback_to');
    if (postgres === null) return;
    expect(pierOut).toEqual(runPsql(postgres.port, 'postgres', 'postgres', postgres.host));
  }, 60_000);

  it('refuses server-side COPY to a file, as PostgreSQL does for users without file privileges', () => {
    const r = spawnSync('psql', ['-X', '-h', '127.0.0.1', '-p', String(pier.port), '-U', 'pier', '-d', 'pier', '-c', "COPY (SELECT 1) TO '/tmp/x.txt'"], { encoding: 'utf8' });
    expect(r.stderr).toBe(
      'ERROR:  must be superuser or have privileges of the pg_write_server_files role to COPY to a file\n' +
      "HINT:  Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.\n",
    );
  });
});
