/**
 * Throwaway PostgreSQL 15 for tests that compare Pier's output with the real thing.
 * initdb into a temp dir, listen on a random port with the unix socket in that dir.
 * When running as root, the server runs as the `postgres` OS user (via runuser).
 * Returns null (with a reason) when PostgreSQL is not installed, so callers can skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_BIN = process.env.PIER_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  readonly port: number;
  /** directory of the unix socket */
  readonly host: string;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** raw text rows (every column as PostgreSQL's text output), errors returned instead of thrown */
  queryText(sql: string): Promise<{ rows: (string | null)[][] } | { error: { code: string; message: string; detail?: string } }>;
  stop(): Promise<void>;
}

export function postgresAvailable(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'postgres'));
}

function asUser(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() === 0) return ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
  return [cmd, args];
}

export async function startPostgres(): Promise<TestPostgres> {
  if (!postgresAvailable()) throw new Error(`PostgreSQL not found in ${PG_BIN}`);
  const dir = mkdtempSync(join(tmpdir(), 'pier-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const [c1, a1] = asUser(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const init = spawnSync(c1, a1, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = 20000 + Math.floor(Math.random() * 30000);
  const [c2, a2] = asUser(join(PG_BIN, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=', '-c', 'fsync=off', '-c', 'TimeZone=UTC']);
  const proc: ChildProcess = spawn(c2, a2, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  let client = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
  const deadline = Date.now() + 20000;
  for (;;) {
    try {
      client = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
      await client.connect();
      break;
    } catch (e) {
      if (Date.now() > deadline || proc.exitCode !== null) {
        proc.kill('SIGKILL');
        throw new Error(`postgres did not start: ${String(e)}\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // Keep every value as its text form.
  const rawTypes = { getTypeParser: () => (v: string) => v };
  return {
    port,
    host: dir,
    async query(sql, params) {
      const r = await client.query({ text: sql, values: params, types: rawTypes });
      return r.rows as Record<string, unknown>[];
    },
    async queryText(sql) {
      try {
        const r = await client.query({ text: sql, rowMode: 'array', types: rawTypes });
        return { rows: r.rows as (string | null)[][] };
      } catch (e) {
        const err = e as { code: string; message: string; detail?: string };
        return { error: { code: err.code, message: err.message, detail: err.detail } };
      }
    },
    async stop() {
      await client.end().catch(() => undefined);
      const exited = new Promise<void>((r) => {
        if (proc.exitCode !== null || proc.signalCode !== null) r();
        else proc.once('exit', () => r());
      });
      const [c3, a3] = asUser(join(PG_BIN, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-s']);
      spawnSync(c3, a3, { encoding: 'utf8', timeout: 20000 });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
