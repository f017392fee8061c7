/** Input functions of bool, int2/4/8, float4/8 and bpchar padding, with PostgreSQL's errors. */
import { QueryError, SQLSTATE } from '../errors.js';

const WS = /^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g;

export function parseBool(text: string): boolean {
  const s = text.replace(WS, '').toLowerCase();
  if (s.length > 0) {
    if ('true'.startsWith(s) || (s.length >= 1 && 'yes'.startsWith(s)) || s === '1') return true;
    if (s.length >= 2 && s === 'on') return true;
    if ('false'.startsWith(s) || 'no'.startsWith(s) || s === '0') return false;
    if (s.length >= 2 && 'off'.startsWith(s)) return false;
  }
  throw new QueryError(SQLSTATE.invalid_text_representation, `invalid input syntax for type boolean: "${text}"`);
}

const INT_RE = /^[ \t\n\r\v\f]*([+-]?\d+)[ \t\n\r\v\f]*$/;

function parseInteger(text: string, typeName: string, min: bigint, max: bigint): bigint {
  const m = INT_RE.exec(text);
  if (!m) throw new QueryError(SQLSTATE.invalid_text_representation, `invalid input syntax for type ${typeName}: "${text}"`);
  const v = BigInt(m[1]!);
  if (v < min || v > max) {
    throw new QueryError(SQLSTATE.numeric_value_out_of_range, `value "${text}" is out of range for type ${typeName}`);
  }
  return v;
}

export function parseInt2(text: string): number {
  return Number(parseInteger(text, 'smallint', -32768n, 32767n));
}
export function parseInt4(text: string): number {
  return Number(parseInteger(text, 'integer', -2147483648n, 2147483647n));
}
export function parseInt8(text: string): bigint {
  return parseInteger(text, 'bigint', -(2n ** 63n), 2n ** 63n - 1n);
}

const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseFloatText(text: string, typeName: string, single: boolean): number {
  const s = text.replace(WS, '');
  const l = s.toLowerCase();
  if (l === 'nan') return NaN;
  if (l === 'infinity' || l === '+infinity' || l === 'inf' || l === '+inf') return Infinity;
  if (l === '-infinity' || l === '-inf') return -Infinity;
  if (!FLOAT_RE.test(s)) {
    throw new QueryError(SQLSTATE.invalid_text_representation, `invalid input syntax for type ${typeName}: "${text}"`);
  }
  let v = Number(s);
  if (single) v = Math.fround(v);
  const zeroInput = !/[1-9]/.test(s.replace(/[eE].*$/, ''));
  if (!Number.isFinite(v) || (v === 0 && !zeroInput)) {
    throw new QueryError(SQLSTATE.numeric_value_out_of_range, `"${s}" is out of range for type ${typeName}`);
  }
  return v;
}

export function parseFloat8(text: string): number {
  return parseFloatText(text, 'double precision', false);
}
export function parseFloat4(text: string): number {
  return parseFloatText(text, 'real', true);
}

/** char(n): pad with spaces to n characters */
export function padBpchar(s: string, length: number | null): string {
  if (length === null) return s;
  const n = Array.from(s).length;
  return n >= length ? s : s + ' '.repeat(length - n);
}
