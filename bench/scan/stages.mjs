// CPU time per stage of the scan and write paths over one Parquet file, in-process (no server):
// decode (parquet-wasm → Arrow), Arrow → Batch, Batch → Arrow, Parquet encode, Delta stats.
// usage: node bench/scan/stages.mjs <dist dir> <parquet file> [column,column…]
// CPU time (user+system of this process) is reported beside wall time: the machine may be shared.
import { resolve } from 'node:path';
const dist = resolve(process.argv[2] ?? 'dist');
const file = process.argv[3] ?? '/work/shared/tpch/sf0.1/lineitem/lineitem.parquet';
const only = process.argv[4] ? process.argv[4].split(',') : undefined;
const { objectStoreForLocation } = await import(`${dist}/storage/object_store/open.js`);
const { ParquetReader } = await import(`${dist}/storage/parquet/read.js`);
const { batchFromArrow } = await import(`${dist}/executor/arrow/from_arrow.js`);
const { tableFromBatches } = await import(`${dist}/executor/arrow/to_arrow.js`);
const { writeParquetBytes } = await import(`${dist}/storage/parquet/write.js`);
const { computeStats } = await import(`${dist}/storage/delta/stats.js`);
const { fieldsFromArrowSchema } = await import(`${dist}/executor/arrow/schema.js`).catch(() => ({}));

const times = {};
async function stage(name, f) {
  const c0 = process.cpuUsage(); const w0 = performance.now();
  const r = await f();
  const c = process.cpuUsage(c0);
  const t = (times[name] ??= { cpu: 0, wall: 0 });
  t.cpu += (c.user + c.system) / 1000; t.wall += performance.now() - w0;
  return r;
}
const dir = file.slice(0, file.lastIndexOf('/'));
const store = objectStoreForLocation(dir);
const name = file.slice(file.lastIndexOf('/') + 1);
const reader = await ParquetReader.open(store, name);
const schema = await reader.schema();
const fields = fieldsFromArrowSchema ? fieldsFromArrowSchema(schema) : null;
const cols = only ?? reader.meta.columnNames;
const fs = fields.filter((f) => cols.includes(f.name));
const batches = [];
for (let rg = 0; rg < reader.meta.rowGroups.length; rg++) {
  const t = await stage('decode', () => reader.readRowGroup(rg, cols));
  batches.push(await stage('arrow→batch', () => batchFromArrow(t, fs)));
}
reader.close();
const table = await stage('batch→arrow', () => tableFromBatches(batches, fs));
const bytes = await stage('parquet encode', () => writeParquetBytes(table));
await stage('stats', () => computeStats(table, fs.map((f) => f.name)));
console.log(`${batches.reduce((s, b) => s + b.length, 0)} rows, ${cols.length} columns, ${reader.meta.rowGroups.length} row groups, ${bytes.length} bytes written`);
for (const [k, v] of Object.entries(times)) console.log(`${k.padEnd(16)} cpu ${v.cpu.toFixed(0).padStart(6)} ms  wall ${v.wall.toFixed(0).padStart(6)} ms`);
