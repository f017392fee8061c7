/** The warehouse store at start: local folders pass the put-if-absent probe; a read-only store refuses writes with 25006. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../common/errors.js';
import { loadConfig } from '../../conf/load.js';
import { openWarehouse } from '../../server/open_warehouse.js';
import { ReadOnlyObjectStore } from '../../server/read_only_store.js';
import { LocalObjectStore } from '../../storage/object_store/local.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'pier-wh-'));
  dirs.push(d);
  return d;
};
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('openWarehouse', () => {
  it('a local folder is created, passes the probe and stays writable; the probe leaves nothing behind', async () => {
    const dir = join(tmp(), 'new-wh');
    const wh = await openWarehouse(loadConfig({ argv: ['--warehouse', dir], env: {} }), silent);
    expect(wh.readOnlyReason).toBeNull();
    expect(wh.location).toBe(dir);
    expect(wh.store).toBeInstanceOf(LocalObjectStore);
    expect(await wh.store.list('')).toEqual([]);
  });

  it('a read-only store serves reads and fails every write with 25006 naming the store and the reason', async () => {
    const dir = tmp();
    const inner = new LocalObjectStore(dir);
    await inner.put('a/b.txt', new TextEncoder().encode('x'));
    const ro = new ReadOnlyObjectStore(inner, 'a second conditional create of _pier/probe/1 was accepted');
    expect(new TextDecoder().decode(await ro.get('a/b.txt'))).toBe('x');
    expect((await ro.list('a/')).map((m) => m.path)).toEqual(['a/b.txt']);
    expect(ro.descriptor).toEqual(inner.descriptor);
    for (const write of [() => ro.put('c', new Uint8Array(1)), () => ro.putIfAbsent('c', new Uint8Array(1)), () => ro.delete('a/b.txt')]) {
      const err = await write().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueryError);
      expect((err as QueryError).sqlstate).toBe('25006');
      expect((err as QueryError).message).toBe(`cannot write: Pier is read-only because the warehouse store file://${dir} does not honour put-if-absent`);
      expect((err as QueryError).detail).toMatch(/second conditional create/);
    }
    expect(await inner.head('a/b.txt')).not.toBeNull();
  });
});
