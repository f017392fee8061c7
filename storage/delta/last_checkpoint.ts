/**
 * `_delta_log/_last_checkpoint`: a hint naming the newest checkpoint. Both the Spark form
 * (`{"version":10,"size":12,"parts":2,...}`) and delta-rs' (`{"version":10,"size":12,"sizeInBytes":..}`),
 * with or without `v2Checkpoint`. It is only a hint: a missing, unreadable or corrupt file gives null and
 * the reader falls back to listing the log (which Pier always does anyway).
 */
import type { ObjectStore } from '../object_store/store.js';

export interface LastCheckpoint {
  readonly version: number;
  /** number of actions */
  readonly size: number | null;
  /** parts of a multi-part checkpoint (absent: single file) */
  readonly parts: number | null;
  /** the v2 top-level checkpoint file name, when `v2Checkpoint` is given */
  readonly v2Path: string | null;
}

export const LAST_CHECKPOINT = '_last_checkpoint';

function nonNegInt(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

/** Parse the text of `_last_checkpoint`; null when it is not a usable hint. */
export function parseLastCheckpoint(text: string): LastCheckpoint | null {
  let obj: unknown;
  try {
    obj = JSON.parse(text.trim());
  } catch {
    return null;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return null;
  const o = obj as Record<string, unknown>;
  const version = nonNegInt(o['version']);
  if (version === null) return null;
  const parts = o['parts'] === undefined || o['parts'] === null ? null : nonNegInt(o['parts']);
  if (parts === 0 || (o['parts'] !== undefined && o['parts'] !== null && parts === null)) return null;
  const v2 = o['v2Checkpoint'];
  const v2Path = typeof v2 === 'object' && v2 !== null && typeof (v2 as { path?: unknown }).path === 'string' ? (v2 as { path: string }).path : null;
  return { version, size: nonNegInt(o['size']), parts, v2Path };
}

/** Read `<logDir>/_last_checkpoint`; null when absent or corrupt. */
export async function readLastCheckpoint(store: ObjectStore, logDirKey: string): Promise<LastCheckpoint | null> {
  try {
    const bytes = await store.get(`${logDirKey}/${LAST_CHECKPOINT}`);
    return parseLastCheckpoint(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
