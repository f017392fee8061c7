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
  /** warehouse root: a local folder (created when missing) */
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
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
