/**
 * S3ObjectStore: the ObjectStore contract over an S3 bucket (AWS, MinIO, moto, …) with @aws-sdk/client-s3.
 *
 * - `putIfAbsent` is a PUT with `If-None-Match: *`: 412 PreconditionFailed → false; 409
 *   ConditionalRequestConflict (a concurrent conditional write in flight) → retried. When a retry of our own
 *   PUT gets 412 (the first attempt reached S3 but its response was lost), the object is read back: the same
 *   bytes mean it was ours, so the answer is true.
 * - Every request retries with exponential backoff + jitter on throttling, 5xx, timeouts and dropped
 *   connections (retry.ts); the SDK's own retries are off so there is one policy and one set of counters.
 * - Objects over `multipartThreshold` are uploaded in parts (aborted on failure).
 * - Keys are relative to `prefix` inside the bucket. Credentials never enter the descriptor.
 * - Delta commit and checkpoint files are immutable once created, and log replay lists the log before it
 *   reads them: their bytes are kept (LogFileCache) and served again while the latest listing shows the
 *   same ETag, so replaying a long log costs one LIST plus the new commits, not one GET per commit.
 */
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
  GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, UploadPartCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { NotFoundError, type ObjectMeta, type ObjectStore, type S3StoreDescriptor } from './store.js';
import { DEFAULT_RETRY_POLICY, errorCodeOf, httpStatusOf, isRetryable, withRetries, type RetryPolicy } from './retry.js';
import { s3SettingsFromEnv, type S3Credentials } from './s3_settings.js';
import { S3_TOTALS, newS3Counters, type S3Counters } from './s3_counters.js';
import { LogFileCache } from './s3_log_cache.js';

// the SDK warns once per process that future releases need Node 22; the locked release supports Node 20
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

export interface S3StoreOptions {
  readonly bucket: string;
  /** '' or 'a/b' */
  readonly prefix?: string;
  /** default: PIER_S3_ENDPOINT / AWS_ENDPOINT_URL(_S3), else AWS */
  readonly endpoint?: string | null;
  /** default: PIER_S3_REGION / AWS_REGION / AWS_DEFAULT_REGION, else us-east-1 */
  readonly region?: string | null;
  /** default: PIER_S3_FORCE_PATH_STYLE, else true when an endpoint is set */
  readonly forcePathStyle?: boolean | null;
  /** default: PIER_S3_ACCESS_KEY_ID/…, else the AWS default chain */
  readonly credentials?: S3Credentials | null;
  readonly retry?: Partial<RetryPolicy>;
  /** per-request socket timeout (default 30 s) */
  readonly requestTimeoutMs?: number;
  readonly connectionTimeoutMs?: number;
  /** objects larger than this are uploaded in parts (default 16 MiB) */
  readonly multipartThreshold?: number;
  /** part size (default 8 MiB; S3's minimum is 5 MiB) */
  readonly partSize?: number;
  /** keys per LIST page (default: the server's, 1000 on S3) */
  readonly listPageSize?: number;
}

const MiB = 1024 * 1024;

export class S3ObjectStore implements ObjectStore {
  readonly descriptor: S3StoreDescriptor;
  /** this store's requests, bytes and retries (S3_TOTALS has the thread's totals) */
  readonly counters: S3Counters = newS3Counters();
  private readonly client: S3Client;
  private readonly retry: RetryPolicy;
  private readonly multipartThreshold: number;
  private readonly partSize: number;
  private readonly logCache = new LogFileCache();
  private readonly listPageSize: number | undefined;

