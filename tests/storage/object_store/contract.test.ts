/**
 * The ObjectStore contract (storage/object_store/store.ts), run against the local-disk store and against a
 * real S3 server (moto). S3-only behaviour (multipart, retries, the probe) is in s3_store.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { objectStoreForLocation, openObjectStore } from '../../../storage/object_store/open.js';
import { probePutIfAbsent } from '../../../storage/object_store/probe.js';
import { NotFoundError, type ObjectStore } from '../../../storage/object_store/store.js';
import { shareS3Settings } from '../../../storage/object_store/s3_settings.js';
import { HAVE_S3, S3_SKIP_MESSAGE, TEST_CREDENTIALS, startS3Server, type S3Server } from '../../support/s3.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function contract(name: string, open: () => Promise<ObjectStore>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    beforeAll(async () => { store = await open(); });

    it('put/get/head/delete; put overwrites; deleting a missing key is fine', async () => {
      await store.put('a/b/c.txt', enc('hello'));
      expect(dec(await store.get('a/b/c.txt'))).toBe('hello');
      const h = await store.head('a/b/c.txt');
      expect(h).toMatchObject({ path: 'a/b/c.txt', size: 5 });
      expect(h!.lastModified).toBeGreaterThan(Date.now() - 3_600_000);
      await store.put('a/b/c.txt', enc('bye'));
      expect(dec(await store.get('a/b/c.txt'))).toBe('bye');
      await store.delete('a/b/c.txt');
      expect(await store.head('a/b/c.txt')).toBeNull();
      await store.delete('a/b/c.txt');
    });

    it('missing keys: get/getRange throw NotFoundError, head is null', async () => {
      await expect(store.get('nope/x')).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.getRange('nope/x', 0, 4)).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.head('nope/x')).toBeNull();
    });

    it('getRange returns bytes [start, end), clipped at the end of the object', async () => {
      await store.put('r.bin', enc('0123456789'));
      expect(dec(await store.getRange('r.bin', 2, 5))).toBe('234');
      expect(dec(await store.getRange('r.bin', 7, 10))).toBe('789');
      expect(dec(await store.getRange('r.bin', 8, 20))).toBe('89');
      expect((await store.getRange('r.bin', 4, 4)).byteLength).toBe(0);
    });

    it('putIfAbsent: exactly one of many concurrent creators wins; the object is the winner\'s', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.putIfAbsent('log/00001.json', enc(`writer ${i}`))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(dec(await store.get('log/00001.json'))).toBe(`writer ${winner}`);
      expect(await store.putIfAbsent('log/00001.json', enc('late'))).toBe(false);
      expect(dec(await store.get('log/00001.json'))).toBe(`writer ${winner}`);
    });

    it('putIfAbsent stays atomic over many rounds of racing creators', async () => {
      for (let round = 0; round < 40; round++) {
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => store.putIfAbsent(`race/${round}`, enc(`w${i}`))));
        expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
      }
    });

    it('list(prefix) is recursive, sorted, and only under the prefix', async () => {
      for (const k of ['l/z.txt', 'l/a/2.txt', 'l/a/1.txt', 'l/b.txt', 'lx/other.txt']) await store.put(k, enc(k));
      expect((await store.list('l/')).map((m) => m.path)).toEqual(['l/a/1.txt', 'l/a/2.txt', 'l/b.txt', 'l/z.txt']);
      expect((await store.list('l/a/')).map((m) => [m.path, m.size])).toEqual([['l/a/1.txt', 9], ['l/a/2.txt', 9]]);
      expect(await store.list('none/')).toEqual([]);
    });

    it('the descriptor recreates an equivalent store', async () => {
      await store.put('d/k.txt', enc('same'));
      const again = openObjectStore(store.descriptor);
      expect(dec(await again.get('d/k.txt'))).toBe('same');
      expect(JSON.stringify(again.descriptor)).toBe(JSON.stringify(store.descriptor));
    });

    it('the startup probe proves put-if-absent and leaves nothing behind', async () => {
      expect(await probePutIfAbsent(store)).toEqual({ ok: true });
      expect(await store.list('_pier/')).toEqual([]);
    });
  });
}

const dirs: string[] = [];
contract('local disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pier-contract-'));
  dirs.push(dir);
  return new LocalObjectStore(dir);
});
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe.skipIf(!HAVE_S3)('S3 (moto)', () => {
  if (!HAVE_S3) it.skip(S3_SKIP_MESSAGE, () => undefined);
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server();
    // descriptors carry no secrets: a store recreated from one takes its credentials from the process settings
    shareS3Settings({ credentials: TEST_CREDENTIALS });
  });
  afterAll(async () => { await server?.stop(); });
  // a prefix inside the bucket, so that keys are relative to it
  contract('S3 under a prefix', async () => server.store(await server.createBucket(), 'ware/house'));

  it('objectStoreForLocation(s3://bucket/prefix) uses the process settings and shares one client per store', async () => {
    const bucket = await server.createBucket();
    await server.store(bucket, 'loc/x').put('k.txt', enc('via uri'));
    shareS3Settings({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS });
    const store = objectStoreForLocation(`s3://${bucket}/loc/x/`);
    expect(store.descriptor).toEqual({ kind: 's3', bucket, prefix: 'loc/x', endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true });
    expect(dec(await store.get('k.txt'))).toBe('via uri');
    expect(objectStoreForLocation(`s3://${bucket}/loc/x`)).toBe(store);
    expect(openObjectStore(store.descriptor)).toBe(store);
  });
});
