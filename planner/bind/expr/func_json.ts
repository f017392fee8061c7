/**
 * Resolvers of the json/jsonb and bytea functions (executor/expr/functions/json.ts implements them), the
 * json aggregates' argument typing, and the typed overloads that must win over the text ones (length(bytea),
 * md5(bytea), octet_length(bytea)).
 */
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import { call, fixed, overloads, type Resolver } from './func_helpers.js';
import type { BindContext } from './scope.js';

const TEXT_ARR: SqlType = { kind: 'array', element: T.text };

/** unknown literals passed as "any" become text, as PostgreSQL resolves them */
function anyArg(e: BoundExpr, ctx: BindContext, p: number | undefined): BoundExpr {
  return e.type.kind === 'unknown' ? coerceToType(e, T.text, 'implicit', ctx, p) : e;
}

function variadicAny(fn: string, result: SqlType): Resolver {
  return (args, ctx, p) => call(fn, args.map((a) => anyArg(a, ctx, p)), result);
}

/** f(json or jsonb as `kind`, ...rest) → result; result 'same' = the json type. */
function onJson(fn: string, kind: 'json' | 'jsonb', rest: readonly SqlType[], result: SqlType | 'same', variadicText = false): Resolver {
  return (args, ctx, p) => {
    if (args.length < 1) return null;
    if (!variadicText && args.length !== rest.length + 1) return null;
    const j = args[0]!;
    if (j.type.kind !== kind && j.type.kind !== 'unknown') return null;
    const jt = kind === 'json' ? T.json : T.jsonb;
    const tail = args.slice(1);
    const want = variadicText ? tail.map(() => T.text) : rest;
    const ok = tail.every((a, i) => a.type.kind === 'unknown' || a.type.kind === want[i]!.kind || (want[i]!.kind === 'text' && (a.type.kind === 'varchar' || a.type.kind === 'bpchar')));
    if (!ok) return null;
    const bound = [coerceToType(j, jt, 'implicit', ctx, p), ...tail.map((a, i) => coerceToType(a, want[i]!, 'implicit', ctx, p))];
    return call(fn, bound, result === 'same' ? jt : result);
  };
}

const onBytea = (fn: string, result: SqlType): Resolver => (args) => (args.length === 1 && args[0]!.type.kind === 'bytea' ? call(fn, args, result) : null);

/** Tried before the other resolvers of the same name; null falls through to them. */
export const TYPED_FIRST_RESOLVERS: Record<string, Resolver> = {
  length: onBytea('bytea_length', T.int4),
  octet_length: onBytea('bytea_length', T.int4),
  md5: onBytea('bytea_md5', T.text),
  substring: (args, ctx, p) => (args[0]?.type.kind === 'bytea' ? overloads(fixed('bytea_substr', [T.bytea, T.int4], T.bytea), fixed('bytea_substr', [T.bytea, T.int4, T.int4], T.bytea))(args, ctx, p) : null),
  substr: (args, ctx, p) => (args[0]?.type.kind === 'bytea' ? overloads(fixed('bytea_substr', [T.bytea, T.int4], T.bytea), fixed('bytea_substr', [T.bytea, T.int4, T.int4], T.bytea))(args, ctx, p) : null),
};

