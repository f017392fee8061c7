import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { openObjectStore } from '../../../storage/object_store/open.js';
import { NotFoundError } from '../../../storage/object_store/store.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('LocalObjectStore', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pier-os-'));
    store = new LocalObjectStore(root);
  });
  afterEach(async () => { await rm(root, { recursive: true, force: true }); });

  it('put/get/head/delete, creating parent folders', async () => {
    await store.put('a/b/c.txt', enc('hello'));
    expect(dec(await store.get('a/b/c.txt'))).toBe('hello');
    const h = await store.head('a/b/c.txt');
    expect(h?.size).toBe(5);
    expect(h?.path).toBe('a/b/c.txt');
    await store.put('a/b/c.txt', enc('bye'));
    expect(dec(await store.get('a/b/c.txt'))).toBe('bye');
    await store.delete('a/b/c.txt');
    expect(await store.head('a/b/c.txt')).toBeNull();
    await store.delete('a/b/c.txt'); // missing: not an error
  });

  it('missing objects throw NotFoundError', async () => {
    await expect(store.get('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.getRange('nope', 0, 1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('getRange returns [start, end)', async () => {
    await store.put('r.bin', enc('0123456789'));
    expect(dec(await store.getRange('r.bin', 2, 5))).toBe('234');
    expect(dec(await store.getRange('r.bin', 7, 10))).toBe('789');
  });

  it('openRanges reads many ranges through one handle, and keeps reading a file deleted meanwhile (VACUUM during a scan)', async () => {
    await store.put('d/part-0.parquet', enc('0123456789abcdef'));
    const r = await store.openRanges('d/part-0.parquet');
    try {
      expect(dec(await r.read(0, 4))).toBe('0123');
      expect(dec(await r.read(10, 16))).toBe('abcdef');
      await store.delete('d/part-0.parquet');
      expect(await store.head('d/part-0.parquet')).toBeNull();
      expect(dec(await r.read(4, 10))).toBe('456789');
      expect(dec(await r.read(12, 99))).toBe('cdef'); // past the end: what there is
    } finally {
      await r.close();
    }
    await expect(store.openRanges('d/missing.parquet')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('putIfAbsent refuses an existing key and leaves no temp files', async () => {
    expect(await store.putIfAbsent('log/0.json', enc('first'))).toBe(true);
    expect(await store.putIfAbsent('log/0.json', enc('second'))).toBe(false);
    expect(dec(await store.get('log/0.json'))).toBe('first');
    expect(await readdir(path.join(root, 'log'))).toEqual(['0.json']);
  });

  it('concurrent putIfAbsent: exactly one winner', async () => {
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => store.putIfAbsent('k/x.json', enc(`writer ${i}`))));
    expect(results.filter((r) => r)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(dec(await store.get('k/x.json'))).toBe(`writer ${winner}`);
    expect(await readdir(path.join(root, 'k'))).toEqual(['x.json']);
  });

  it('list is recursive, prefix-filtered and sorted by key', async () => {
    for (const k of ['t/b/2', 't/a/1', 't/a/10', 't/c', 'tz/x', 'u/y']) await store.put(k, enc(k));
    expect((await store.list('t/')).map((m) => m.path)).toEqual(['t/a/1', 't/a/10', 't/b/2', 't/c']);
    expect((await store.list('t')).map((m) => m.path)).toEqual(['t/a/1', 't/a/10', 't/b/2', 't/c', 'tz/x']);
    expect((await store.list('t/a/1')).map((m) => m.path)).toEqual(['t/a/1', 't/a/10']);
    expect((await store.list('')).length).toBe(6);
    expect(await store.list('missing/')).toEqual([]);
  });

  it('openObjectStore recreates a store from its descriptor', async () => {
    await store.put('d.txt', enc('x'));
    const again = openObjectStore(store.descriptor);
    expect(dec(await again.get('d.txt'))).toBe('x');
  });
});
