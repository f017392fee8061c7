/** bytea and json/jsonb value semantics: text input/output, normalisation, ordering, casts. */
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../common/errors.js';
import { T, arrayType, formatType, typeFromOid, typeOid } from '../../../common/types.js';
import { castAllowed, castDatum } from '../../../common/values/cast.js';
import { compareDatums } from '../../../common/values/compare.js';
import { DEFAULT_VALUE_CONTEXT as ctx } from '../../../common/values/context.js';
import { decodeBase64, encodeBase64, encodeEscape } from '../../../common/values/bytea_io.js';
import { jsonbPretty, parseJsonb } from '../../../common/values/json_format.js';
import { parseJsonValue } from '../../../common/values/json_value.js';
import { formatDatum, parseDatum } from '../../../common/values/text_io.js';

function err(f: () => unknown): QueryError {
  try { f(); } catch (e) { return e as QueryError; }
  throw new Error('no error');
}

describe('bytea', () => {
  it('reads hex and escape input into a byte string and prints hex', () => {
    expect(parseDatum(T.bytea, '\\x00FF 41', ctx)).toBe('\u0000\u00ffA');
    expect(parseDatum(T.bytea, 'a\\\\b\\001', ctx)).toBe('a\\b\u0001');
    expect(parseDatum(T.bytea, 'é', ctx)).toBe('\u00c3\u00a9'); // the UTF-8 bytes of the text
    expect(formatDatum(T.bytea, '\u0000\u00ffA', ctx)).toBe('\\x00ff41');
    expect(formatDatum(T.bytea, '', ctx)).toBe('\\x');
  });

  it('reports PostgreSQL errors', () => {
    expect([err(() => parseDatum(T.bytea, '\\x0g', ctx)).sqlstate, err(() => parseDatum(T.bytea, '\\x0g', ctx)).message]).toEqual(['22023', 'invalid hexadecimal digit: "g"']);
    expect(err(() => parseDatum(T.bytea, '\\x012', ctx)).message).toBe('invalid hexadecimal data: odd number of digits');
    expect(err(() => parseDatum(T.bytea, 'a\\9', ctx)).sqlstate).toBe('22P02');
  });

  it('encodes base64 in 76-character lines and escape like encode()', () => {
    const bytes = String.fromCharCode(...Array.from({ length: 60 }, () => 0xab));
    const b64 = encodeBase64(bytes);
    expect(b64.split('\n').map((l) => l.length)).toEqual([76, 4]);
    expect(decodeBase64(b64)).toBe(bytes);
    expect(encodeEscape('a\\\u0081\u0000')).toBe('a\\\\\\201\\000');
  });

  it('orders bytewise and has OID 17 / 1001', () => {
    expect(compareDatums(T.bytea, '\u0001', '\u0001\u0000')).toBeLessThan(0);
    expect(compareDatums(T.bytea, '\u0002', '\u0001\u00ff')).toBeGreaterThan(0);
    expect([typeOid(T.bytea), typeOid(arrayType(T.bytea)), formatType(arrayType(T.bytea))]).toEqual([17, 1001, 'bytea[]']);
    expect(typeFromOid(3807)).toEqual(arrayType(T.jsonb));
  });
});

describe('json / jsonb', () => {
  it('jsonb normalises: unique keys ordered by length then bytes, numbers as numeric, PostgreSQL spacing', () => {
    expect(parseJsonb('{"bb":1,"a":[1, 2.50,{"c":null}],"b":2,"b":3}')).toBe('{"a": [1, 2.50, {"c": null}], "b": 3, "bb": 1}');
    expect(parseJsonb('1e2')).toBe('100');
    expect(parseJsonb('"\\u00e9\\t\\/"')).toBe('"é\\t/"');
    expect(parseJsonb(' [ ] ')).toBe('[]');
    // key length counts UTF-8 bytes: é (2 bytes) sorts with the two-letter keys, after "ab"
    expect(parseJsonb('{"abc":1,"é":2,"ab":3,"b":4}')).toBe('{"b": 4, "ab": 3, "é": 2, "abc": 1}');
  });

  it('json keeps its input text; both validate', () => {
    expect(parseDatum(T.json, '{"b":1,  "a":2}', ctx)).toBe('{"b":1,  "a":2}');
    const e = err(() => parseDatum(T.jsonb, '{"a" 1}', ctx));
    expect([e.sqlstate, e.message, e.detail, e.context]).toEqual(['22P02', 'invalid input syntax for type json', 'Expected ":", but found "1".', 'JSON data, line 1: {"a" 1...']);
    expect(err(() => parseDatum(T.json, 'abc', ctx)).detail).toBe('Token "abc" is invalid.');
    expect(err(() => parseDatum(T.json, '[1,2', ctx)).detail).toBe('The input string ended unexpectedly.');
  });

  it('keeps source spans for json sub-values', () => {
    const text = '{"a": [1,  2], "b": "x"}';
    const v = parseJsonValue(text);
    expect(v.k === 'obj' && text.slice(v.v[0]![1].s, v.v[0]![1].e)).toBe('[1,  2]');
  });

  it('orders jsonb as PostgreSQL: empty array first, then null < string < number < boolean < array < object', () => {
    const values = ['{"a":1}', '[1,2]', '[]', '{}', 'true', '1', '"s"', 'null'].map(parseJsonb);
    const sorted = [...values].sort((a, b) => compareDatums(T.jsonb, a, b));
    expect(sorted).toEqual(['[]', 'null', '"s"', '1', 'true', '[1, 2]', '{}', '{"a": 1}']);
  });

  it('pretty-prints like jsonb_pretty', () => {
    expect(jsonbPretty(parseJsonValue('{"a":[1,{"b":[]}]}'))).toBe('{\n    "a": [\n        1,\n        {\n            "b": [\n            ]\n        }\n    ]\n}');
  });

  it('casts: text ↔ json(b), json → jsonb (assignment), jsonb scalars → SQL types', () => {
    expect(castAllowed(T.json, T.jsonb, 'assignment')).toBe(true);
    expect(castAllowed(T.json, T.jsonb, 'implicit')).toBe(false);
    expect(castDatum('{"b":1,"a":2}', T.json, T.jsonb, 'explicit', ctx)).toBe('{"a": 2, "b": 1}');
    expect(castDatum('12', T.jsonb, T.int4, 'explicit', ctx)).toBe(12);
    expect(castDatum('true', T.jsonb, T.bool, 'explicit', ctx)).toBe(true);
    expect(err(() => castDatum('"x"', T.jsonb, T.int4, 'explicit', ctx)).message).toBe('cannot cast jsonb string to type integer');
    expect(castDatum('{"a": 1}', T.jsonb, T.text, 'explicit', ctx)).toBe('{"a": 1}');
  });
});
