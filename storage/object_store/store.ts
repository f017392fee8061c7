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
}

/** Plain data that recreates a store (in a worker thread). */
export type ObjectStoreDescriptor = { readonly kind: 'local'; readonly root: string };

export class NotFoundError extends Error {
  constructor(readonly path: string) {
    super(`object not found: ${path}`);
    this.name = 'NotFoundError';
  }
}
