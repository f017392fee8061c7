/** Request / byte / retry counters of S3 stores (per store, and per thread in S3_TOTALS). */

export interface S3Counters {
  requests: number;
  readonly requestsByKind: { get: number; head: number; put: number; list: number; delete: number };
  bytesRead: number;
  bytesWritten: number;
  retries: number;
}

export function newS3Counters(): S3Counters {
  return { requests: 0, requestsByKind: { get: 0, head: 0, put: 0, list: 0, delete: 0 }, bytesRead: 0, bytesWritten: 0, retries: 0 };
}

/** Every S3 store of this thread together. */
export const S3_TOTALS: S3Counters = newS3Counters();

export function resetS3Counters(c: S3Counters = S3_TOTALS): void {
  c.requests = 0;
  c.bytesRead = 0;
  c.bytesWritten = 0;
  c.retries = 0;
  for (const k of Object.keys(c.requestsByKind) as (keyof S3Counters['requestsByKind'])[]) c.requestsByKind[k] = 0;
}
