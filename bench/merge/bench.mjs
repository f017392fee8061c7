#!/usr/bin/env node
/**
 * npm run bench:merge [-- --rows 10000000 --days 100 --source 10000]
 * Upsert `--source` rows (half updates of existing rows in the last 5 days, half new rows) into a `--rows`-row
 * table partitioned by date with MERGE … WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT *,
 * then the same with a 1-row source. Reports the time, the files rewritten and Pier's peak RSS (VmHWM of a
 * server restarted after loading, so it is the MERGE's), and the same upserts with delta-rs (deltalake's
 * merge, from .venv-test) on a copy of the same table made before Pier's MERGE. Both times exclude start-up:
 * Pier's worker pool is warmed by a query over the source first; delta-rs' time starts after its imports.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startPier as startPierServer } from '../tpch/common.mjs';

const REPO = resolve(import.meta.dirname, '../..');
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const ROWS = Number(args.rows ?? 10_000_000);
const DAYS = Number(args.days ?? 100);
const SOURCE = Number(args.source ?? 10_000);
const PER_DAY = Math.ceil(ROWS / DAYS);
const PYTHON = process.env.TEST_PYTHON ?? join(REPO, '.venv-test/bin/python');
const UPSERT = 'MERGE INTO events t USING {src} s ON t.id = s.id AND t.day = s.day WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT *';

/** Pier over `warehouse` (bench/tpch/common.mjs) with one connected client. */
async function startPier(warehouse) {
  const server = await startPierServer(warehouse);
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'pier', database: 'pier' });
  await client.connect();
  return { server, client };
}

async function stopPier(p) {
  await p.client.end().catch(() => {});
  await p.server.stop();
}

function peakRssMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function lastMetrics(tablePath) {
  const log = join(tablePath, '_delta_log');
  const last = readdirSync(log).filter((f) => /^\d{20}\.json$/.test(f)).sort().at(-1);
  const info = readFileSync(join(log, last), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((a) => a.commitInfo).commitInfo;
  return info.operationMetrics;
}

/** Pier: restart (fresh peak RSS), run the upsert, report. */
async function pierUpsert(warehouse, src) {
  const p = await startPier(warehouse);
  try {
    // warm the worker pool (threads, Parquet decoder) on the source, as delta-rs' time excludes its start-up
    await p.client.query(`SELECT count(*), max(v) FROM ${src}`);
    const t0 = performance.now();
    const r = await p.client.query(UPSERT.replace('{src}', src));
    const ms = performance.now() - t0;
    const m = lastMetrics(join(warehouse, 'public', 'events'));
    return { ms, tag: `${r.command} ${r.rowCount}`, rewritten: Number(m.numTargetFilesRemoved), added: Number(m.numTargetFilesAdded), peakMb: peakRssMb(p.server.pid) };
  } finally {
    await stopPier(p);
  }
}

function deltaRsUpsert(target, source) {
  const out = execFileSync(PYTHON, [join(import.meta.dirname, 'deltars_merge.py'), target, source], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const r = JSON.parse(out.trim().split('\n').at(-1));
  return { ms: r.ms, rewritten: r.metrics.num_target_files_removed, added: r.metrics.num_target_files_added, peakMb: r.peakRssKb / 1024 };
}

const dir = mkdtempSync(join(tmpdir(), 'pier-bench-merge-'));
const wh = join(dir, 'wh');
const table = join(wh, 'public', 'events');
try {
  let p = await startPier(wh);
  const t0 = performance.now();
  await p.client.query('CREATE TABLE events (id bigint, day date, v bigint) PARTITIONED BY (day)');
  const chunk = 1_000_000;
  for (let a = 0; a < ROWS; a += chunk) {
    const b = Math.min(ROWS, a + chunk) - 1;
    await p.client.query(`INSERT INTO events SELECT i, DATE '2024-01-01' + (i / ${PER_DAY})::int, (i * 7) % 1000 FROM generate_series(${a}::bigint, ${b}::bigint) AS g(i)`);
  }
  const lastDays = Math.min(5, DAYS) * PER_DAY;
  const updates = Math.floor(SOURCE / 2);
  const step = Math.max(1, Math.floor(lastDays / updates));
  const first = ROWS - lastDays;
  await p.client.query(`CREATE TABLE src AS SELECT i AS id, DATE '2024-01-01' + (i / ${PER_DAY})::int AS day, -1::bigint AS v FROM generate_series(${first}::bigint, ${first + (updates - 1) * step}::bigint, ${step}::bigint) AS g(i)
    UNION ALL SELECT ${ROWS}::bigint + i, DATE '2024-01-01' + ${DAYS - 1}, -2::bigint FROM generate_series(0::bigint, ${SOURCE - updates - 1}::bigint) AS g(i)`);
  await p.client.query(`CREATE TABLE src1 AS SELECT ${first + 1}::bigint AS id, DATE '2024-01-01' + (${first + 1} / ${PER_DAY})::int AS day, -3::bigint AS v`);
  const files = (await p.client.query('SELECT count(*) AS n FROM events')).rows[0].n;
  const loadMs = performance.now() - t0;
  await stopPier(p);
  const haveDeltaRs = existsSync(PYTHON);
  const copy = join(dir, 'copy-events');
  const copy1 = join(dir, 'copy1-events');
  if (haveDeltaRs) { cpSync(table, copy, { recursive: true }); cpSync(table, copy1, { recursive: true }); }
  console.log(`table: ${ROWS} rows (${files} counted) in ${DAYS} daily partitions, ${readdirSync(table).filter((f) => f.startsWith('day=')).length} partition folders; loaded in ${(loadMs / 1000).toFixed(1)} s`);

  const big = await pierUpsert(wh, 'src');
  console.log(`Pier     upsert ${SOURCE} rows: ${big.ms.toFixed(0)} ms, ${big.tag}, files rewritten ${big.rewritten} (+${big.added} added), peak RSS ${big.peakMb.toFixed(0)} MB`);
  const one = await pierUpsert(wh, 'src1');
  console.log(`Pier     upsert 1 row:        ${one.ms.toFixed(0)} ms, ${one.tag}, files rewritten ${one.rewritten} (+${one.added} added), peak RSS ${one.peakMb.toFixed(0)} MB`);
  if (haveDeltaRs) {
    const dBig = deltaRsUpsert(copy, join(wh, 'public', 'src'));
    console.log(`delta-rs upsert ${SOURCE} rows: ${dBig.ms.toFixed(0)} ms, files rewritten ${dBig.rewritten} (+${dBig.added} added), peak RSS ${dBig.peakMb.toFixed(0)} MB`);
    const dOne = deltaRsUpsert(copy1, join(wh, 'public', 'src1'));
    console.log(`delta-rs upsert 1 row:        ${dOne.ms.toFixed(0)} ms, files rewritten ${dOne.rewritten} (+${dOne.added} added), peak RSS ${dOne.peakMb.toFixed(0)} MB`);
    console.log(`Pier vs delta-rs: ${(dBig.ms / big.ms).toFixed(2)}× (10k), ${(dOne.ms / one.ms).toFixed(2)}× (1 row) faster`);
  } else {
    console.log(`delta-rs: skipped (${PYTHON} missing)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
