/**
 * Bytes of immutable Delta log files (`_delta_log/NNN.json`, `NNN.checkpoint….parquet`) of one S3 store.
 * An entry is served only while the most recent listing that included the key showed the same ETag as the
 * GET that filled it: a table dropped and re-created at the same path (new commit files, new ETags) is
 * never answered from stale bytes. Bounded by bytes, oldest entries evicted first.
 */

const IMMUTABLE_LOG_FILE = /(^|\/)_delta_log\/\d{20}(\.json|\.checkpoint(\.\d+\.\d+)?\.parquet)$/;

export class LogFileCache {
  private readonly entries = new Map<string, { readonly etag: string; readonly bytes: Uint8Array }>();
  /** ETag of each log file in the latest listing that included it */
  private readonly listedEtags = new Map<string, string>();
  private used = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  static cacheable(path: string): boolean {
    return IMMUTABLE_LOG_FILE.test(path);
  }

  /** A listing showed `path` with `etag`. */
  listed(path: string, etag: string | undefined): void {
    if (etag === undefined || !LogFileCache.cacheable(path)) return;
    this.listedEtags.set(path, etag);
    if (this.listedEtags.size > 100_000) this.listedEtags.clear();
  }

  lookup(path: string): Uint8Array | null {
    const e = this.entries.get(path);
    if (e === undefined) return null;
    if (this.listedEtags.get(path) !== e.etag) return null;
    return e.bytes;
  }

  store(path: string, etag: string | undefined, bytes: Uint8Array): void {
    if (etag === undefined || !LogFileCache.cacheable(path) || bytes.byteLength > this.maxBytes / 4) return;
    this.forget(path);
    this.entries.set(path, { etag, bytes });
    this.used += bytes.byteLength;
    for (const [k, v] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(k);
      this.used -= v.bytes.byteLength;
    }
  }

  forget(path: string): void {
    const e = this.entries.get(path);
    if (e !== undefined) {
      this.entries.delete(path);
      this.used -= e.bytes.byteLength;
    }
    this.listedEtags.delete(path);
  }
}