export const JSON_RESOLVERS: Record<string, Resolver> = {
  json_build_object: variadicAny('json_build_object', T.json),
  jsonb_build_object: variadicAny('jsonb_build_object', T.jsonb),
  json_build_array: variadicAny('json_build_array', T.json),
  jsonb_build_array: variadicAny('jsonb_build_array', T.jsonb),
  to_json: (args, ctx, p) => (args.length === 1 ? call('to_json', [anyArg(args[0]!, ctx, p)], T.json) : null),
  to_jsonb: (args, ctx, p) => (args.length === 1 ? call('to_jsonb', [anyArg(args[0]!, ctx, p)], T.jsonb) : null),
  json_typeof: onJson('json_typeof', 'json', [], T.text),
  jsonb_typeof: onJson('json_typeof', 'jsonb', [], T.text),
  json_array_length: onJson('json_array_length', 'json', [], T.int4),
  jsonb_array_length: onJson('json_array_length', 'jsonb', [], T.int4),
  jsonb_pretty: onJson('jsonb_pretty', 'jsonb', [], T.text),
  json_extract_path: onJson('json_extract_path', 'json', [], 'same', true),
  jsonb_extract_path: onJson('json_extract_path', 'jsonb', [], 'same', true),
  json_extract_path_text: onJson('json_extract_path_text', 'json', [], T.text, true),
  jsonb_extract_path_text: onJson('json_extract_path_text', 'jsonb', [], T.text, true),
  json_object_field: onJson('json_field', 'json', [T.text], 'same'),
  jsonb_object_field: onJson('json_field', 'jsonb', [T.text], 'same'),
  json_object_field_text: onJson('json_field_text', 'json', [T.text], T.text),
  jsonb_object_field_text: onJson('json_field_text', 'jsonb', [T.text], T.text),
  encode: (args, ctx, p) => (args.length === 2 && (args[0]!.type.kind === 'bytea' || args[0]!.type.kind === 'unknown') ? fixed('encode', [T.bytea, T.text], T.text)(args, ctx, p) : null),
  decode: overloads(fixed('decode', [T.text, T.text], T.bytea)),
  convert_to: fixed('convert_to', [T.text, T.text], T.bytea),
  convert_from: fixed('convert_from', [T.bytea, T.text], T.text),
  sha224: fixed('bytea_sha224', [T.bytea], T.bytea),
  sha256: fixed('bytea_sha256', [T.bytea], T.bytea),
  sha384: fixed('bytea_sha384', [T.bytea], T.bytea),
  sha512: fixed('bytea_sha512', [T.bytea], T.bytea),
  get_byte: fixed('get_byte', [T.bytea, T.int4], T.int4),
  jsonb_set: overloads(onJson('jsonb_set', 'jsonb', [TEXT_ARR, T.jsonb], 'same'), onJson('jsonb_set', 'jsonb', [TEXT_ARR, T.jsonb, T.bool], 'same')),
  jsonb_strip_nulls: onJson('json_strip_nulls', 'jsonb', [], 'same'),
  json_strip_nulls: onJson('json_strip_nulls', 'json', [], 'same'),
  jsonb_exists: onJson('jsonb_exists', 'jsonb', [T.text], T.bool),
  jsonb_exists_any: onJson('jsonb_exists_any', 'jsonb', [TEXT_ARR], T.bool),
  jsonb_exists_all: onJson('jsonb_exists_all', 'jsonb', [TEXT_ARR], T.bool),
};

export const JSON_AGGREGATES: readonly string[] = ['json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg'];

/** json_agg(x) / json_object_agg(k, v): the values go in as to_json(b) text, keys as text. */
export function typeJsonAggregate(name: string, args: readonly BoundExpr[], ctx: BindContext, p: number | undefined): { args: BoundExpr[]; type: SqlType } | null {
  const jsonb = name.startsWith('jsonb');
  const toJ = (e: BoundExpr): BoundExpr => call(jsonb ? 'to_jsonb' : 'to_json', [anyArg(e, ctx, p)], jsonb ? T.jsonb : T.json);
  const type = jsonb ? T.jsonb : T.json;
  if (name.endsWith('_object_agg')) {
    if (args.length !== 2) return null;
    const key = args[0]!.type.kind === 'unknown' || args[0]!.type.kind === 'text' ? coerceToType(args[0]!, T.text, 'implicit', ctx, p) : { kind: 'cast' as const, arg: args[0]!, type: T.text, mode: 'explicit' as const };
    return { args: [key, toJ(args[1]!)], type };
  }
  if (args.length !== 1) return null;
  // json_agg puts "\n " before each array element after the first (PostgreSQL's json_agg_transfn)
  if (!jsonb && args[0]!.type.kind === 'array') return { args: [call('json_agg_structured', [toJ(args[0]!)], T.json)], type };
  return { args: [toJ(args[0]!)], type };
}
