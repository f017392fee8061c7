/**
 * The warehouse store from the configuration: a local folder (created when missing) or `s3://bucket/prefix`
 * (S3 settings shared with worker threads through the environment, see storage/object_store/s3_settings.ts).
 * Then the put-if-absent probe: a store that accepts a second conditional create of the same key is
 * wrapped read-only, and the start log says so loudly.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PierConfig } from '../conf/config.js';
import { LocalObjectStore } from '../storage/object_store/local.js';
import { S3ObjectStore } from '../storage/object_store/s3.js';
import { parseS3Uri, shareS3Settings } from '../storage/object_store/s3_settings.js';
import { probePutIfAbsent } from '../storage/object_store/probe.js';
import { describeStore, type ObjectStore } from '../storage/object_store/store.js';
import { ReadOnlyObjectStore } from './read_only_store.js';
import type { Logger } from './log.js';

export interface Warehouse {
  readonly store: ObjectStore;
  /** for the start log: a folder or s3://bucket/prefix (never credentials) */
  readonly location: string;
  /** why writes are refused, or null */
  readonly readOnlyReason: string | null;
}

export async function openWarehouse(config: PierConfig, log: Logger): Promise<Warehouse> {
  const s3 = config.s3;
  // before the worker pool starts: worker threads copy the environment when they are created
  shareS3Settings({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    credentials: s3.accessKeyId !== null && s3.secretAccessKey !== null
      ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, ...(s3.sessionToken !== null ? { sessionToken: s3.sessionToken } : {}) }
      : null,
  });
  let store: ObjectStore;
  let location: string;
  if (/^s3a?:\/\//i.test(config.warehouse)) {
    const { bucket, prefix } = parseS3Uri(config.warehouse);
    store = new S3ObjectStore({ bucket, prefix });
    location = describeStore(store.descriptor);
  } else {
    location = resolve(config.warehouse);
    mkdirSync(location, { recursive: true });
    store = new LocalObjectStore(location);
  }
  const probe = await probePutIfAbsent(store);
  if (probe.ok) return { store, location, readOnlyReason: null };
  log.error(`READ-ONLY MODE: the warehouse store ${describeStore(store.descriptor)} does not honour put-if-absent (${probe.reason}); `
    + 'concurrent commits could overwrite each other, so every write will fail with SQLSTATE 25006');
  return { store: new ReadOnlyObjectStore(store, probe.reason), location, readOnlyReason: probe.reason };
}
