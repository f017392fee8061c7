// @ts-check
/**
 * npm run bench:tpch -- --sf 1 [--queries 1,6] [--runs 5] [--modes cold,warm] [--data DIR] [--warehouse DIR]
 *
 * Pier vs DuckDB over the same Parquet files. Starts Pier on the warehouse (default .tpch-data/wh-sf<N>; tables
 * loaded once with CTAS and reused), runs each query through the wire (node-postgres) and on DuckDB
 * (@duckdb/node-api, 2 threads, views over read_parquet): one warm-up, then --runs timed runs; prints the median
 * seconds, the Pier/DuckDB ratio, the geometric mean and Pier's peak RSS. Mode "cold" empties Pier's cache
 * (CLEAR CACHE) before every run; "warm" does not. Every Pier result is checked against DuckDB's
 * (row count + values; numbers within 1e-9 relative, as DuckDB computes averages in doubles).
 */
import { join, resolve } from 'node:path';
import { compareResult } from './compare.mjs';
import { defaultDataDir, generate, loadDuckDB, loadTables, parseArgs, peakRss, pierClient, querySql, REPO, sfName, startPier, TABLES } from './common.mjs';

const args = parseArgs(process.argv.slice(2));
const sf = Number(args.sf ?? 1);
const runs = Math.max(1, Number(args.runs ?? 5));
const queries = typeof args.queries === 'string' ? args.queries.split(',').map(Number) : Array.from({ length: 22 }, (_, i) => i + 1);
const modes = typeof args.modes === 'string' ? args.modes.split(',') : ['cold', 'warm'];
const dataDir = resolve(typeof args.data === 'string' ? args.data : defaultDataDir(sf));
const warehouse = resolve(typeof args.warehouse === 'string' ? args.warehouse : join(REPO, '.tpch-data', `wh-${sfName(sf)}`));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const geomean = (xs) => (xs.length === 0 ? NaN : Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length));
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(3) : '-');
const mb = (b) => (b === null ? '?' : `${(b / 1024 / 1024).toFixed(0)} MB`);

generate(sf, dataDir);
console.log(`TPC-H SF${sf}: data ${dataDir}, warehouse ${warehouse}, runs ${runs}, queries ${queries.join(',')}`);

// DuckDB over the same files
const { DuckDBInstance } = await loadDuckDB();
const duck = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
for (const t of TABLES) await duck.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${join(dataDir, t, `${t}.parquet`).replaceAll("'", "''")}')`);
const duckRun = async (sql) => {
  const r = await duck.runAndReadAll(sql);
  return r.getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
};

const pier = await startPier(warehouse);
const client = await pierClient(pier.port);
let clearCache = true;
const clear = async () => {
  if (!clearCache) return;
  await client.query('CLEAR CACHE').catch((e) => {
    clearCache = false;
    console.log(`(CLEAR CACHE unavailable: ${e.message}; "cold" runs use the OS file cache only)`);
  });
};

try {
  await loadTables(client, dataDir);
  const duckTimes = new Map();
  const results = {};
  for (const mode of modes) {
    console.log(`\n== ${mode} ==`);
    console.log(`${'query'.padEnd(6)} ${'pier s'.padStart(9)} ${'duckdb s'.padStart(9)} ${'ratio'.padStart(8)}  check`);
    const ratios = [];
    const failed = [];
    for (const q of queries) {
      const name = `q${String(q).padStart(2, '0')}`;
      const sql = querySql(q);
      // DuckDB: once per query (its own caches are not ours to empty)
      if (!duckTimes.has(q)) {
        const expected = await duckRun(sql);
        const ts = [];
        for (let i = 0; i < runs; i++) {
          const s = performance.now();
          await duckRun(sql);
          ts.push((performance.now() - s) / 1000);
        }
        duckTimes.set(q, { median: median(ts), expected });
      }
      const d = duckTimes.get(q);
      let check = 'ok';
      const ts = [];
      try {
        if (mode === 'cold') await clear();
        const warm = await client.query({ text: sql, rowMode: 'array' });
        const diff = compareResult(q, d.expected, warm.rows, { numericLoose: true });
        if (diff !== null) check = `DIFFERS: ${diff}`.slice(0, 160);
        for (let i = 0; i < runs; i++) {
          if (mode === 'cold') await clear();
          const s = performance.now();
          await client.query({ text: sql, rowMode: 'array' });
          ts.push((performance.now() - s) / 1000);
        }
      } catch (e) {
        check = `ERROR ${e.code ?? ''} ${e.message}`.slice(0, 160);
      }
      const p = ts.length ? median(ts) : NaN;
      const ratio = p / d.median;
      if (Number.isFinite(ratio)) ratios.push(ratio);
      if (check !== 'ok') failed.push(name);
      console.log(`${name.padEnd(6)} ${fmt(p).padStart(9)} ${fmt(d.median).padStart(9)} ${(Number.isFinite(ratio) ? ratio.toFixed(1) + 'x' : '-').padStart(8)}  ${check}`);
    }
    const g = geomean(ratios);
    const rss = peakRss(pier.pid);
    console.log(`geometric mean ratio (${ratios.length} queries that ran): ${Number.isFinite(g) ? g.toFixed(2) : '-'}x; max ${ratios.length ? Math.max(...ratios).toFixed(1) : '-'}x; failed: ${failed.join(', ') || 'none'}; Pier peak RSS ${mb(rss)}`);
    results[mode] = { geomean: g, failed, peakRss: rss };
  }
  if (args.json) console.log(JSON.stringify(results));
} finally {
  await client.end().catch(() => {});
  await pier.stop();
}
