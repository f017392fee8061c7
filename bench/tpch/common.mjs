// @ts-check
/** Shared by gen.mjs and bench.mjs: paths, argument parsing, starting Pier, loading the TPC-H tables. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(REPO, process.env.PIER_TPCH_DIR ?? '../shared/tpch');
export const TABLES = ['nation', 'region', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'];
const VENV = join(REPO, '.venv-bench');

/** `--name value` and `--flag` → { name: value | true } */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[a.slice(2)] = true;
    else { out[a.slice(2)] = next; i++; }
  }
  return out;
}

export function sfName(sf) {
  return `sf${String(sf)}`;
}

/** Where the Parquet files of a scale factor live: the shared SF0.1 files, else .tpch-data/sf<N>. */
export function defaultDataDir(sf) {
  const shared = join(SHARED, sfName(sf));
  if (TABLES.every((t) => existsSync(join(shared, t, `${t}.parquet`)))) return shared;
  return join(REPO, '.tpch-data', sfName(sf));
}

export function haveAllTables(dir) {
  return TABLES.every((t) => existsSync(join(dir, t, `${t}.parquet`)));
}

/** The venv with duckdb==1.5.5 and duckdb-extension-tpch (created on first use). */
export function ensureVenv() {
  const py = join(VENV, 'bin', 'python');
  const ok = existsSync(py) && spawnSync(py, ['-c', 'import duckdb, duckdb_extension_tpch'], { stdio: 'ignore' }).status === 0;
  if (ok) return py;
  console.log(`creating ${VENV} (duckdb==1.5.5, duckdb-extension-tpch)`);
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  };
  run('python3', ['-m', 'venv', VENV]);
  run(join(VENV, 'bin', 'pip'), ['install', '--quiet', 'duckdb==1.5.5', 'duckdb-extension-tpch==1.5.5']);
  return py;
}

/** Generate the Parquet files of `sf` into `dir` with scripts/tpch_gen.py (skips when all are there). */
export function generate(sf, dir) {
  if (haveAllTables(dir)) return;
  const py = ensureVenv();
  const r = spawnSync(py, [join(REPO, 'scripts', 'tpch_gen.py'), '--sf', String(sf), '--out', dir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('tpch_gen.py failed');
}

/**
 * Start the built Pier (dist/server/cli.js) on a free port over `warehouse`.
 * @returns {Promise<{ port: number, pid: number, stop: () => Promise<void> }>}
 */
export async function startPier(warehouse, extraArgs = []) {
  const cli = join(REPO, 'dist/server/cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const proc = spawn(process.execPath, [cli, 'serve', '--port', '0', '--admin-port', '0', '--warehouse', warehouse, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PIER_LOG_LEVEL: 'info' },
  });
  let log = '';
  const exited = new Promise((res) => proc.once('exit', res));
  const port = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`Pier did not start within 120 s:\n${log}`)), 120_000);
    const onData = (d) => {
      log += d.toString();
      const m = /listening on [^\s]+:(\d+)/.exec(log);
      if (m) { clearTimeout(timer); res(Number(m[1])); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => { clearTimeout(timer); rej(new Error(`Pier exited with ${code}:\n${log}`)); });
  });
  return {
    port,
    pid: /** @type {number} */ (proc.pid),
    log: () => log,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** A node-postgres client that returns every value as the text PostgreSQL sends. */
export async function pierClient(port) {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'pier', database: 'pier', types: { getTypeParser: () => (v) => v } });
  await c.connect();
  return c;
}

/** CREATE TABLE … AS SELECT * FROM read_parquet(…) for every table not loaded yet. */
export async function loadTables(client, dataDir, log = console.log) {
  for (const t of TABLES) {
    const have = await client.query(`SELECT 1 FROM ${t} LIMIT 1`).then(() => true, () => false);
    if (have) continue;
    const s = performance.now();
    const file = join(dataDir, t, `${t}.parquet`).replaceAll("'", "''");
    await client.query(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${file}')`);
    log(`loaded ${t} in ${((performance.now() - s) / 1000).toFixed(1)} s`);
  }
}

export function querySql(q) {
  return readFileSync(join(SHARED, 'queries', `q${String(q).padStart(2, '0')}.sql`), 'utf8');
}

/** Peak resident set (VmHWM) of a process in bytes, from /proc; null where there is no /proc. */
export function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** DuckDB's Node API, the benchmark's peer. Installed on first use (not a dependency, so `npm ci` and the tests never need it). */
export const DUCKDB_NODE_API = '@duckdb/node-api@1.5.6-r.1';
export async function loadDuckDB() {
  try {
    return await import('@duckdb/node-api');
  } catch {
    console.log(`installing ${DUCKDB_NODE_API} (first run of the benchmark) …`);
    const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', DUCKDB_NODE_API], { cwd: REPO, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm install ${DUCKDB_NODE_API} failed`);
    // this process already failed to resolve the bare name: load the installed package by its path
    const dir = join(REPO, 'node_modules', '@duckdb', 'node-api');
    const main = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).main ?? 'index.js';
    return await import(pathToFileURL(join(dir, main)).href);
  }
}
