/** Casts from json/jsonb: json ↔ jsonb, and jsonb scalars → bool / numbers (PostgreSQL 11+ semantics). */
import type { Datum } from '../datum.js';
import { QueryError, SQLSTATE } from '../errors.js';
import { formatType, type SqlType } from '../types.js';
import type { ValueContext } from './context.js';
import { parseJsonb } from './json_format.js';
import { parseJsonValue } from './json_value.js';
import { parseDatum } from './text_io.js';

const KIND_NAME = { null: 'null', bool: 'boolean', num: 'numeric', str: 'string', arr: 'array', obj: 'object' } as const;

/** undefined when the cast is not one of these (the caller reports it). */
export function castFromJson(value: string, from: 'json' | 'jsonb', to: SqlType, ctx: ValueContext): Exclude<Datum, null> | undefined {
  if (to.kind === 'jsonb') return from === 'jsonb' ? value : parseJsonb(value);
  if (to.kind === 'json') return value;
  if (from !== 'jsonb') return undefined;
  const want = to.kind === 'bool' ? 'bool' : to.kind === 'int2' || to.kind === 'int4' || to.kind === 'int8' || to.kind === 'float4' || to.kind === 'float8' || to.kind === 'numeric' ? 'num' : null;
  if (want === null) return undefined;
  const v = parseJsonValue(value, 'jsonb');
  if (v.k !== want) {
    throw new QueryError(SQLSTATE.invalid_parameter_value, `cannot cast jsonb ${KIND_NAME[v.k]} to type ${formatType(to)}`);
  }
  return parseDatum(to, v.k === 'bool' ? String(v.v) : (v as { v: string }).v, ctx);
}
