/** Recreate an ObjectStore from its plain-data descriptor (e.g. inside a worker thread). */
import { LocalObjectStore } from './local.js';
import type { ObjectStore, ObjectStoreDescriptor } from './store.js';

export function openObjectStore(descriptor: ObjectStoreDescriptor): ObjectStore {
  switch (descriptor.kind) {
    case 'local':
      return new LocalObjectStore(descriptor.root);
    default: {
      const never: never = descriptor.kind;
      throw new Error(`unknown object store kind: ${String(never)}`);
    }
  }
}

/** A store for a location URL: `file:///abs/path` or a plain path. */
export function objectStoreForLocation(location: string): ObjectStore {
  if (location.startsWith('file://')) return new LocalObjectStore(decodeURIComponent(new URL(location).pathname));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) throw new Error(`unsupported object store location: ${location}`);
  return new LocalObjectStore(location);
}
