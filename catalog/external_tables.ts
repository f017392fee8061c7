/**
 * External tables: Delta tables outside the warehouse registered with `CREATE TABLE name [(cols)] LOCATION '<uri>'`.
 * One small JSON file per table under its schema's folder: `<schema>/.pier_external/<table>.json` holding
 * `{"location":"file:///abs/path"}` (or `s3://bucket/prefix`). DROP TABLE deletes only that file.
 * A location opens as (store, table path): local paths as the filesystem root store '/' with the absolute path
 * as key (so absolute `file:` paths in the log resolve), other URIs through storage/object_store/open.ts.
 */
import * as path from 'node:path';
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { ObjectStore } from '../storage/object_store/store.js';
import { LocalObjectStore } from '../storage/object_store/local.js';
import { objectStoreForLocation } from '../storage/object_store/open.js';

export const EXTERNAL_DIR = '.pier_external';

export interface ExternalRegistration {
  readonly location: string;
}

export function registrationKey(schema: string, table: string): string {
  return `${schema}/${EXTERNAL_DIR}/${table}.json`;
}

/** Table name of a registration key's last part, or null. */
export function tableOfRegistration(parts: readonly string[]): string | null {
  if (parts.length !== 3 || parts[1] !== EXTERNAL_DIR || !parts[2]!.endsWith('.json')) return null;
  return parts[2]!.slice(0, -'.json'.length);
}

/** `/abs/path`, `file:///abs/path`, `s3://…` → a normalised location URI. 22023 for relative or unknown ones. */
export function normalizeLocation(location: string): string {
  const loc = location.trim();
  if (/^file:/i.test(loc)) {
    let p: string;
    try {
      p = decodeURIComponent(new URL(loc).pathname);
    } catch {
      throw new QueryError(SQLSTATE.invalid_parameter_value, `invalid location "${location}"`);
    }
    return `file://${path.posix.normalize(p).replace(/\/+$/, '') || '/'}`;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(loc)) return loc.replace(/\/+$/, '');
  if (!loc.startsWith('/')) throw new QueryError(SQLSTATE.invalid_parameter_value, `location "${location}" must be an absolute path or a URI`);
  return `file://${path.posix.normalize(loc).replace(/\/+$/, '') || '/'}`;
}

/** The store and table path (key prefix) of a normalised location. */
export function openLocation(location: string): { store: ObjectStore; path: string } {
  if (location.startsWith('file://')) {
    const abs = decodeURIComponent(location.slice('file://'.length));
    return { store: new LocalObjectStore('/'), path: abs.replace(/^\/+/, '') };
  }
  try {
    return { store: objectStoreForLocation(location), path: '' };
  } catch (e) {
    throw new QueryError(SQLSTATE.feature_not_supported, (e as Error).message, { cause: e });
  }
}

export async function readRegistration(store: ObjectStore, schema: string, table: string): Promise<ExternalRegistration | null> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(registrationKey(schema, table));
  } catch {
    return null;
  }
  try {
    const o = JSON.parse(new TextDecoder().decode(bytes)) as { location?: unknown };
    return typeof o.location === 'string' ? { location: o.location } : null;
  } catch {
    return null;
  }
}

/** false when a registration of that name exists already. */
export async function writeRegistration(store: ObjectStore, schema: string, table: string, reg: ExternalRegistration): Promise<boolean> {
  return store.putIfAbsent(registrationKey(schema, table), new TextEncoder().encode(JSON.stringify(reg) + '\n'));
}
