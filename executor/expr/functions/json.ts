/** json/jsonb and bytea scalar functions and operators (names bound by planner/bind/expr/func_json.ts). */
import { createHash } from 'node:crypto';
import type { Datum } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { byteStringToBytes, bytesToByteString, decodeBase64, decodeEscape, decodeHex, encodeBase64, encodeEscape, utf8ByteString } from '../../../common/values/bytea_io.js';
import type { ValueContext } from '../../../common/values/context.js';
import { datumToJson, toJsonText, toJsonbText } from '../../../common/values/json_datum.js';
import { compactJsonText, escapeJsonString, jsonbPretty, jsonbText, normaliseJsonb } from '../../../common/values/json_format.js';
import * as O from '../../../common/values/json_ops.js';
import { jsonbSet, jsonStripNulls } from '../../../common/values/json_modify.js';
import { J, parseJsonValue } from '../../../common/values/json_value.js';
import { formatDatum } from '../../../common/values/text_io.js';
import type { ScalarFn, ScalarImpl } from './registry.js';

const kindOf = (t: SqlType | undefined): O.JsonKind => (t?.kind === 'json' ? 'json' : 'jsonb');

function evenArgs(n: number): void {
  if (n % 2 !== 0) {
    throw new QueryError(SQLSTATE.invalid_parameter_value, 'argument list must have even number of elements', {
      hint: 'The arguments of json_build_object() must consist of alternating keys and values.',
    });
  }
}

function buildObject(argTypes: readonly SqlType[], ctx: ValueContext, jsonb: boolean): ScalarFn {
  return (a) => {
    evenArgs(a.length);
    const pairs: [string, ReturnType<typeof datumToJson>][] = [];
    for (let i = 0; i < a.length; i += 2) {
      const k = a[i];
      if (k === null || k === undefined) throw new QueryError(SQLSTATE.invalid_parameter_value, `argument ${i + 1} cannot be null`, { hint: 'Object keys should be text.' });
      // keys are the value's text as to_json would give it (booleans: true/false)
      pairs.push([typeof k === 'boolean' ? String(k) : formatDatum(argTypes[i]!, k, ctx), datumToJson(argTypes[i + 1]!, a[i + 1] ?? null, ctx, jsonb)]);
    }
    if (jsonb) return jsonbText(normaliseJsonb(J.obj(pairs)));
    return `{${pairs.map(([k, v]) => `${escapeJsonString(k)} : ${compactJsonText(v)}`).join(', ')}}`;
  };
}

function buildArray(argTypes: readonly SqlType[], ctx: ValueContext, jsonb: boolean): ScalarFn {
  return (a) => {
    const items = a.map((d, i) => datumToJson(argTypes[i]!, d, ctx, jsonb));
    if (jsonb) return jsonbText(normaliseJsonb(J.arr(items)));
    return `[${items.map(compactJsonText).join(', ')}]`;
  };
}

function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

function encode(a: readonly Datum[]): Datum {
  const s = a[0] as string;
  switch ((a[1] as string).toLowerCase()) {
    case 'hex': return Buffer.from(byteStringToBytes(s)).toString('hex');
    case 'base64': return encodeBase64(s);
    case 'escape': return encodeEscape(s);
    default: throw new QueryError(SQLSTATE.invalid_parameter_value, `unrecognized encoding: "${a[1] as string}"`);
  }
}

function decode(a: readonly Datum[]): Datum {
  const s = a[0] as string;
  switch ((a[1] as string).toLowerCase()) {
    case 'hex': return decodeHex(s);
    case 'base64': return decodeBase64(s);
    case 'escape': return decodeEscape(s, 'invalid input syntax for type bytea');
    default: throw new QueryError(SQLSTATE.invalid_parameter_value, `unrecognized encoding: "${a[1] as string}"`);
  }
}

function checkEncoding(name: string): void {
  if (!/^utf-?8$/i.test(name) && !/^(sql_ascii|unicode)$/i.test(name)) {
    throw new QueryError(SQLSTATE.invalid_parameter_value, `invalid destination encoding name "${name}"`);
  }
}

function strictUtf8(bytes: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(byteStringToBytes(bytes));
  } catch {
    const bad = [...byteStringToBytes(bytes)].find((b) => b >= 0x80) ?? 0;
    throw new QueryError('22021', `invalid byte sequence for encoding "UTF8": 0x${bad.toString(16).padStart(2, '0')}`);
  }
}

/** substring(bytea from start [for count]) with PostgreSQL's 1-based, clamped semantics. */
function byteaSubstr(s: string, start: number, count: number | null): string {
  if (count !== null && count < 0) throw new QueryError('22011', 'negative substring length not allowed');
  const from = Math.max(start, 1);
  const end = count === null ? s.length + 1 : start + count;
  return end <= from ? '' : s.slice(from - 1, end - 1);
}

function textPath(a: Datum): (string | null)[] {
  return (a as readonly Datum[]).map((x) => (x === null ? null : String(x)));
}

