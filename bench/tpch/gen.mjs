// @ts-check
/**
 * npm run tpch:gen -- --sf 1 [--out DIR] [--warehouse DIR]
 *
 * Writes the 8 TPC-H tables as ZSTD Parquet (Python duckdb==1.5.5 + duckdb-extension-tpch in .venv-bench,
 * created on first use) into DIR (default .tpch-data/sf<N>), then, with --warehouse, loads them into that
 * Pier warehouse with CREATE TABLE … AS SELECT * FROM read_parquet(…) (a server is started for it).
 */
import { join, resolve } from 'node:path';
import { generate, loadTables, parseArgs, pierClient, REPO, sfName, startPier } from './common.mjs';

const args = parseArgs(process.argv.slice(2));
const sf = Number(args.sf ?? 1);
if (!(sf > 0)) throw new Error('--sf must be a positive number');
const out = resolve(typeof args.out === 'string' ? args.out : join(REPO, '.tpch-data', sfName(sf)));
generate(sf, out);
console.log(`TPC-H SF${sf} Parquet in ${out}`);
if (typeof args.warehouse === 'string') {
  const pier = await startPier(resolve(args.warehouse));
  try {
    const c = await pierClient(pier.port);
    await loadTables(c, out);
    await c.end();
  } finally {
    await pier.stop();
  }
  console.log(`loaded into the Pier warehouse ${resolve(args.warehouse)}`);
}
