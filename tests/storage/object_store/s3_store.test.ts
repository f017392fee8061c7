/**
 * S3ObjectStore against a real S3 server (moto): conditional creates, multipart uploads, retries through a
 * fault-injecting proxy, the startup probe against a store that ignores If-None-Match, no secrets in
 * descriptors.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probePutIfAbsent } from '../../../storage/object_store/probe.js';
import { DEFAULT_RETRY_POLICY, backoffDelay, isRetryable } from '../../../storage/object_store/retry.js';
import { parseS3Uri } from '../../../storage/object_store/s3_settings.js';
import { HAVE_MOTO, HAVE_S3, S3_SKIP_MESSAGE, TEST_CREDENTIALS, TEST_REGION, startS3Server, type S3Server } from '../../support/s3.js';
import { startFaultProxy, type FaultProxy } from '../../support/fault_proxy.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const fast = { retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 50 }, requestTimeoutMs: 2000 };

describe('retry policy and S3 URIs', () => {
  it('classifies throttling, 5xx and dropped connections as retryable, client errors not', () => {
    expect(isRetryable({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isRetryable({ name: 'InternalError', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isRetryable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(new Error('socket hang up'))).toBe(true);
    expect(isRetryable({ name: 'TimeoutError', message: 'Connection timed out after 2000 ms' })).toBe(true);
    expect(isRetryable({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } })).toBe(false);
    expect(isRetryable({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } })).toBe(false);
    expect(isRetryable({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false);
  });

  it('backs off exponentially with jitter, capped', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect(backoffDelay(p, 1, () => 0)).toBe(p.baseDelayMs / 2);
    expect(backoffDelay(p, 1, () => 0.999)).toBeLessThanOrEqual(p.baseDelayMs);
    expect(backoffDelay(p, 4, () => 0)).toBe((p.baseDelayMs * 8) / 2);
    expect(backoffDelay(p, 40, () => 0.999)).toBeLessThanOrEqual(p.maxDelayMs);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(p, 3)));
    expect(spread.size).toBeGreaterThan(1);
  });

  it('parses s3:// and s3a:// locations', () => {
    expect(parseS3Uri('s3://bucket')).toEqual({ bucket: 'bucket', prefix: '' });
    expect(parseS3Uri('s3://bucket/a/b/')).toEqual({ bucket: 'bucket', prefix: 'a/b' });
    expect(parseS3Uri('s3a://bucket//x')).toEqual({ bucket: 'bucket', prefix: 'x' });
    expect(() => parseS3Uri('http://bucket/x')).toThrow(/not an S3 location/);
  });
});

describe.skipIf(!HAVE_S3)('S3ObjectStore on moto', () => {
  if (!HAVE_S3) it.skip(S3_SKIP_MESSAGE, () => undefined);
  let server: S3Server;
  let bucket: string;
  const proxies: FaultProxy[] = [];
  beforeAll(async () => {
    server = await startS3Server();
    bucket = await server.createBucket();
  });
  afterAll(async () => {
    for (const p of proxies) await p.stop();
    await server?.stop();
  });

  it('the server refuses a second conditional create (If-None-Match: *) with 412', async () => {
    const client = new S3Client({ endpoint: server.endpoint, region: TEST_REGION, forcePathStyle: true, credentials: TEST_CREDENTIALS });
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'cond/k', Body: 'first', IfNoneMatch: '*' }));
    const err = await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'cond/k', Body: 'second', IfNoneMatch: '*' })).catch((e: unknown) => e);
    expect((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(412);
    client.destroy();
    expect(dec(await server.store(bucket).get('cond/k'))).toBe('first');
  });

  it('descriptors hold no secrets', () => {
    const store = server.store(bucket, 'p');
    const text = JSON.stringify(store.descriptor);
    expect(text).not.toContain(TEST_CREDENTIALS.secretAccessKey);
    expect(text).not.toContain(TEST_CREDENTIALS.accessKeyId);
    expect(store.descriptor).toEqual({ kind: 's3', bucket, prefix: 'p', endpoint: server.endpoint, region: TEST_REGION, forcePathStyle: true });
  });

  it('uploads big objects in parts and reads ranges of them', async () => {
    const store = server.store(bucket, 'big', { multipartThreshold: 6 * 1024 * 1024, partSize: 5 * 1024 * 1024 });
    const data = new Uint8Array(12 * 1024 * 1024 + 123);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 12)) & 0xff;
    await store.put('f.bin', data);
    // create + 3 parts + complete
    expect(store.counters.requestsByKind.put).toBe(5);
    expect((await store.head('f.bin'))?.size).toBe(data.length);
    const mid = await store.getRange('f.bin', 5 * 1024 * 1024 - 10, 5 * 1024 * 1024 + 10);
    expect([...mid]).toEqual([...data.subarray(5 * 1024 * 1024 - 10, 5 * 1024 * 1024 + 10)]);
    const all = await store.get('f.bin');
    expect(all.length).toBe(data.length);
    expect(Buffer.from(all).equals(Buffer.from(data))).toBe(true);
  });

  it('retries 500s, 503 SlowDown, delays, resets and cut bodies until requests succeed', async () => {
    const proxy = await startFaultProxy({ upstream: server.endpoint, faultRate: 0.4, delayMs: 50, seed: 7 });
    proxies.push(proxy);
    const store = server.store(bucket, 'faulty', { ...fast, endpoint: proxy.endpoint });
    for (let i = 0; i < 15; i++) await store.put(`k/${String(i).padStart(2, '0')}`, enc(`value ${i}`));
    for (let i = 0; i < 15; i++) expect(dec(await store.get(`k/${String(i).padStart(2, '0')}`))).toBe(`value ${i}`);
    expect((await store.list('k/')).map((m) => m.path)).toEqual(Array.from({ length: 15 }, (_, i) => `k/${String(i).padStart(2, '0')}`));
    expect(dec(await store.getRange('k/03', 0, 5))).toBe('value');
    expect(store.counters.retries).toBeGreaterThan(0);
    const kinds = Object.entries(proxy.stats.faults).filter(([k, n]) => k !== 'none' && n > 0).map(([k]) => k);
    expect(kinds.length).toBeGreaterThanOrEqual(4);
  });

  it('putIfAbsent whose response is lost still reports its own create as won, and a rival as lost', async () => {
    const proxy = await startFaultProxy({ upstream: server.endpoint });
    proxies.push(proxy);
    const store = server.store(bucket, 'lost', { ...fast, endpoint: proxy.endpoint });
    const direct = server.store(bucket, 'lost');
    // attempt 1 lands but its response is dropped; attempt 2 gets 412; the object holds our bytes → true
    proxy.queue('resetAfterForward');
    expect(await store.putIfAbsent('c/0001.json', enc('mine'))).toBe(true);
    expect(proxy.stats.faults.resetAfterForward).toBe(1);
    expect(store.counters.retries).toBe(1);
    expect(dec(await direct.get('c/0001.json'))).toBe('mine');
    // a rival whose first attempt is lost the same way still loses
    proxy.queue('resetAfterForward');
    expect(await store.putIfAbsent('c/0001.json', enc('rival'))).toBe(false);
    expect(dec(await direct.get('c/0001.json'))).toBe('mine');
  });

  it('serves immutable Delta log files again only while a listing shows the same object', async () => {
    const store = server.store(bucket, 'logcache');
    const key = 't/_delta_log/00000000000000000000.json';
    await store.putIfAbsent(key, enc('{"v":0}'));
    await store.list('t/_delta_log/');
    expect(dec(await store.get(key))).toBe('{"v":0}');
    const gets = store.counters.requestsByKind.get;
    await store.list('t/_delta_log/');
    expect(dec(await store.get(key))).toBe('{"v":0}');
    expect(store.counters.requestsByKind.get).toBe(gets);
    // the table is dropped and re-created by another process: the listing shows a new object
    const other = server.store(bucket, 'logcache');
    await other.delete(key);
    await other.putIfAbsent(key, enc('{"v":"recreated"}'));
    await store.list('t/_delta_log/');
    expect(dec(await store.get(key))).toBe('{"v":"recreated"}');
    // mutable files are never cached
    await store.put('t/_delta_log/_last_checkpoint', enc('a'));
    await store.list('t/_delta_log/');
    await store.get('t/_delta_log/_last_checkpoint');
    await store.put('t/_delta_log/_last_checkpoint', enc('b'));
    expect(dec(await store.get('t/_delta_log/_last_checkpoint'))).toBe('b');
  });

  it('lists page by page (continuation tokens), keys relative to the store prefix, sorted', async () => {
    const store = server.store(bucket, 'pages', { listPageSize: 3 });
    const keys = Array.from({ length: 10 }, (_, i) => `d/${String(9 - i)}.txt`);
    for (const k of keys) await store.put(k, enc(k));
    const before = store.counters.requestsByKind.list;
    expect((await store.list('d/')).map((m) => m.path)).toEqual([...keys].sort());
    expect(store.counters.requestsByKind.list - before).toBe(4);
  });

  it('fails cleanly (no endless retries) on errors that are not transient', async () => {
    const store = server.store('no-such-bucket-pier', '', fast);
    await expect(store.put('x', enc('1'))).rejects.toThrow();
    expect(store.counters.retries).toBe(0);
  });

  it.skipIf(!HAVE_MOTO)('the startup probe refuses a store that ignores If-None-Match', async () => {
    // stripping a signed header needs a server that does not check signatures: moto
    const moto = server.kind === 'moto' ? server : await startS3Server({ kind: 'moto' });
    try {
      const motoBucket = moto === server ? bucket : await moto.createBucket();
      const proxy = await startFaultProxy({ upstream: moto.endpoint, stripIfNoneMatch: true });
      proxies.push(proxy);
      const store = moto.store(motoBucket, 'probe', { ...fast, endpoint: proxy.endpoint });
      const res = await probePutIfAbsent(store);
      expect(res.ok).toBe(false);
      expect(res.ok ? '' : res.reason).toMatch(/second conditional create .* was accepted/);
      expect(await probePutIfAbsent(moto.store(motoBucket, 'probe'))).toEqual({ ok: true });
    } finally {
      if (moto !== server) await moto.stop();
    }
  });
});