  constructor(options: S3StoreOptions) {
    const env = s3SettingsFromEnv();
    const endpoint = options.endpoint ?? env.endpoint;
    const region = options.region ?? env.region ?? 'us-east-1';
    const forcePathStyle = options.forcePathStyle ?? env.forcePathStyle ?? endpoint !== null;
    const credentials = options.credentials ?? env.credentials;
    const prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.descriptor = { kind: 's3', bucket: options.bucket, prefix, endpoint, region, forcePathStyle };
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.multipartThreshold = options.multipartThreshold ?? 16 * MiB;
    this.partSize = Math.max(5 * MiB, options.partSize ?? 8 * MiB);
    this.listPageSize = options.listPageSize;
    const config: S3ClientConfig = {
      region,
      forcePathStyle,
      maxAttempts: 1,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { requestTimeout: options.requestTimeoutMs ?? 30_000, connectionTimeout: options.connectionTimeoutMs ?? 5_000 },
      ...(endpoint !== null ? { endpoint } : {}),
      ...(credentials !== null ? { credentials } : {}),
    };
    this.client = new S3Client(config);
  }

  /** Close the client's sockets. */
  destroy(): void {
    this.client.destroy();
  }

  private key(path: string): string {
    if (path.startsWith('/') || path.split('/').includes('..')) throw new Error(`invalid object key: ${path}`);
    return this.descriptor.prefix === '' ? path : `${this.descriptor.prefix}/${path}`;
  }

  private run<T>(kind: keyof S3Counters['requestsByKind'], op: (attempt: number) => Promise<T>, retryable: (e: unknown) => boolean = isRetryable): Promise<T> {
    return withRetries(this.retry, (attempt) => {
      this.count((c) => {
        c.requests++;
        c.requestsByKind[kind]++;
      });
      return op(attempt);
    }, retryable, () => this.count((c) => c.retries++));
  }

  private count(f: (c: S3Counters) => void): void {
    f(this.counters);
    f(S3_TOTALS);
  }

