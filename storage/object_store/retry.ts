/**
 * Retries with exponential backoff and full jitter for object-store requests: throttling (503 SlowDown,
 * 429, Throttling*), 5xx, request timeouts and dropped connections (ECONNRESET, EPIPE, socket hang up, …).
 * Client errors (4xx other than those) are not retried.
 */

export interface RetryPolicy {
  /** attempts in total, the first included (default 8) */
  readonly maxAttempts: number;
  /** delay before the first retry, before jitter (default 50 ms) */
  readonly baseDelayMs: number;
  /** cap of one delay (default 5 s) */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 5000 };

const RETRYABLE_CODES = new Set([
  'SlowDown', 'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottled', 'RequestThrottledException',
  'TooManyRequestsException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'BandwidthLimitExceeded',
  'RequestTimeout', 'RequestTimeoutException', 'InternalError', 'ServiceUnavailable', 'TimeoutError',
  'IDPCommunicationError', 'EC2ThrottledException', 'PriorRequestNotComplete',
]);

const RETRYABLE_ERRNO = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

export function httpStatusOf(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const x = e as ErrorShape;
  return x.$metadata?.httpStatusCode ?? x.$response?.statusCode;
}

/** The S3 error code (`NoSuchKey`, `PreconditionFailed`, …) or the errno code of a network error. */
export function errorCodeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const x = e as ErrorShape;
  for (const v of [x.Code, x.code, x.name]) if (typeof v === 'string' && v !== 'Error') return v;
  return undefined;
}

/** Whether a failed request may succeed when sent again. */
export function isRetryable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; typeof cur === 'object' && cur !== null && depth < 4; cur = (cur as ErrorShape).cause, depth++) {
    const x = cur as ErrorShape;
    const status = httpStatusOf(x);
    if (status !== undefined && (status >= 500 || status === 429 || status === 408)) return true;
    const code = errorCodeOf(x);
    if (code !== undefined && (RETRYABLE_CODES.has(code) || RETRYABLE_ERRNO.has(code))) return true;
    const msg = typeof x.message === 'string' ? x.message : '';
    if (/socket hang up|ECONNRESET|EPIPE|ETIMEDOUT|timed? ?out|premature close|aborted|other side closed/i.test(msg)) return true;
    // an unparseable response (e.g. a proxy's empty 5xx body) surfaces as a deserialization error
    if (status === undefined && /Deserialization error|char 'undefined'|Unexpected end/i.test(msg)) return true;
  }
  return false;
}

/** The delay before retry number `retry` (1-based): full jitter over min(max, base·2^(retry-1)). */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(30, retry - 1));
  return Math.floor(cap / 2 + (random() * cap) / 2);
}

export const sleep = (ms: number): Promise<void> => new Promise((res) => setTimeout(res, ms));

/**
 * Run `op(attempt)` until it succeeds, fails with an error `retryable` rejects, or attempts run out.
 * `onRetry` is told about each retry (for counters).
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  op: (attempt: number) => Promise<T>,
  retryable: (e: unknown) => boolean = isRetryable,
  onRetry?: (e: unknown, attempt: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (e) {
      if (attempt + 1 >= policy.maxAttempts || !retryable(e)) throw e;
      onRetry?.(e, attempt);
      await sleep(backoffDelay(policy, attempt + 1));
    }
  }
}
