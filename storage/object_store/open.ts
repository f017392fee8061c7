/** Recreate an ObjectStore from its plain-data descriptor (e.g. inside a worker thread), or open one for a URI. */
import { LocalObjectStore } from './local.js';
import { S3ObjectStore } from './s3.js';
import { parseS3Uri } from './s3_settings.js';
import type { ObjectStore, ObjectStoreDescriptor, S3StoreDescriptor } from './store.js';

/** S3 stores are reused per descriptor: a client keeps its sockets and resolved credentials. */
const s3Stores = new Map<string, S3ObjectStore>();

function s3Key(d: S3StoreDescriptor): string {
  return JSON.stringify([d.bucket, d.prefix, d.endpoint, d.region, d.forcePathStyle]);
}

function shared(store: S3ObjectStore): S3ObjectStore {
  s3Stores.set(s3Key(store.descriptor), store);
  return store;
}

export function openObjectStore(descriptor: ObjectStoreDescriptor): ObjectStore {
  switch (descriptor.kind) {
    case 'local':
      return new LocalObjectStore(descriptor.root);
    case 's3':
      return s3Stores.get(s3Key(descriptor)) ?? shared(new S3ObjectStore(descriptor));
    default: {
      const never: never = descriptor;
      throw new Error(`unknown object store kind: ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

/**
 * A store for a location URI: `s3://bucket/prefix` (also `s3a://`; endpoint, region and credentials from the
 * process settings, see s3_settings.ts), `file:///abs/path`, or a plain path.
 */
export function objectStoreForLocation(location: string): ObjectStore {
  if (/^s3a?:\/\//i.test(location)) {
    const { bucket, prefix } = parseS3Uri(location);
    // endpoint, region, path style from the process settings; one client per distinct store
    const fresh = new S3ObjectStore({ bucket, prefix });
    const existing = s3Stores.get(s3Key(fresh.descriptor));
    if (existing === undefined) return shared(fresh);
    fresh.destroy();
    return existing;
  }
  if (location.startsWith('file://')) return new LocalObjectStore(decodeURIComponent(new URL(location).pathname));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) throw new Error(`unsupported object store location: ${location}`);
  return new LocalObjectStore(location);
}
