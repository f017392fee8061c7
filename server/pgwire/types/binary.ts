/**
 * Binary wire format of values: PostgreSQL's typsend / typrecv layouts (network byte order).
 * date = int4 days since 2000-01-01; timestamp(tz) = int8 µs since 2000-01-01 00:00 (UTC);
 * interval = int8 µs, int4 days, int4 months; numeric in numeric_binary.ts; strings UTF-8.
 */
import type { Datum, Interval, Numeric } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { assertNever, formatType, type SqlType } from '../../../common/types.js';
import { DATE_INFINITY, DATE_NEG_INFINITY, TIMESTAMP_INFINITY, TIMESTAMP_NEG_INFINITY } from '../../../common/values/calendar.js';
import { padBpchar } from '../../../common/values/scalar_parse.js';
import { decodeArrayBinary, encodeArrayBinary } from './array_binary.js';
import { decodeNumericBinary, encodeNumericBinary } from './numeric_binary.js';
import { decodeByteaBinary, decodeJsonBinary, encodeByteaBinary, encodeJsonBinary } from './lakehouse_binary.js';

/** days from 1970-01-01 to 2000-01-01 */
const PG_EPOCH_DAYS = 10957;
const PG_EPOCH_MICROS = 946684800000000n;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function fixed(size: number, write: (dv: DataView) => void): Uint8Array {
  const buf = new Uint8Array(size);
  write(new DataView(buf.buffer));
  return buf;
}

function dateToPg(days: number): number {
  if (days === DATE_INFINITY || days === DATE_NEG_INFINITY) return days;
  return days - PG_EPOCH_DAYS;
}

function tsToPg(ts: bigint): bigint {
  if (ts === TIMESTAMP_INFINITY || ts === TIMESTAMP_NEG_INFINITY) return ts;
  return ts - PG_EPOCH_MICROS;
}

export function encodeBinary(type: SqlType, datum: Exclude<Datum, null>): Uint8Array {
  switch (type.kind) {
    case 'bool': return Uint8Array.of(datum ? 1 : 0);
    case 'int2': return fixed(2, (dv) => dv.setInt16(0, datum as number));
    case 'int4': return fixed(4, (dv) => dv.setInt32(0, datum as number));
    case 'int8':
      if (type.oidType !== undefined) return fixed(4, (dv) => dv.setUint32(0, Number(BigInt.asUintN(32, datum as bigint))));
      return fixed(8, (dv) => dv.setBigInt64(0, datum as bigint));
    case 'float4': return fixed(4, (dv) => dv.setFloat32(0, datum as number));
    case 'float8': return fixed(8, (dv) => dv.setFloat64(0, datum as number));
    case 'numeric': return encodeNumericBinary(datum as Numeric);
    case 'text': case 'varchar': case 'bpchar': case 'unknown': return utf8.encode(datum as string);
    case 'date': return fixed(4, (dv) => dv.setInt32(0, dateToPg(datum as number)));
    case 'timestamp': case 'timestamptz': return fixed(8, (dv) => dv.setBigInt64(0, tsToPg(datum as bigint)));
    case 'interval': {
      const iv = datum as Interval;
      return fixed(16, (dv) => { dv.setBigInt64(0, iv.micros); dv.setInt32(8, iv.days); dv.setInt32(12, iv.months); });
    }
    case 'array': return encodeArrayBinary(type.element, datum as readonly Datum[], encodeBinary);
    case 'bytea': return encodeByteaBinary(datum as string);
    case 'json': case 'jsonb': return encodeJsonBinary(type.kind, datum as string);
    default: return assertNever(type);
  }
}

function view(bytes: Uint8Array, size: number, type: SqlType): DataView {
  if (bytes.length !== size) {
    throw new QueryError('22P03', `incorrect binary data format for type ${formatType(type)}`);
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function decodeBinary(type: SqlType, bytes: Uint8Array): Exclude<Datum, null> {
  switch (type.kind) {
    case 'bool': return view(bytes, 1, type).getUint8(0) !== 0;
    case 'int2': return view(bytes, 2, type).getInt16(0);
    case 'int4': return view(bytes, 4, type).getInt32(0);
    case 'int8':
      if (type.oidType !== undefined) return BigInt(view(bytes, 4, type).getUint32(0));
      return view(bytes, 8, type).getBigInt64(0);
    case 'float4': return view(bytes, 4, type).getFloat32(0);
    case 'float8': return view(bytes, 8, type).getFloat64(0);
    case 'numeric': return decodeNumericBinary(bytes);
    case 'text': case 'varchar': case 'unknown': return decodeUtf8(bytes);
    case 'bpchar': return padBpchar(decodeUtf8(bytes), type.length);
    case 'date': {
      const d = view(bytes, 4, type).getInt32(0);
      return d === DATE_INFINITY || d === DATE_NEG_INFINITY ? d : d + PG_EPOCH_DAYS;
    }
    case 'timestamp': case 'timestamptz': {
      const t = view(bytes, 8, type).getBigInt64(0);
      return t === TIMESTAMP_INFINITY || t === TIMESTAMP_NEG_INFINITY ? t : t + PG_EPOCH_MICROS;
    }
    case 'interval': {
      const dv = view(bytes, 16, type);
      return { micros: dv.getBigInt64(0), days: dv.getInt32(8), months: dv.getInt32(12) };
    }
    case 'array': return decodeArrayBinary(type.element, bytes, decodeBinary);
    case 'bytea': return decodeByteaBinary(bytes);
    case 'json': case 'jsonb': return decodeJsonBinary(type.kind, bytes);
    default: return assertNever(type);
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new QueryError('22021', 'invalid byte sequence for encoding "UTF8"');
  }
}

/** Does Pier have a binary send/recv for this type OID? Callers raise 0A000 via `unsupportedBinary` otherwise. */
export function unsupportedBinary(oid: number): QueryError {
  return new QueryError(SQLSTATE.feature_not_supported, `binary format is not supported for type with OID ${oid}`);
}
