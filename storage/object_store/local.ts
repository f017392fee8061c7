/**
 * LocalObjectStore: the ObjectStore contract over a folder on local disk.
 * putIfAbsent writes a temp file in the target folder and link()s it to the target: link fails with
 * EEXIST when the target exists, so exactly one of several concurrent writers wins, and readers never
 * see a partly written object.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { NotFoundError, type ObjectMeta, type ObjectStore, type ObjectStoreDescriptor, type RangeReader } from './store.js';

/** bytes [start, end) of an open file (fewer at its end) */
async function readRange(fh: fs.FileHandle, start: number, end: number): Promise<Uint8Array> {
  const len = Math.max(0, end - start);
  const out = new Uint8Array(len);
  let done = 0;
  while (done < len) {
    const { bytesRead } = await fh.read(out, done, len - done, start + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === len ? out : out.subarray(0, done);
}

function isErrno(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}

export class LocalObjectStore implements ObjectStore {
  readonly descriptor: ObjectStoreDescriptor;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.descriptor = { kind: 'local', root: this.root };
  }

  private abs(key: string): string {
    if (key.startsWith('/') || key.split('/').includes('..')) throw new Error(`invalid object key: ${key}`);
    return path.join(this.root, ...key.split('/'));
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const buf = await fs.readFile(this.abs(key));
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (e) {
      if (isErrno(e, 'ENOENT') || isErrno(e, 'EISDIR')) throw new NotFoundError(key);
      throw e;
    }
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    const fh = await this.openHandle(key);
    try {
      return await readRange(fh, start, end);
    } finally {
      await fh.close();
    }
  }

  async openRanges(key: string): Promise<RangeReader> {
    const fh = await this.openHandle(key);
    return { read: (start, end) => readRange(fh, start, end), close: () => fh.close() };
  }

  private async openHandle(key: string): Promise<fs.FileHandle> {
    try {
      return await fs.open(this.abs(key), 'r');
    } catch (e) {
      if (isErrno(e, 'ENOENT')) throw new NotFoundError(key);
      throw e;
    }
  }

  async head(key: string): Promise<ObjectMeta | null> {
    try {
      const st = await fs.stat(this.abs(key));
      if (!st.isFile()) return null;
      return { path: key, size: st.size, lastModified: Math.floor(st.mtimeMs) };
    } catch (e) {
      if (isErrno(e, 'ENOENT') || isErrno(e, 'ENOTDIR')) return null;
      throw e;
    }
  }

  private async writeTemp(target: string, data: Uint8Array): Promise<string> {
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
    await fs.writeFile(tmp, data, { flag: 'wx' });
    return tmp;
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const target = this.abs(key);
    const tmp = await this.writeTemp(target, data);
    try {
      await fs.rename(tmp, target);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  async putIfAbsent(key: string, data: Uint8Array): Promise<boolean> {
    const target = this.abs(key);
    const tmp = await this.writeTemp(target, data);
    try {
      await fs.link(tmp, target);
      return true;
    } catch (e) {
      if (isErrno(e, 'EEXIST')) return false;
      throw e;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  async list(prefix: string): Promise<ObjectMeta[]> {
    // start walking at the deepest folder the prefix names
    const slash = prefix.lastIndexOf('/');
    const dirKey = slash < 0 ? '' : prefix.slice(0, slash);
    const out: ObjectMeta[] = [];
    const walk = async (dirAbs: string, keyPrefix: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(dirAbs, { withFileTypes: true });
      } catch (e) {
        if (isErrno(e, 'ENOENT') || isErrno(e, 'ENOTDIR')) return;
        throw e;
      }
      for (const ent of entries) {
        const key = keyPrefix === '' ? ent.name : `${keyPrefix}/${ent.name}`;
        if (ent.isDirectory()) {
          // only descend where keys can still match the prefix
          if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(path.join(dirAbs, ent.name), key);
        } else if (ent.isFile() && key.startsWith(prefix)) {
          if (ent.name.endsWith('.tmp') && ent.name.startsWith('.')) continue; // in-flight putIfAbsent temp files
          try {
            const st = await fs.stat(path.join(dirAbs, ent.name));
            out.push({ path: key, size: st.size, lastModified: Math.floor(st.mtimeMs) });
          } catch (e) {
            if (!isErrno(e, 'ENOENT')) throw e;
          }
        }
      }
    };
    await walk(dirKey === '' ? this.root : this.abs(dirKey), dirKey);
    out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return out;
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.abs(key), { force: true });
  }
}
