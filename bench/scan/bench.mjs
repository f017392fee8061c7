// Scan I/O and throughput on S3 vs local disk, in-process (no server, no worker threads, so every request is
// counted): builds a table of sorted ids in several files, then runs a selective query (an id range: file
// and row-group pruning by min/max) and a full scan, and reports requests, bytes read vs the table size, time
// and throughput.
// usage: npm run bench:scan -- --store s3|local [--rows N] [--files N] [--endpoint URL] [--dist DIR]
//   --store s3 without --endpoint starts moto (from .venv-test) on a free port; with --endpoint it uses that
//   S3-compatible server (credentials: PIER_S3_* / AWS_* / the AWS default chain; the bucket is created).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : def;
};
const kind = opt('store', 'local');
const rows = Number(opt('rows', '1000000'));
const files = Number(opt('files', '8'));
const repo = resolve(import.meta.dirname, '../..');
const dist = resolve(opt('dist', join(repo, 'dist')));
if (kind !== 's3' && kind !== 'local') throw new Error(`--store must be s3 or local, got ${kind}`);

const { DeltaCatalog } = await import(`${dist}/catalog/delta_catalog.js`);
const { createWorkerPool } = await import(`${dist}/executor/pool.js`);
const { createSessionFactory } = await import(`${dist}/server/session/engine.js`);
const { LocalObjectStore } = await import(`${dist}/storage/object_store/local.js`);
const { S3ObjectStore } = await import(`${dist}/storage/object_store/s3.js`);
const { S3_TOTALS, resetS3Counters } = await import(`${dist}/storage/object_store/s3_counters.js`);
const { shareS3Settings } = await import(`${dist}/storage/object_store/s3_settings.js`);

const cleanups = [];
let store;
if (kind === 'local') {
  const dir = mkdtempSync(join(tmpdir(), 'pier-bench-scan-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  store = new LocalObjectStore(dir);
} else {
  let endpoint = opt('endpoint', process.env.PIER_S3_ENDPOINT);
  if (endpoint === undefined) {
    const port = await new Promise((res) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
    const moto = spawn(join(repo, '.venv-test/bin/python'), [join(repo, 'tests/support/moto_serial.py'), '127.0.0.1', String(port)], { stdio: 'ignore' });
    cleanups.push(() => moto.kill('SIGTERM'));
    endpoint = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try { await fetch(`${endpoint}/moto-api/`); break; } catch { if (i > 300) throw new Error('moto did not start'); await new Promise((r) => setTimeout(r, 100)); }
    }
    shareS3Settings({ credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, region: 'us-east-1' });
    console.log(`moto (one request at a time) on ${endpoint}`);
  }
  const bucket = `pier-bench-${Date.now()}`;
  const { S3Client, CreateBucketCommand } = await import('@aws-sdk/client-s3');
  store = new S3ObjectStore({ bucket, prefix: 'wh', endpoint, forcePathStyle: true });
  const admin = new S3Client({ endpoint, region: store.descriptor.region, forcePathStyle: true, ...(process.env.PIER_S3_ACCESS_KEY_ID ? { credentials: { accessKeyId: process.env.PIER_S3_ACCESS_KEY_ID, secretAccessKey: process.env.PIER_S3_SECRET_ACCESS_KEY } } : {}) });
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  admin.destroy();
}

// local reads are counted by wrapping the store class's read methods (S3 stores count their own requests)
const local = { requests: 0, bytesRead: 0 };
for (const m of ['get', 'getRange', 'head', 'list']) {
  const orig = LocalObjectStore.prototype[m];
  LocalObjectStore.prototype[m] = async function (...a) {
    local.requests++;
    const r = await orig.apply(this, a);
    if (r instanceof Uint8Array) local.bytesRead += r.byteLength;
    return r;
  };
}
const counters = () => (kind === 's3' ? { requests: S3_TOTALS.requests, bytes: S3_TOTALS.bytesRead } : { requests: local.requests, bytes: local.bytesRead });
const reset = () => { resetS3Counters(); local.requests = 0; local.bytesRead = 0; };

const pool = createWorkerPool({ threads: 0, cacheMaxBytes: 0 });
const factory = createSessionFactory({ catalog: new DeltaCatalog(store), pool, database: 'pier', parallelism: 1 });
const session = await factory.create({ user: 'pier', database: 'pier', applicationName: 'bench', options: {} });
async function sql(text) {
  const out = [];
  for (const st of await session.prepare(text, [], false)) {
    const ex = await st.execute([], new AbortController().signal);
    for (let b = await ex.next(); b !== null; b = await ex.next()) out.push(b);
  }
  return out;
}

console.log(`building ${rows} rows in ${files} files on ${kind} …`);
await sql('CREATE TABLE scan_bench (id bigint, grp int, amount double precision, note text)');
const per = Math.ceil(rows / files);
for (let f = 0; f < files; f++) {
  const lo = f * per + 1, hi = Math.min(rows, (f + 1) * per);
  await sql(`INSERT INTO scan_bench SELECT g, g % 97, g * 0.25, 'note ' || (g % 1000) FROM generate_series(${lo}, ${hi}) g`);
}
const dataFiles = (await store.list('public/scan_bench/')).filter((m) => m.path.endsWith('.parquet'));
const tableBytes = dataFiles.reduce((s, m) => s + m.size, 0);

async function measure(label, text) {
  reset();
  const t0 = performance.now();
  await sql(text);
  const ms = performance.now() - t0;
  const c = counters();
  return { label, ms, ...c };
}
const mid = Math.floor(rows / 2);
const results = [
  await measure('selective (0.1% of ids)', `SELECT count(*), sum(amount) FROM scan_bench WHERE id BETWEEN ${mid} AND ${mid + Math.floor(rows / 1000)}`),
  await measure('one column, all rows', 'SELECT sum(amount) FROM scan_bench'),
  await measure('all columns, all rows', 'SELECT count(*), sum(id), sum(grp), sum(amount), max(note) FROM scan_bench'),
];
const mb = (b) => (b / 1048576).toFixed(2);
console.log(`\nstore ${kind}: table ${rows} rows, ${dataFiles.length} files, ${mb(tableBytes)} MiB`);
console.log('query                      requests   MiB read  % of table      ms   MiB/s   Mrows/s');
for (const r of results) {
  console.log(`${r.label.padEnd(26)} ${String(r.requests).padStart(8)} ${mb(r.bytes).padStart(10)} ${((100 * r.bytes) / tableBytes).toFixed(2).padStart(10)}% ${r.ms.toFixed(0).padStart(7)} ${(r.bytes / 1048576 / (r.ms / 1000)).toFixed(1).padStart(7)} ${(rows / 1e6 / (r.ms / 1000)).toFixed(2).padStart(9)}`);
}
await pool.close();
store.destroy?.();
for (const c of cleanups) c();
