/**
 * Startup proof that a store honours put-if-absent: create `_pier/probe/<uuid>` twice with putIfAbsent;
 * the first must be accepted and the second refused. Stores that accept both (S3-compatible servers that
 * ignore `If-None-Match: *`) cannot host Delta commits safely: concurrent writers would overwrite each
 * other's `_delta_log/NNN.json`.
 */
import { randomUUID } from 'node:crypto';
import type { ObjectStore } from './store.js';

export const PROBE_PREFIX = '_pier/probe/';

export type ProbeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string };

export async function probePutIfAbsent(store: ObjectStore): Promise<ProbeResult> {
  const key = `${PROBE_PREFIX}${randomUUID()}`;
  const body = (n: number): Uint8Array => new TextEncoder().encode(`{"pierProbe":${n},"at":${Date.now()}}`);
  try {
    if (!(await store.putIfAbsent(key, body(1)))) {
      return { ok: false, reason: `the first conditional create of ${key} was refused although the key was new` };
    }
    let second: boolean;
    try {
      second = await store.putIfAbsent(key, body(2));
    } catch (e) {
      return { ok: false, reason: `a second conditional create of ${key} failed instead of being refused: ${(e as Error).message}` };
    }
    if (second) return { ok: false, reason: `a second conditional create (If-None-Match: *) of ${key} was accepted, so the store does not honour put-if-absent` };
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `a conditional create of ${key} failed: ${(e as Error).message}` };
  } finally {
    await store.delete(key).catch(() => undefined);
  }
}
