/** Error helpers for the expression binder: PostgreSQL wording, 1-based positions from 0-based node locations. */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { formatType } from '../../../common/types.js';
import type { PgNode } from './scope.js';

/** 1-based position from a libpg-query `location` (absent or -1 → undefined). */
export function pos(location: unknown): number | undefined {
  return typeof location === 'number' && location >= 0 ? location + 1 : undefined;
}

/** The location of any node (`{ Kind: { location } }`), searching one level down for TypeCast literals. */
export function nodeLocation(node: PgNode): number | undefined {
  const inner = Object.values(node)[0] as PgNode | undefined;
  if (inner === undefined || inner === null || typeof inner !== 'object') return undefined;
  const loc = inner['location'];
  if (typeof loc === 'number' && loc >= 0) return loc;
  if (inner['arg'] !== undefined) return nodeLocation(inner['arg'] as PgNode);
  return undefined;
}

export function nodePos(node: PgNode): number | undefined {
  const l = nodeLocation(node);
  return l === undefined ? undefined : l + 1;
}

const OP_HINT = 'No operator matches the given name and argument types. You might need to add explicit type casts.';
const FN_HINT = 'No function matches the given name and argument types. You might need to add explicit type casts.';

export function operatorDoesNotExist(op: string, left: SqlType | null, right: SqlType, position: number | undefined): QueryError {
  const sig = left === null ? `${op} ${formatType(right)}` : `${formatType(left)} ${op} ${formatType(right)}`;
  return new QueryError(SQLSTATE.undefined_function, `operator does not exist: ${sig}`, { hint: OP_HINT, position });
}

export function operatorNotUnique(op: string, left: SqlType | null, right: SqlType, position: number | undefined): QueryError {
  const sig = left === null ? `${op} ${formatType(right)}` : `${formatType(left)} ${op} ${formatType(right)}`;
  return new QueryError(SQLSTATE.ambiguous_function, `operator is not unique: ${sig}`, {
    hint: 'Could not choose a best candidate operator. You might need to add explicit type casts.', position,
  });
}

export function functionDoesNotExist(name: string, args: readonly SqlType[], position: number | undefined): QueryError {
  return new QueryError(SQLSTATE.undefined_function, `function ${name}(${args.map(formatType).join(', ')}) does not exist`, { hint: FN_HINT, position });
}

export function mustBeType(clause: string, expected: string, actual: SqlType, position: number | undefined): QueryError {
  return new QueryError(SQLSTATE.datatype_mismatch, `argument of ${clause} must be type ${expected}, not type ${formatType(actual)}`, { position });
}

export function unsupported(what: string, position: number | undefined): QueryError {
  return new QueryError(SQLSTATE.feature_not_supported, `${what} is not supported`, { position });
}

/** Give a QueryError without a position the given one; rethrow everything else unchanged. */
export function withPos<R>(position: number | undefined, f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof QueryError) throw e.withPosition(position);
    throw e;
  }
}
