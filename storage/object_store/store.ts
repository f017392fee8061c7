/**
 * The object-store contract every storage backend honours (local disk now, S3 later).
 *
 * - Paths are keys relative to the store's root, '/'-separated, never starting with '/'.
 * - `get`/`getRange` of a missing key throw NotFoundError.
 * - `put` overwrites; `putIfAbsent` is atomic: exactly one of several concurrent callers for one key
 *   gets `true`, the others `false`, and a reader never sees a partly written object.
 * - `list(prefix)` returns every object whose key starts with `prefix` (recursively), sorted by key.
 * - `delete` of a missing key is not an error.
 */
export interface ObjectMeta {
  readonly path: string;
  readonly size: number;
  /** milliseconds since epoch */
  readonly lastModified: number;
}

export interface ObjectStore {
  /** a URL-ish description for messages and for re-creating the store in a worker */
  readonly descriptor: ObjectStoreDescriptor;
  get(path: string): Promise<Uint8Array>;
  /** bytes [start, end) */
  getRange(path: string, start: number, end: number): Promise<Uint8Array>;
  head(path: string): Promise<ObjectMeta | null>;
  put(path: string, data: Uint8Array): Promise<void>;
  putIfAbsent(path: string, data: Uint8Array): Promise<boolean>;
  list(prefix: string): Promise<ObjectMeta[]>;
  delete(path: string): Promise<void>;
  /**
   * Optional: byte ranges of one object that never changes in place (a Delta data file) through one open
   * handle, instead of an open per `getRange`. Stores without it are read through `getRange` (rangeReaderOf).
   */
  openRanges?(path: string): Promise<RangeReader>;
}

/** Byte ranges [start, end) of one immutable object; `close` releases the handle. */
export interface RangeReader {
  read(start: number, end: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The store's RangeReader for `path`, or one that calls getRange per range. */
export function rangeReaderOf(store: ObjectStore, path: string): Promise<RangeReader> {
  if (store.openRanges !== undefined) return store.openRanges(path);
  return Promise.resolve({ read: (start, end) => store.getRange(path, start, end), close: async () => {} });
}

/**
 * Plain data that recreates a store (in a worker thread). Never holds secrets: an S3 store's credentials
 * come from the environment / AWS default chain of the thread that opens it (see s3_settings.ts).
 */
export type ObjectStoreDescriptor =
  | { readonly kind: 'local'; readonly root: string }
  | S3StoreDescriptor;

export interface S3StoreDescriptor {
  readonly kind: 's3';
  readonly bucket: string;
  /** key prefix of the store's root inside the bucket: '' or 'a/b' (no leading or trailing '/') */
  readonly prefix: string;
  /** custom endpoint (MinIO, moto, a proxy); null = AWS */
  readonly endpoint: string | null;
  readonly region: string | null;
  /** path-style addressing (http://host/bucket/key), needed by MinIO/moto */
  readonly forcePathStyle: boolean;
}

/** A store's location for messages and logs: `file:///root` or `s3://bucket/prefix` (no secrets). */
export function describeStore(d: ObjectStoreDescriptor): string {
  switch (d.kind) {
    case 'local':
      return `file://${d.root}`;
    case 's3':
      return `s3://${d.bucket}${d.prefix === '' ? '' : `/${d.prefix}`}${d.endpoint !== null ? ` (endpoint ${d.endpoint})` : ''}`;
    default: {
      const never: never = d;
      return String(never);
    }
  }
}

export class NotFoundError extends Error {
  constructor(readonly path: string) {
    super(`object not found: ${path}`);
    this.name = 'NotFoundError';
  }
}
