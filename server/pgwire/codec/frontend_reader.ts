/**
 * Incremental frontend message reader: push bytes as they arrive, pull whole messages.
 * Pure (no sockets). Two phases: before the StartupMessage, messages have no type byte
 * (StartupMessage, SSLRequest, GSSENCRequest, CancelRequest); after it, every message is
 * type byte + int32 length (including itself) + body.
 */
import { BodyReader } from './body_reader.js';
import type { FrontendMessage } from './frontend_messages.js';
import { CANCEL_REQUEST_CODE, GSSENC_REQUEST_CODE, SSL_REQUEST_CODE } from './frontend_messages.js';
import { protocolViolation } from './protocol_error.js';

/** Largest typed message accepted (PostgreSQL's PQ_LARGE_MESSAGE_LIMIT is 1 GB). */
export const MAX_MESSAGE_LENGTH = 0x40000000;
/** Largest startup-phase packet (PostgreSQL's MAX_STARTUP_PACKET_LENGTH). */
export const MAX_STARTUP_LENGTH = 10000;

export type ReaderPhase = 'startup' | 'normal';

export class FrontendReader {
  private buf: Buffer = Buffer.alloc(0);
  private off = 0;
  private phaseNow: ReaderPhase = 'startup';

  get phase(): ReaderPhase {
    return this.phaseNow;
  }

  /** Bytes received and not yet returned as messages. */
  get buffered(): number {
    return this.buf.length - this.off;
  }

  push(chunk: Uint8Array): void {
    const c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.off >= this.buf.length) {
      this.buf = c;
    } else {
      this.buf = Buffer.concat([this.buf.subarray(this.off), c]);
    }
    this.off = 0;
  }

  /** Take the bytes not consumed yet (e.g. to hand them to a TLS layer after SSLRequest). */
  drain(): Buffer {
    const rest = this.buf.subarray(this.off);
    this.buf = Buffer.alloc(0);
    this.off = 0;
    return rest;
  }

  /**
   * The next complete message, or null when more bytes are needed.
   * Throws a FATAL 08P01 QueryError for malformed input; the reader must not be used after that.
   */
  next(): FrontendMessage | null {
    return this.phaseNow === 'startup' ? this.nextStartup() : this.nextTyped();
  }

  private nextStartup(): FrontendMessage | null {
    const avail = this.buf.length - this.off;
    if (avail < 4) return null;
    const len = this.buf.readInt32BE(this.off);
    if (len < 8 || len > MAX_STARTUP_LENGTH) throw protocolViolation('invalid length of startup packet');
    if (avail < len) return null;
    const body = new BodyReader(this.buf.subarray(this.off + 4, this.off + len));
    this.off += len;
    const code = body.int32();
    switch (code) {
      case SSL_REQUEST_CODE:
        body.end();
        return { kind: 'sslRequest' };
      case GSSENC_REQUEST_CODE:
        body.end();
        return { kind: 'gssEncRequest' };
      case CANCEL_REQUEST_CODE: {
        const processId = body.int32();
        const secretKey = body.int32();
        body.end();
        return { kind: 'cancelRequest', processId, secretKey };
      }
      default: {
        const params: Record<string, string> = {};
        if (code >>> 16 === 3) {
          // name/value pairs, then a terminating NUL
          for (;;) {
            if (body.remaining === 0) throw protocolViolation('invalid startup packet layout: expected terminator as last byte');
            const name = body.cstring();
            if (name === '') break;
            params[name] = body.cstring();
          }
          body.end();
        }
        this.phaseNow = 'normal';
        return { kind: 'startup', protocolVersion: code, params };
      }
    }
  }

  private nextTyped(): FrontendMessage | null {
    const avail = this.buf.length - this.off;
    if (avail < 5) return null;
    const type = this.buf[this.off]!;
    const len = this.buf.readInt32BE(this.off + 1);
    if (len < 4 || len > MAX_MESSAGE_LENGTH) throw protocolViolation(`invalid message length`);
    if (avail < len + 1) return null;
    const body = new BodyReader(this.buf.subarray(this.off + 5, this.off + 1 + len));
    this.off += len + 1;
    return decodeTyped(type, body);
  }
}

function decodeTyped(type: number, r: BodyReader): FrontendMessage {
  const t = String.fromCharCode(type);
  let m: FrontendMessage;
  switch (t) {
    case 'Q':
      m = { kind: 'query', sql: r.cstring() };
      break;
    case 'P': {
      const name = r.cstring();
      const sql = r.cstring();
      const n = r.int16();
      if (n < 0) throw protocolViolation('invalid message format');
      const paramTypeOids: number[] = [];
      for (let i = 0; i < n; i++) paramTypeOids.push(r.int32() >>> 0);
      m = { kind: 'parse', name, sql, paramTypeOids };
      break;
    }
    case 'B': {
      const portal = r.cstring();
      const statement = r.cstring();
      const nf = r.int16();
      if (nf < 0) throw protocolViolation('invalid message format');
      const paramFormats: number[] = [];
      for (let i = 0; i < nf; i++) paramFormats.push(r.int16());
      const np = r.int16();
      if (np < 0) throw protocolViolation('invalid message format');
      const params: (Uint8Array | null)[] = [];
      for (let i = 0; i < np; i++) {
        const len = r.int32();
        if (len === -1) params.push(null);
        else if (len < 0) throw protocolViolation('invalid message format');
        else params.push(r.bytes(len));
      }
      const nr = r.int16();
      if (nr < 0) throw protocolViolation('invalid message format');
      const resultFormats: number[] = [];
      for (let i = 0; i < nr; i++) resultFormats.push(r.int16());
      m = { kind: 'bind', portal, statement, paramFormats, params, resultFormats };
      break;
    }
    case 'D':
    case 'C': {
      const target = String.fromCharCode(r.byte());
      if (target !== 'S' && target !== 'P') {
        throw protocolViolation(t === 'D' ? `invalid DESCRIBE message subtype ${target.charCodeAt(0)}` : `invalid CLOSE message subtype ${target.charCodeAt(0)}`);
      }
      const name = r.cstring();
      m = t === 'D' ? { kind: 'describe', target, name } : { kind: 'close', target, name };
      break;
    }
    case 'E': {
      const portal = r.cstring();
      const maxRows = r.int32();
      m = { kind: 'execute', portal, maxRows };
      break;
    }
    case 'S':
      m = { kind: 'sync' };
      break;
    case 'H':
      m = { kind: 'flush' };
      break;
    case 'X':
      m = { kind: 'terminate' };
      break;
    case 'p':
      m = { kind: 'password', data: r.rest() };
      break;
    case 'd':
      m = { kind: 'copyData', data: r.rest() };
      break;
    case 'c':
      m = { kind: 'copyDone' };
      break;
    case 'f':
      m = { kind: 'copyFail', message: r.cstring() };
      break;
    default:
      throw protocolViolation(`invalid frontend message type ${type}`);
  }
  r.end();
  return m;
}
