/**
 * The admin HTTP API through a real server: bearer-token auth, 400s for bad bodies, table list / detail /
 * history, OPTIMIZE and VACUUM jobs (progress, result, cancel), the OpenAPI document, /metrics after queries,
 * and auto-compaction after INSERTs.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';

const TOKEN = 'test-token-123';
let pier: PierProcess;
let client: pg.Client;
let base: string;

async function api(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token !== null ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text };
}

async function waitJob(id: string): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const r = await api('GET', `/api/v1/jobs/${id}`);
    expect(r.status).toBe(200);
    if (r.json.status !== 'running') return r.json;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

beforeAll(async () => {
  // `--admin-port 0` turns the API off: ask the OS for a free port and pass it (the later flag wins)
  const port = await new Promise<number>((res) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => res(p));
    });
  });
  pier = await startPier({ env: { PIER_ADMIN_TOKEN: TOKEN }, args: ['--workers', '1', '--admin-port', String(port)] });
  let m: RegExpExecArray | null = null;
  for (let i = 0; i < 100 && m === null; i++) {
    m = /admin API on (http:\/\/[^\s]+)/.exec(pier.log());
    if (m === null) await new Promise((res) => setTimeout(res, 20));
  }
  base = m![1]!;
  client = await pier.client();
  await client.query('CREATE SCHEMA s');
  await client.query('CREATE TABLE s.ev (id int, a int, b text, day date) PARTITIONED BY (day)');
  for (let i = 0; i < 3; i++) await client.query(`INSERT INTO s.ev VALUES (${i}, ${i * 10}, 'x${i}', '2024-01-0${1 + (i % 2)}'), (${i + 10}, ${i}, 'y', '2024-01-01')`);
}, 60_000);

afterAll(async () => {
  await client?.end();
  await pier?.stop();
});

describe('admin API', () => {
  it('keeps /health, /metrics and the OpenAPI document open and the rest behind the bearer token', async () => {
    expect((await api('GET', '/health', undefined, null)).status).toBe(200);
    expect((await api('GET', '/metrics', undefined, null)).status).toBe(200);
    expect((await api('GET', '/api/v1/openapi.json', undefined, null)).status).toBe(200);
    const none = await api('GET', '/api/v1/tables', undefined, null);
    expect(none.status).toBe(401);
    expect(none.json.message).toMatch(/bearer token/);
    expect((await api('GET', '/api/v1/tables', undefined, 'wrong')).status).toBe(401);
    const ok = await api('GET', '/api/v1/tables');
    expect(ok.status).toBe(200);
    expect(ok.json.tables).toContainEqual(expect.objectContaining({ schema: 's', name: 'ev' }));
  });

  it('shows table detail and history, 404 for a missing table', async () => {
    const d = await api('GET', '/api/v1/tables/s/ev');
    expect(d.status).toBe(200);
    expect(d.json).toMatchObject({ schema: 's', name: 'ev', format: 'delta', version: 3, numFiles: 4, partitionColumns: ['day'] });
    const h = await api('GET', '/api/v1/tables/s/ev/history?limit=2');
    expect(h.status).toBe(200);
    expect(h.json.history.map((x: any) => x.version)).toEqual([3, 2]);
    expect(h.json.history[0].operation).toBe('WRITE');
    expect((await api('GET', '/api/v1/tables/s/nope')).status).toBe(404);
    expect((await api('GET', '/api/v1/tables/s/ev/history?limit=0')).status).toBe(400);
  });

  it('answers 400 with a message for bad bodies and bad OPTIMIZE requests', async () => {
    const wrongType = await api('POST', '/api/v1/tables/s/ev/optimize', { zorderBy: 'a' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.message).toMatch(/zorderBy/);
    const extra = await api('POST', '/api/v1/tables/s/ev/optimize', { zorder: ['a'] });
    expect(extra.status).toBe(400);
    expect(extra.json.message).toMatch(/additional properties/);
    const badVacuum = await api('POST', '/api/v1/tables/s/ev/vacuum', { retainHours: 'soon' });
    expect(badVacuum.status).toBe(400);
    const nonPartition = await api('POST', '/api/v1/tables/s/ev/optimize', { where: 'id = 1' });
    expect(nonPartition.status).toBe(400);
    expect(nonPartition.json.message).toContain("Predicate references non-partition column 'id'");
    const syntax = await api('POST', '/api/v1/tables/s/ev/optimize', { where: 'day = ' });
    expect(syntax.status).toBe(400);
  });

  it('runs OPTIMIZE and VACUUM as jobs with progress and results; cancel of unknown jobs is 404', async () => {
    const start = await api('POST', '/api/v1/tables/s/ev/optimize', { where: "day = '2024-01-01'", zorderBy: ['a', 'b'] });
    expect(start.status).toBe(202);
    expect(start.json.status).toBe('running');
    const done = await waitJob(start.json.id);
    expect(done.status).toBe('succeeded');
    expect(done.progress.done).toBe(done.progress.total);
    expect(done.progress.total).toBe(3);
    expect(done.result.metrics).toMatchObject({ numFilesRemoved: 3, numFilesAdded: 1, partitionsOptimized: 1 });
    const { rows } = await client.query('SELECT count(*) AS n FROM s.ev');
    expect(rows[0].n).toBe('6');
    const h = await api('GET', '/api/v1/tables/s/ev/history?limit=1');
    expect(h.json.history[0]).toMatchObject({ operation: 'OPTIMIZE', operationParameters: { predicate: `["day = '2024-01-01'"]`, zOrderBy: '["a","b"]' } });

    const refused = await waitJob((await api('POST', '/api/v1/tables/s/ev/vacuum', { retainHours: 1 })).json.id);
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/retentionDurationCheck/);

    const dry = await waitJob((await api('POST', '/api/v1/tables/s/ev/vacuum', { retainHours: 0, retentionCheck: false, dryRun: true })).json.id);
    expect(dry.status).toBe('succeeded');
    expect(dry.result.numFiles).toBe(3);
    const real = await waitJob((await api('POST', '/api/v1/tables/s/ev/vacuum', { retainHours: 0, retentionCheck: false })).json.id);
    expect(real.result.numDeletedFiles).toBe(3);
    expect((await client.query('SELECT count(*) AS n FROM s.ev')).rows[0].n).toBe('6');

    expect((await api('DELETE', '/api/v1/jobs/nope')).status).toBe(404);
    const cancelDone = await api('POST', `/api/v1/jobs/${real.id}/cancel`);
    expect(cancelDone.status).toBe(202);
    expect(cancelDone.json.status).toBe('succeeded');
    const list = await api('GET', '/api/v1/jobs');
    expect(list.json.jobs.length).toBeGreaterThanOrEqual(4);
  });

  it('returns OPTIMIZE metrics through SQL (path, metrics JSON) and VACUUM DRY RUN paths', async () => {
    await client.query('CREATE TABLE s.sq (k int)');
    await client.query('INSERT INTO s.sq VALUES (1)');
    await client.query('INSERT INTO s.sq VALUES (2)');
    const r = await client.query('OPTIMIZE s.sq');
    expect(r.fields.map((f) => f.name)).toEqual(['path', 'metrics']);
    expect(r.rows[0].path).toMatch(/^file:\/\/.*\/s\/sq$/);
    const m = JSON.parse(r.rows[0].metrics);
    expect(m).toMatchObject({ numFilesAdded: 1, numFilesRemoved: 2, numBatches: 1, totalConsideredFiles: 2, zOrderStats: null });
    expect(m.filesRemoved.totalFiles).toBe(2);
    await client.query('SET spark.databricks.delta.retentionDurationCheck.enabled = false');
    const dry = await client.query('VACUUM s.sq RETAIN 0 HOURS DRY RUN');
    expect(dry.rows.length).toBe(2);
    for (const row of dry.rows) expect(row.path).toMatch(/^file:\/\/.*\/s\/sq\/part-.*\.parquet$/);
    await client.query('RESET spark.databricks.delta.retentionDurationCheck.enabled');
  });

  it('publishes an OpenAPI document listing every route', async () => {
    const r = await api('GET', '/api/v1/openapi.json', undefined, null);
    expect(r.json.openapi).toMatch(/^3\./);
    const paths = r.json.paths;
    for (const [p, m] of [
      ['/health', 'get'], ['/metrics', 'get'], ['/api/v1/tables', 'get'], ['/api/v1/tables/{schema}/{table}', 'get'],
      ['/api/v1/tables/{schema}/{table}/history', 'get'], ['/api/v1/tables/{schema}/{table}/optimize', 'post'],
      ['/api/v1/tables/{schema}/{table}/vacuum', 'post'], ['/api/v1/jobs', 'get'], ['/api/v1/jobs/{id}', 'get'],
      ['/api/v1/jobs/{id}', 'delete'], ['/api/v1/jobs/{id}/cancel', 'post'],
    ] as const) expect(paths[p]?.[m], `${m} ${p}`).toBeDefined();
    expect(paths['/api/v1/tables/{schema}/{table}/optimize'].post.requestBody.content['application/json'].schema.properties.zorderBy.type).toBe('array');
  });

  it('exposes the metric families after queries', async () => {
    await client.query("SELECT count(*) FROM s.ev WHERE day = '2024-01-02'");
    await client.query('SELECT * FROM nosuch').catch(() => undefined);
    const text = (await api('GET', '/metrics', undefined, null)).text;
    for (const family of ['pier_statements_total', 'pier_statement_duration_seconds', 'pier_scan_rows_total', 'pier_scan_bytes_total',
      'pier_scan_files_read_total', 'pier_scan_files_skipped_total', 'pier_commits_total', 'pier_commit_retries_total',
      'pier_commit_conflicts_total', 'pier_worker_pool_threads', 'pier_memory_bytes', 'pier_table_files', 'pier_maintenance_jobs_total']) {
      expect(text, family).toContain(`# TYPE ${family} `);
    }
    expect(text).toMatch(/pier_statements_total\{kind="Select",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/pier_statements_total\{kind="Select",outcome="error"\} [1-9]/);
    expect(text).toMatch(/pier_commits_total\{operation="OPTIMIZE"\} [1-9]/);
    expect(text).toMatch(/pier_table_files\{schema="s",table="ev"\} 2/);
    expect(text).toMatch(/pier_scan_files_skipped_total [1-9]/);
  });

  it('compacts small files in the background after INSERTs when delta.autoOptimize.autoCompact is on', async () => {
    await client.query("CREATE TABLE s.auto (k int) TBLPROPERTIES ('delta.autoOptimize.autoCompact' = 'true', 'pier.autoCompact.minNumFiles' = '3')");
    for (let i = 0; i < 3; i++) await client.query(`INSERT INTO s.auto VALUES (${i})`);
    let numFiles = -1;
    for (let i = 0; i < 100 && numFiles !== 1; i++) {
      numFiles = (await api('GET', '/api/v1/tables/s/auto')).json.numFiles;
      if (numFiles !== 1) await new Promise((res) => setTimeout(res, 50));
    }
    expect(numFiles).toBe(1);
    const h = await api('GET', '/api/v1/tables/s/auto/history?limit=1');
    expect(h.json.history[0]).toMatchObject({ operation: 'OPTIMIZE', operationParameters: { auto: 'true' } });
    expect((await client.query('SELECT sum(k) AS s FROM s.auto')).rows[0].s).toBe('3');
  });
});
