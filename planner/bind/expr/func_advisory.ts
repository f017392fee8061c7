/**
 * Advisory locks: accepted and granted at once (Pier has no lock manager; connection pools such as asyncpg's
 * run `SELECT pg_advisory_unlock_all()` when a connection is released). The void-returning functions give
 * PostgreSQL's void output (an empty string); try/unlock functions return true.
 */
import { T } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import type { Resolver } from './func_helpers.js';
import { constant } from './system_lookup.js';

const isInt = (e: BoundExpr): boolean => ['int2', 'int4', 'int8', 'unknown'].includes(e.type.kind);

/** one bigint key, or two integer keys */
const keyArgs = (args: readonly BoundExpr[]): boolean =>
  (args.length === 1 || args.length === 2) && args.every(isInt);

const voidResult = (check: (args: readonly BoundExpr[]) => boolean): Resolver => (args) => (check(args) ? constant('', T.text) : null);
const granted = (check: (args: readonly BoundExpr[]) => boolean): Resolver => (args) => (check(args) ? constant(true, T.bool) : null);

export const ADVISORY_RESOLVERS: Record<string, Resolver> = {
  pg_advisory_lock: voidResult(keyArgs),
  pg_advisory_lock_shared: voidResult(keyArgs),
  pg_advisory_xact_lock: voidResult(keyArgs),
  pg_advisory_xact_lock_shared: voidResult(keyArgs),
  pg_advisory_unlock_all: voidResult((args) => args.length === 0),
  pg_try_advisory_lock: granted(keyArgs),
  pg_try_advisory_lock_shared: granted(keyArgs),
  pg_try_advisory_xact_lock: granted(keyArgs),
  pg_try_advisory_xact_lock_shared: granted(keyArgs),
  pg_advisory_unlock: granted(keyArgs),
  pg_advisory_unlock_shared: granted(keyArgs),
};
