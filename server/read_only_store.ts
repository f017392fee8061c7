/**
 * The warehouse store when Pier runs read-only (the startup probe found that the store does not honour
 * put-if-absent): reads pass through, every write fails with 25006 naming the store and the reason.
 */
import { QueryError, SQLSTATE } from '../common/errors.js';
import { describeStore, rangeReaderOf, type ObjectMeta, type ObjectStore, type ObjectStoreDescriptor, type RangeReader } from '../storage/object_store/store.js';

export class ReadOnlyObjectStore implements ObjectStore {
  readonly descriptor: ObjectStoreDescriptor;

  constructor(private readonly inner: ObjectStore, readonly reason: string) {
    this.descriptor = inner.descriptor;
  }

  private refuse(): never {
    throw new QueryError(SQLSTATE.read_only_sql_transaction, `cannot write: Pier is read-only because the warehouse store ${describeStore(this.descriptor)} does not honour put-if-absent`, {
      detail: this.reason,
      hint: 'Use an object store that supports conditional writes (If-None-Match: *), e.g. AWS S3, MinIO or moto.',
    });
  }

  get(path: string): Promise<Uint8Array> { return this.inner.get(path); }
  getRange(path: string, start: number, end: number): Promise<Uint8Array> { return this.inner.getRange(path, start, end); }
  openRanges(path: string): Promise<RangeReader> { return rangeReaderOf(this.inner, path); }
  head(path: string): Promise<ObjectMeta | null> { return this.inner.head(path); }
  list(prefix: string): Promise<ObjectMeta[]> { return this.inner.list(prefix); }
  async put(): Promise<void> { this.refuse(); }
  async putIfAbsent(): Promise<boolean> { this.refuse(); }
  async delete(): Promise<void> { this.refuse(); }
}
