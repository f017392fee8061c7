/**
 * Start a real Pier server process (the built `dist/server/cli.js`) on a free port over a temp warehouse,
 * for end-to-end tests through the wire.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(REPO_ROOT, 'dist/server/cli.js');

export interface PierProcess {
  readonly port: number;
  readonly warehouse: string;
  readonly proc: ChildProcess;
  /** everything the server wrote to stderr so far */
  log(): string;
  /** a connected node-postgres client (text results as strings, untouched) */
  client(options?: Partial<pg.ClientConfig>): Promise<pg.Client>;
  /** graceful stop (SIGTERM) */
  stop(): Promise<void>;
  /** SIGKILL: a crash */
  kill(): Promise<void>;
}

export interface StartOptions {
  readonly warehouse?: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export function tempDir(prefix = 'pier-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startPier(options: StartOptions = {}): Promise<PierProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const warehouse = options.warehouse ?? join(tempDir(), 'warehouse');
  const proc = spawn(process.execPath, ['--enable-source-maps', CLI, 'serve', '--port', '0', '--admin-port', '0', '--warehouse', warehouse, ...(options.args ?? [])], {
    env: { ...process.env, PIER_LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdout!.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`Pier did not start within 60 s:\n${stderr}`)), 60_000);
    const check = () => {
      const m = /listening on [^\s]+:(\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    };
    proc.stderr!.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`Pier exited with ${code} before listening:\n${stderr}`));
    });
  });
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  return {
    port,
    warehouse,
    proc,
    log: () => stderr,
    async client(extra = {}) {
      const c = new pg.Client({
        host: '127.0.0.1',
        port,
        user: 'pier',
        database: 'pier',
        types: { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig,
        ...extra,
      });
      await c.connect();
      return c;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** A test file's (or describe's) Pier and one connected client: started before its tests, closed after them. */
export interface PierWithClient {
  readonly pier: PierProcess;
  readonly client: pg.Client;
}

export function pierWithClient(options: StartOptions = {}): PierWithClient {
  let pier: PierProcess | undefined;
  let client: pg.Client | undefined;
  beforeAll(async () => {
    pier = await startPier(options);
    client = await pier.client();
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await pier?.stop();
  });
  return {
    get pier() { return pier!; },
    get client() { return client!; },
  };
}
