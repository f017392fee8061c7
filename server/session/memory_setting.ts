/**
 * pier.query_max_memory: the per-query memory limit. Values as PostgreSQL writes memory sizes ('512MB', '2GB',
 * '64kB'; a bare number is bytes); '0' = no limit. The server's default comes from the configuration
 * (`queryMaxMemoryBytes`); SET / RESET change it per session.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';

const UNITS: Readonly<Record<string, number>> = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

export const QUERY_MAX_MEMORY = 'pier.query_max_memory';

/** Canonical text of a memory size; 22023 for anything else. */
export function checkMemorySize(v: string): string {
  const m = /^\s*(\d+)\s*(B|kB|MB|GB|TB)?\s*$/.exec(v);
  if (m === null) {
    throw new QueryError(SQLSTATE.invalid_parameter_value, `invalid value for parameter "${QUERY_MAX_MEMORY}": "${v}"`, {
      hint: 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".',
    });
  }
  return m[2] === undefined || m[2] === 'B' ? String(Number(m[1])) : `${Number(m[1])}${m[2]}`;
}

/** Bytes of a canonical memory size (0 = unlimited). */
export function memorySizeBytes(v: string): number {
  const m = /^(\d+)(B|kB|MB|GB|TB)?$/.exec(v.trim());
  return m === null ? 0 : Number(m[1]) * (UNITS[m[2] ?? 'B'] ?? 1);
}