export function jsonFunction(name: string, argTypes: readonly SqlType[], ctx: ValueContext): ScalarImpl | null {
  const strict = (fn: ScalarFn): ScalarImpl => ({ fn, strict: true });
  const k = kindOf(argTypes[0]);
  switch (name) {
    case 'json_field': return strict((a) => O.jsonGet(a[0] as string, k, a[1] as string, false));
    case 'json_field_text': return strict((a) => O.jsonGet(a[0] as string, k, a[1] as string, true));
    case 'json_index': return strict((a) => O.jsonGet(a[0] as string, k, a[1] as number, false));
    case 'json_index_text': return strict((a) => O.jsonGet(a[0] as string, k, a[1] as number, true));
    case 'json_path': return strict((a) => O.jsonGetPath(a[0] as string, k, textPath(a[1]!), false));
    case 'json_path_text': return strict((a) => O.jsonGetPath(a[0] as string, k, textPath(a[1]!), true));
    case 'json_extract_path': return strict((a) => O.jsonGetPath(a[0] as string, k, a.slice(1).map((x) => x as string), false));
    case 'json_extract_path_text': return strict((a) => O.jsonGetPath(a[0] as string, k, a.slice(1).map((x) => x as string), true));
    case 'jsonb_contains': return strict((a) => O.jsonbContains(a[0] as string, a[1] as string));
    case 'jsonb_contained': return strict((a) => O.jsonbContains(a[1] as string, a[0] as string));
    case 'jsonb_exists': return strict((a) => O.jsonbExists(a[0] as string, a[1] as string));
    case 'jsonb_exists_any': return strict((a) => (a[1] as readonly Datum[]).some((x) => x !== null && O.jsonbExists(a[0] as string, x as string)));
    case 'jsonb_exists_all': return strict((a) => (a[1] as readonly Datum[]).every((x) => x === null || O.jsonbExists(a[0] as string, x as string)));
    case 'jsonb_concat': return strict((a) => O.jsonbConcat(a[0] as string, a[1] as string));
    case 'jsonb_delete': return strict((a) => O.jsonbDeleteKey(a[0] as string, a[1] as string));
    case 'jsonb_delete_index': return strict((a) => O.jsonbDeleteIndex(a[0] as string, a[1] as number));
    case 'json_typeof': return strict((a) => O.jsonTypeof(a[0] as string, k));
    case 'json_array_length': return strict((a) => O.jsonArrayLength(a[0] as string, k));
    case 'jsonb_set': return strict((a) => jsonbSet(a[0] as string, textPath(a[1]!), a[2] as string, a.length > 3 ? (a[3] as boolean) : true));
    case 'json_strip_nulls': return strict((a) => jsonStripNulls(a[0] as string, k));
    case 'jsonb_pretty': return strict((a) => jsonbPretty(parseJsonValue(a[0] as string, 'jsonb')));
    case 'json_build_object': return { fn: buildObject(argTypes, ctx, false), strict: false };
    case 'jsonb_build_object': return { fn: buildObject(argTypes, ctx, true), strict: false };
    case 'json_build_array': return { fn: buildArray(argTypes, ctx, false), strict: false };
    case 'jsonb_build_array': return { fn: buildArray(argTypes, ctx, true), strict: false };
    case 'to_json': { const t = argTypes[0]!; return strict((a) => toJsonText(t, a[0]!, ctx)); }
    case 'to_jsonb': { const t = argTypes[0]!; return strict((a) => toJsonbText(t, a[0]!, ctx)); }
    case 'json_agg_structured': return strict((a) => '\n ' + (a[0] as string));
    case 'bytea_length': return strict((a) => (a[0] as string).length);
    case 'bytea_concat': return strict((a) => (a[0] as string) + (a[1] as string));
    case 'bytea_md5': return strict((a) => md5Hex(byteStringToBytes(a[0] as string)));
    case 'text_to_bytea_utf8': return strict((a) => utf8ByteString(a[0] as string));
    case 'bytea_sha224': case 'bytea_sha256': case 'bytea_sha384': case 'bytea_sha512': {
      const algo = name.slice(6);
      return strict((a) => bytesToByteString(new Uint8Array(createHash(algo).update(byteStringToBytes(a[0] as string)).digest())));
    }
    case 'get_byte': return strict((a) => {
      const s = a[0] as string, i = a[1] as number;
      if (i < 0 || i >= s.length) throw new QueryError('2202E', `index ${i} out of valid range, 0..${s.length - 1}`);
      return s.charCodeAt(i);
    });
    case 'bytea_substr': return strict((a) => byteaSubstr(a[0] as string, a[1] as number, a.length > 2 ? (a[2] as number) : null));
    case 'convert_to': return strict((a) => { checkEncoding(a[1] as string); return utf8ByteString(a[0] as string); });
    case 'convert_from': return strict((a) => { checkEncoding(a[1] as string); return strictUtf8(a[0] as string); });
    case 'encode': return strict(encode);
    case 'decode': return strict(decode);
    default: return null;
  }
}
