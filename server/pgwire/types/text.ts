/** Text wire format of values: PostgreSQL's type output / input functions (common/values/text_io). */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { ValueContext } from '../../../common/values/context.js';
import { formatDatum, parseDatum } from '../../../common/values/text_io.js';

/** Value → its text representation in DataRow (callers send NULL as length -1 themselves). */
export function encodeText(type: SqlType, datum: Exclude<Datum, null>, ctx: ValueContext): string {
  // oidvector (pg_proc.proargtypes, pg_index.indclass): space-separated OIDs, as PostgreSQL's oidvectorout
  if (type.kind === 'array' && type.oidvector === true) return (datum as readonly Datum[]).map((d) => String(d)).join(' ');
  return formatDatum(type, datum, ctx);
}

/** A text-format Bind parameter → value of `type` (22P02 / 22003 / 22007 ... on bad input). */
export function decodeText(type: SqlType, text: string, ctx: ValueContext): Exclude<Datum, null> {
  if (type.kind === 'array' && type.oidvector === true) {
    const parts = text.trim() === '' ? [] : text.trim().split(/\s+/);
    return parts.map((x) => parseDatum(type.element, x, ctx));
  }
  return parseDatum(type, text, ctx);
}
