/**
 * Binary wire format of bytea (the raw bytes), json (UTF-8 text) and jsonb (version byte 1, then UTF-8 text),
 * as PostgreSQL's bytea_send / json_send / jsonb_send.
 */
import { QueryError } from '../../../common/errors.js';
import { byteStringToBytes, bytesToByteString } from '../../../common/values/bytea_io.js';
import { parseJson, parseJsonb } from '../../../common/values/json_format.js';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new QueryError('22021', 'invalid byte sequence for encoding "UTF8"');
  }
}

export function encodeByteaBinary(datum: string): Uint8Array {
  return byteStringToBytes(datum);
}

export function decodeByteaBinary(bytes: Uint8Array): string {
  return bytesToByteString(bytes);
}

export function encodeJsonBinary(kind: 'json' | 'jsonb', datum: string): Uint8Array {
  const text = utf8.encode(datum);
  if (kind === 'json') return text;
  const out = new Uint8Array(text.length + 1);
  out[0] = 1;
  out.set(text, 1);
  return out;
}

export function decodeJsonBinary(kind: 'json' | 'jsonb', bytes: Uint8Array): string {
  if (kind === 'json') return parseJson(decodeUtf8(bytes));
  if (bytes.length === 0 || bytes[0] !== 1) throw new QueryError('22P03', `unsupported jsonb version number ${bytes[0] ?? 0}`);
  return parseJsonb(decodeUtf8(bytes.subarray(1)));
}
