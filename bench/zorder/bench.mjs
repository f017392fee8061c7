#!/usr/bin/env node
/**
 * npm run bench:zorder [-- --rows 400000 --inserts 40 --target 48kb]
 * A selective two-column query before and after `OPTIMIZE … ZORDER BY (x, y)`: the files the scan reads
 * (EXPLAIN ANALYZE's "Files: n scanned, m skipped") and the median time of 5 runs. Rows arrive in many
 * INSERTs whose values are spread over the whole range (every file spans everything, nothing can be
 * skipped); after Z-ordering, files cover small boxes of (x, y) and min/max statistics skip most of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPier } from '../tpch/common.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const ROWS = Number(args.rows ?? 400_000);
const INSERTS = Number(args.inserts ?? 40);
const TARGET = String(args.target ?? '48kb');
const QUERY = 'SELECT count(*), sum(v) FROM zt WHERE x BETWEEN 100 AND 149 AND y BETWEEN 600 AND 649';


async function measure(client) {
  const plan = (await client.query(`EXPLAIN (ANALYZE, TIMING off, SUMMARY off, COSTS off) ${QUERY}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
  const m = /Files: (\d+) scanned, (\d+) skipped/.exec(plan);
  const times = [];
  let answer = null;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    answer = (await client.query(QUERY)).rows[0];
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { read: Number(m?.[1] ?? NaN), skipped: Number(m?.[2] ?? NaN), ms: times[2], answer };
}

const dir = mkdtempSync(join(tmpdir(), 'pier-bench-zorder-'));
const server = await startPier(join(dir, 'wh'));
const port = server.port;
const client = new pg.Client({ host: '127.0.0.1', port, user: 'pier', database: 'pier' });
try {
  await client.connect();
  await client.query(`CREATE TABLE zt (x int, y int, v bigint) TBLPROPERTIES ('delta.targetFileSize' = '${TARGET}')`);
  const per = Math.ceil(ROWS / INSERTS);
  for (let k = 0; k < INSERTS; k++) {
    // pseudo-random, evenly spread x and y in 0..999 (multiplicative hashing of the row number)
    await client.query(`INSERT INTO zt SELECT ((i::bigint * 7919) % 1000)::int, ((i::bigint * 104729 + 13) % 997)::int, i FROM generate_series(${k * per}, ${(k + 1) * per - 1}) AS g(i)`);
  }
  const before = await measure(client);
  const t0 = performance.now();
  const opt = (await client.query('OPTIMIZE zt ZORDER BY (x, y)')).rows[0];
  const optimizeMs = performance.now() - t0;
  const metrics = JSON.parse(opt.metrics);
  const after = await measure(client);
  const same = JSON.stringify(before.answer) === JSON.stringify(after.answer);
  console.log(`rows ${ROWS} in ${INSERTS} inserts, delta.targetFileSize ${TARGET}`);
  console.log(`query: ${QUERY}`);
  console.log(`before ZORDER: files read ${before.read}, skipped ${before.skipped}, median ${before.ms.toFixed(1)} ms`);
  console.log(`OPTIMIZE ZORDER BY (x, y): ${metrics.numFilesRemoved} files → ${metrics.numFilesAdded} in ${(optimizeMs / 1000).toFixed(2)} s`);
  console.log(`after ZORDER:  files read ${after.read}, skipped ${after.skipped}, median ${after.ms.toFixed(1)} ms`);
  console.log(`files read ${(before.read / Math.max(1, after.read)).toFixed(1)}× fewer, time ${(before.ms / after.ms).toFixed(1)}× faster; same answer: ${same}`);
  if (!same) process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
