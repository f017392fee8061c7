/**
 * S3 connection settings shared by every thread of the process. Descriptors carry no secrets, so a store
 * opened in a worker thread finds its settings here, in this order:
 *   1. PIER_S3_ENDPOINT / PIER_S3_REGION / PIER_S3_FORCE_PATH_STYLE / PIER_S3_ACCESS_KEY_ID /
 *      PIER_S3_SECRET_ACCESS_KEY / PIER_S3_SESSION_TOKEN (server/main.ts exports the configured values there
 *      before the worker pool starts: worker threads copy the environment when they are created);
 *   2. the standard AWS variables (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, AWS_REGION, AWS_DEFAULT_REGION) and,
 *      for credentials, the AWS SDK's default chain (AWS_ACCESS_KEY_ID…, ~/.aws/credentials and config, SSO,
 *      web identity, container/instance metadata).
 */

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface S3Settings {
  readonly endpoint: string | null;
  readonly region: string | null;
  readonly forcePathStyle: boolean | null;
  /** null: the AWS default credential chain */
  readonly credentials: S3Credentials | null;
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(v: string | undefined): string | null {
  return v === undefined || v.trim() === '' ? null : v.trim();
}

export function parseBool(v: string | null): boolean | null {
  if (v === null) return null;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  return null;
}

/** The settings the environment gives (PIER_S3_* first, then the AWS_* ones). */
export function s3SettingsFromEnv(env: Env = process.env): S3Settings {
  const accessKeyId = nonEmpty(env['PIER_S3_ACCESS_KEY_ID']);
  const secretAccessKey = nonEmpty(env['PIER_S3_SECRET_ACCESS_KEY']);
  const sessionToken = nonEmpty(env['PIER_S3_SESSION_TOKEN']);
  return {
    endpoint: nonEmpty(env['PIER_S3_ENDPOINT']) ?? nonEmpty(env['AWS_ENDPOINT_URL_S3']) ?? nonEmpty(env['AWS_ENDPOINT_URL']),
    region: nonEmpty(env['PIER_S3_REGION']) ?? nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']),
    forcePathStyle: parseBool(nonEmpty(env['PIER_S3_FORCE_PATH_STYLE'])),
    credentials: accessKeyId !== null && secretAccessKey !== null
      ? { accessKeyId, secretAccessKey, ...(sessionToken !== null ? { sessionToken } : {}) }
      : null,
  };
}

/**
 * Make `settings` the process-wide defaults (main thread, before worker threads start): values that are set
 * are written to the PIER_S3_* variables, which worker threads inherit.
 */
export function shareS3Settings(settings: Partial<S3Settings>, env: Record<string, string | undefined> = process.env): void {
  if (settings.endpoint) env['PIER_S3_ENDPOINT'] = settings.endpoint;
  if (settings.region) env['PIER_S3_REGION'] = settings.region;
  if (settings.forcePathStyle !== undefined && settings.forcePathStyle !== null) env['PIER_S3_FORCE_PATH_STYLE'] = String(settings.forcePathStyle);
  if (settings.credentials) {
    env['PIER_S3_ACCESS_KEY_ID'] = settings.credentials.accessKeyId;
    env['PIER_S3_SECRET_ACCESS_KEY'] = settings.credentials.secretAccessKey;
    if (settings.credentials.sessionToken !== undefined) env['PIER_S3_SESSION_TOKEN'] = settings.credentials.sessionToken;
  }
}

/** `s3://bucket/some/prefix/` → { bucket, prefix: 'some/prefix' }; also accepts s3a:// (Spark's spelling). */
export function parseS3Uri(uri: string): { bucket: string; prefix: string } {
  const m = /^s3a?:\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(uri.trim());
  if (m === null) throw new Error(`not an S3 location: ${uri} (expected s3://bucket[/prefix])`);
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '').replace(/\/{2,}/g, '/');
  return { bucket: m[1]!, prefix: decodeURIComponent(prefix) };
}
