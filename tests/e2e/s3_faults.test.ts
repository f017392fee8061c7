/**
 * A fault-injecting proxy between Pier and S3 (500s, 503 SlowDown, delays, connection resets before and
 * after the request reached S3, cut bodies): statements succeed after retries or fail cleanly, and the
 * table is never corrupt or half-visible: every INSERT's rows are all there or none, the log has no gaps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, type PierProcess } from '../support/pier.js';
import { HAVE_S3, S3_SKIP_MESSAGE, startS3Server, type S3Server } from '../support/s3.js';
import { startFaultProxy, type FaultProxy } from '../support/fault_proxy.js';

const INSERTS = 12;
const ROWS = 25;

describe.skipIf(!HAVE_S3)('S3 warehouse behind a faulty network', () => {
  if (!HAVE_S3) it.skip(S3_SKIP_MESSAGE, () => undefined);
  let server: S3Server;
  let proxy: FaultProxy;
  let pier: PierProcess;
  beforeAll(async () => {
    server = await startS3Server();
    proxy = await startFaultProxy({ upstream: server.endpoint, delayMs: 150, seed: 2024 });
  });
  afterAll(async () => {
    await pier?.stop().catch(() => undefined);
    await proxy?.stop();
    await server?.stop();
  });

  it('INSERTs and SELECTs through 500s, SlowDown, delays and resets: all-or-nothing, never corrupt', async () => {
    const bucket = await server.createBucket();
    pier = await startPier({ warehouse: `s3://${bucket}/wh`, env: server.env(proxy.endpoint) });
    const c = await pier.client();
    await c.query('CREATE TABLE f (k int, v int)');
    proxy.setFaultRate(0.2);
    const ok: number[] = [];
    const failed: string[] = [];
    for (let k = 1; k <= INSERTS; k++) {
      try {
        await c.query(`INSERT INTO f SELECT ${k}, g FROM generate_series(1, ${ROWS}) g`);
        ok.push(k);
      } catch (e) {
        // a clean failure: an error response, the connection still usable
        failed.push(`${(e as { code?: string }).code}: ${(e as Error).message}`);
      }
      const r = await c.query('SELECT count(*) AS n FROM f').catch(() => null);
      if (r !== null) expect(Number(r.rows[0].n) % ROWS).toBe(0);
    }
    const faults = Object.entries(proxy.stats.faults).filter(([k, n]) => k !== 'none' && n > 0).map(([k]) => k);
    expect(faults.length).toBeGreaterThanOrEqual(4);
    proxy.setFaultRate(0);

    // retries make (nearly) every statement succeed; whatever failed failed cleanly
    expect(ok.length).toBeGreaterThanOrEqual(INSERTS - 2);
    const per = await c.query('SELECT k, count(*) AS n, sum(v) AS s FROM f GROUP BY k ORDER BY k');
    for (const row of per.rows as { k: string; n: string; s: string }[]) {
      expect(row.n).toBe(String(ROWS));
      expect(row.s).toBe(String((ROWS * (ROWS + 1)) / 2));
    }
    const present = per.rows.map((r: { k: string }) => Number(r.k));
    for (const k of ok) expect(present).toContain(k);
    // the log: version 0 (CREATE) + one commit per visible INSERT, contiguous
    const log = (await server.store(bucket, 'wh').list('public/f/_delta_log/')).map((m) => m.path).filter((p) => p.endsWith('.json'));
    expect(log).toEqual(Array.from({ length: present.length + 1 }, (_, v) => `public/f/_delta_log/${String(v).padStart(20, '0')}.json`));
    await c.end();
  });
});
