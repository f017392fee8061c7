/** Authentication configuration of the pg wire listener. */
export type AuthMethod = 'trust' | 'password' | 'md5' | 'scram-sha-256';

export interface AuthConfig {
  readonly method: AuthMethod;
  /** user name → password (cleartext; md5 and SCRAM verifiers are derived from it) */
  readonly users: Readonly<Record<string, string>>;
  /** trust connections from 127.0.0.0/8 and ::1 whatever `method` says (default false) */
  readonly trustLoopback?: boolean;
}

/** The default: trust (Pier listens on loopback by default). */
export const DEFAULT_AUTH_CONFIG: AuthConfig = { method: 'trust', users: {}, trustLoopback: true };

export function isLoopbackAddress(addr: string | undefined): boolean {
  if (addr === undefined) return false;
  return addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.');
}

/** The method that applies to a connection from `remoteAddress`. */
export function effectiveMethod(config: AuthConfig, remoteAddress: string | undefined): AuthMethod {
  if (config.trustLoopback === true && isLoopbackAddress(remoteAddress)) return 'trust';
  return config.method;
}
