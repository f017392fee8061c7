/**
 * bytea values. Datum: a "byte string" — one JS char per byte (codes 0–255), so string equality, ordering
 * (code unit order = memcmp) and hashing work unchanged. Text form as PostgreSQL's byteaout with
 * bytea_output = hex (`\x0a1b`); input accepts hex (`\x…`, whitespace between digit pairs) and the escape
 * format (`\\`, `\ooo`, other bytes as the UTF-8 of the text).
 */
import { QueryError, SQLSTATE } from '../errors.js';

const HEX = '0123456789abcdef';

export function bytesToByteString(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, Math.min(b.length, i + 8192)));
  return s;
}

export function byteStringToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** UTF-8 bytes of text as a byte string. */
export function utf8ByteString(text: string): string {
  return bytesToByteString(new TextEncoder().encode(text));
}

/** A byte string decoded as UTF-8 (invalid sequences replaced). */
export function byteStringToUtf8(s: string): string {
  return new TextDecoder().decode(byteStringToBytes(s));
}

export function formatBytea(s: string): string {
  let out = '\\x';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += HEX[c >> 4]! + HEX[c & 15]!;
  }
  return out;
}

function hexValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  throw new QueryError(SQLSTATE.invalid_parameter_value, `invalid hexadecimal digit: "${ch}"`);
}

/** Hex digits (whitespace allowed between pairs) → byte string; PostgreSQL's hex_decode errors. */
export function decodeHex(hex: string): string {
  let out = '';
  let i = 0;
  while (i < hex.length) {
    const ch = hex[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') { i++; continue; }
    const hi = hexValue(ch);
    if (i + 1 >= hex.length) throw new QueryError(SQLSTATE.invalid_parameter_value, 'invalid hexadecimal data: odd number of digits');
    const lo = hexValue(hex[i + 1]!);
    out += String.fromCharCode((hi << 4) | lo);
    i += 2;
  }
  return out;
}

export function parseBytea(text: string): string {
  if (text.startsWith('\\x')) return decodeHex(text.slice(2));
  return decodeEscape(text, 'invalid input syntax for type bytea');
}

/** The escape format (byteain without \x, decode(…, 'escape')). */
export function decodeEscape(text: string, message: string): string {
  const raw = utf8ByteString(text);
  let out = '';
  for (let i = 0; i < raw.length;) {
    const ch = raw[i]!;
    if (ch !== '\\') { out += ch; i++; continue; }
    if (raw[i + 1] === '\\') { out += '\\'; i += 2; continue; }
    const oct = raw.slice(i + 1, i + 4);
    if (/^[0-3][0-7][0-7]$/.test(oct)) { out += String.fromCharCode(parseInt(oct, 8)); i += 4; continue; }
    throw new QueryError(SQLSTATE.invalid_text_representation, message);
  }
  return out;
}

/** encode(bytea, 'escape'): non-printable bytes and backslash as \ooo / \\ (PostgreSQL's esc_encode). */
export function encodeEscape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) out += '\\\\';
    else if (c === 0 || c >= 0x80) out += '\\' + c.toString(8).padStart(3, '0');
    else out += s[i];
  }
  return out;
}

export function encodeBase64(s: string): string {
  const b64 = Buffer.from(byteStringToBytes(s)).toString('base64');
  // PostgreSQL breaks base64 output into lines of 76 characters
  return b64.replace(/(.{76})(?=.)/g, '$1\n');
}

export function decodeBase64(text: string): string {
  const clean = text.replace(/[\s]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
    const bad = clean.replace(/[A-Za-z0-9+/=]/g, '')[0] ?? '=';
    throw new QueryError(SQLSTATE.invalid_parameter_value, `invalid symbol "${bad}" found while decoding base64 sequence`);
  }
  if (clean.length % 4 !== 0) throw new QueryError(SQLSTATE.invalid_parameter_value, 'invalid base64 end sequence', { hint: 'Input data is missing padding, is truncated, or is otherwise corrupted.' });
  return bytesToByteString(new Uint8Array(Buffer.from(clean, 'base64')));
}