  private async readBody(body: unknown, expected: number | undefined, path: string): Promise<Uint8Array> {
    if (body === undefined || body === null) return new Uint8Array(0);
    const bytes = await (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
    if (expected !== undefined && bytes.byteLength !== expected) {
      // a connection cut mid-body: retryable
      throw Object.assign(new Error(`premature close reading ${path}: got ${bytes.byteLength} of ${expected} bytes`), { code: 'ECONNRESET' });
    }
    this.count((c) => (c.bytesRead += bytes.byteLength));
    return bytes;
  }

  async get(path: string): Promise<Uint8Array> {
    const Key = this.key(path);
    const cached = this.logCache.lookup(path);
    if (cached !== null) return cached;
    try {
      return await this.run('get', async () => {
        const res = await this.client.send(new GetObjectCommand({ Bucket: this.descriptor.bucket, Key }));
        const bytes = await this.readBody(res.Body, res.ContentLength, path);
        this.logCache.store(path, res.ETag, bytes);
        return bytes;
      });
    } catch (e) {
      if (isNotFound(e)) throw new NotFoundError(path);
      throw e;
    }
  }

  async getRange(path: string, start: number, end: number): Promise<Uint8Array> {
    if (end <= start) return new Uint8Array(0);
    const Key = this.key(path);
    try {
      return await this.run('get', async () => {
        const res = await this.client.send(new GetObjectCommand({ Bucket: this.descriptor.bucket, Key, Range: `bytes=${start}-${end - 1}` }));
        return this.readBody(res.Body, res.ContentLength, path);
      });
    } catch (e) {
      if (isNotFound(e)) throw new NotFoundError(path);
      if (httpStatusOf(e) === 416 || errorCodeOf(e) === 'InvalidRange') return new Uint8Array(0);
      throw e;
    }
  }

  async head(path: string): Promise<ObjectMeta | null> {
    const Key = this.key(path);
    try {
      return await this.run('head', async () => {
        const res = await this.client.send(new HeadObjectCommand({ Bucket: this.descriptor.bucket, Key }));
        return { path, size: res.ContentLength ?? 0, lastModified: res.LastModified?.getTime() ?? 0 };
      });
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async put(path: string, data: Uint8Array): Promise<void> {
    const Key = this.key(path);
    if (data.byteLength > this.multipartThreshold) return this.putMultipart(Key, data);
    await this.run('put', async () => {
      await this.client.send(new PutObjectCommand({ Bucket: this.descriptor.bucket, Key, Body: data, ContentLength: data.byteLength }));
    });
    this.count((c) => (c.bytesWritten += data.byteLength));
  }

  async putIfAbsent(path: string, data: Uint8Array): Promise<boolean> {
    const Key = this.key(path);
    let attempts = 0;
    try {
      await this.run('put', async (attempt) => {
        attempts = attempt + 1;
        await this.client.send(new PutObjectCommand({ Bucket: this.descriptor.bucket, Key, Body: data, ContentLength: data.byteLength, IfNoneMatch: '*' }));
      }, (e) => isRetryable(e) || errorCodeOf(e) === 'ConditionalRequestConflict' || httpStatusOf(e) === 409);
      this.count((c) => (c.bytesWritten += data.byteLength));
      return true;
    } catch (e) {
      if (!(httpStatusOf(e) === 412 || errorCodeOf(e) === 'PreconditionFailed')) throw e;
      // a retried PUT refused: an earlier attempt of ours may have landed with its response lost
      if (attempts > 1) {
        const existing = await this.get(path).catch(() => null);
        if (existing !== null && sameBytes(existing, data)) return true;
      }
      return false;
    }
  }

  private async putMultipart(Key: string, data: Uint8Array): Promise<void> {
    const Bucket = this.descriptor.bucket;
    const created = await this.run('put', () => this.client.send(new CreateMultipartUploadCommand({ Bucket, Key })));
    const UploadId = created.UploadId;
    if (UploadId === undefined) throw new Error(`S3 returned no UploadId for ${Key}`);
    try {
      const partCount = Math.ceil(data.byteLength / this.partSize);
      const etags: string[] = new Array<string>(partCount);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < partCount) {
          const i = next++;
          const body = data.subarray(i * this.partSize, Math.min(data.byteLength, (i + 1) * this.partSize));
          const res = await this.run('put', () => this.client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: i + 1, Body: body, ContentLength: body.byteLength })));
          if (res.ETag === undefined) throw new Error(`S3 returned no ETag for part ${i + 1} of ${Key}`);
          etags[i] = res.ETag;
          this.count((c) => (c.bytesWritten += body.byteLength));
        }
      };
      await Promise.all(Array.from({ length: Math.min(4, partCount) }, worker));
      try {
        await this.run('put', () => this.client.send(new CompleteMultipartUploadCommand({
          Bucket, Key, UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
        })));
      } catch (e) {
        // a retried Complete whose first attempt succeeded (response lost) finds the upload gone
        if (errorCodeOf(e) !== 'NoSuchUpload') throw e;
        const meta = await this.run('head', () => this.client.send(new HeadObjectCommand({ Bucket, Key })));
        if (meta.ContentLength !== data.byteLength) throw e;
      }
    } catch (e) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
      throw e;
    }
  }

  async list(prefix: string): Promise<ObjectMeta[]> {
    const root = this.descriptor.prefix === '' ? '' : `${this.descriptor.prefix}/`;
    const out: ObjectMeta[] = [];
    let token: string | undefined;
    do {
      const page = await this.run('list', () => this.client.send(new ListObjectsV2Command({
        Bucket: this.descriptor.bucket, Prefix: root + prefix,
        ...(token !== undefined ? { ContinuationToken: token } : {}),
        ...(this.listPageSize !== undefined ? { MaxKeys: this.listPageSize } : {}),
      })));
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined || !o.Key.startsWith(root)) continue;
        const path = o.Key.slice(root.length);
        out.push({ path, size: o.Size ?? 0, lastModified: o.LastModified?.getTime() ?? 0 });
        this.logCache.listed(path, o.ETag);
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return out;
  }

  async delete(path: string): Promise<void> {
    const Key = this.key(path);
    this.logCache.forget(path);
    try {
      await this.run('delete', () => this.client.send(new DeleteObjectCommand({ Bucket: this.descriptor.bucket, Key })));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

function isNotFound(e: unknown): boolean {
  const code = errorCodeOf(e);
  return code === 'NoSuchKey' || code === 'NotFound' || (httpStatusOf(e) === 404 && code !== 'NoSuchBucket');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
