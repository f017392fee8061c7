/**
 * Scalar casts with PostgreSQL semantics: int overflow → 22003, float→int rounds half to even (rint),
 * numeric→int rounds half away from zero, text→X parses (22P02...), X→text formats, numeric(p,s) typmod
 * applied, varchar(n)/char(n) length: explicit casts truncate, assignment casts raise 22001
 * `value too long for type character varying(n)`.
 */
import type { Datum } from '../datum.js';
import type { SqlType } from '../types.js';
import type { ValueContext } from './context.js';

export type CastMode = 'explicit' | 'implicit' | 'assignment';

export function castDatum(value: Exclude<Datum, null>, from: SqlType, to: SqlType, mode: CastMode, ctx: ValueContext): Exclude<Datum, null> { throw new Error('TODO'); }

/** Does PostgreSQL allow this cast in this context (pg_cast castcontext)? */
export function castAllowed(from: SqlType, to: SqlType, mode: CastMode): boolean { throw new Error('TODO'); }
