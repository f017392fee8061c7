/**
 * Pier's configuration: one typed, validated, frozen object. Only server/main.ts and server/cli.ts read it;
 * everything else receives the pieces it needs through constructors.
 */
export type AuthMethod = 'trust' | 'password' | 'md5' | 'scram-sha-256';

export interface PierConfig {
  /** address the PostgreSQL listener binds */
  readonly host: string;
  readonly port: number;
  /** the one database name clients connect to */
  readonly database: string;
  /** warehouse root: a local folder (created when missing), `file:///…`, or `s3://bucket/prefix` */
  readonly warehouse: string;
  /** admin HTTP API (health) port; 0 turns it off */
  readonly adminPort: number;
  readonly adminHost: string;
  /** worker threads for scans; 0 runs everything on the main thread */
  readonly workers: number;
  readonly auth: {
    readonly method: AuthMethod;
    /** user name → password (for password / md5 / scram-sha-256) */
    readonly users: Readonly<Record<string, string>>;
  };
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** byte budget of the decoded column-chunk cache (all threads together), 0 = off */
  readonly cacheMaxBytes: number;
  /** per-query memory limit in bytes (hash tables, sorts), 0 = none; sessions may SET pier.query_max_memory */
  readonly queryMaxMemoryBytes: number;
  /** bearer token of the admin API's /api/v1 routes; null/absent = loopback clients only */
  readonly adminToken?: string | null;
  /** OPTIMIZE's target file size in bytes for tables without delta.targetFileSize (default 128 MiB) */
  readonly optimizeTargetFileSize?: number;
  /** S3 connection settings (for an s3:// warehouse and s3:// table locations); null = the AWS default */
  readonly s3: S3Config;
  /** TLS for the PostgreSQL listener (PEM files); absent or null cert/key = no TLS (SSLRequest answered 'N') */
  readonly tls?: { readonly cert: string | null; readonly key: string | null };
}

export interface S3Config {
  /** custom endpoint, e.g. http://127.0.0.1:9000 for MinIO */
  readonly endpoint: string | null;
  readonly region: string | null;
  /** with secretAccessKey; null = the AWS default credential chain (AWS_* variables, ~/.aws, SSO, IMDS, …) */
  readonly accessKeyId: string | null;
  readonly secretAccessKey: string | null;
  readonly sessionToken: string | null;
  /** path-style addressing (MinIO, moto); null = on when an endpoint is set */
  readonly forcePathStyle: boolean | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
