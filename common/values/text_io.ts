/**
 * PostgreSQL's type input/output functions: the text wire format, literal parsing and casts to/from text.
 * formatDatum(T.bool, true) = 't'; numeric keeps its scale ('10.50'); float8 prints shortest round-trip
 * ('0.1', '1e+20', 'Infinity', 'NaN') and with extra_float_digits <= 0 uses %.15g/%.6g like PostgreSQL.
 * parseDatum errors: 22P02 invalid_text_representation (with PostgreSQL's message, e.g.
 * `invalid input syntax for type integer: "abc"`), 22003 out of range, 22007/22008 for date/time.
 */
import type { Datum } from '../datum.js';
import type { SqlType } from '../types.js';
import type { ValueContext } from './context.js';

export function formatDatum(type: SqlType, value: Exclude<Datum, null>, ctx: ValueContext): string { throw new Error('TODO'); }
export function parseDatum(type: SqlType, text: string, ctx: ValueContext): Exclude<Datum, null> { throw new Error('TODO'); }
