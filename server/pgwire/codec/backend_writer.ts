/**
 * Backend message writer: appends protocol 3.0 server messages to one buffer; `take()` returns the
 * bytes for a single socket write. Pure (no sockets).
 */
import { ByteWriter } from './byte_writer.js';

export type TransactionStatusByte = 'I' | 'T' | 'E';

/** One column of a RowDescription. */
export interface RowDescriptionField {
  readonly name: string;
  readonly tableOid: number;
  readonly columnAttr: number;
  readonly typeOid: number;
  readonly typeLen: number;
  readonly typeMod: number;
  readonly format: number;
}

/** Fields of an ErrorResponse / NoticeResponse. */
export interface ErrorFields {
  /** localized severity (S) and non-localized severity (V): ERROR, FATAL, PANIC, WARNING, NOTICE, ... */
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly position?: number;
  /** CONTEXT (W) */
  readonly where?: string;
}

export class BackendWriter {
  private readonly w = new ByteWriter();

  /** Bytes accumulated so far. */
  get length(): number {
    return this.w.length;
  }

  take(): Buffer {
    return this.w.take();
  }

  authenticationOk(): this {
    this.w.begin('R').int32(0).end();
    return this;
  }

  authenticationCleartextPassword(): this {
    this.w.begin('R').int32(3).end();
    return this;
  }

  authenticationMD5Password(salt: Uint8Array): this {
    this.w.begin('R').int32(5).bytes(salt).end();
    return this;
  }

  authenticationSASL(mechanisms: readonly string[]): this {
    this.w.begin('R').int32(10);
    for (const m of mechanisms) this.w.cstring(m);
    this.w.byte(0).end();
    return this;
  }

  authenticationSASLContinue(data: Uint8Array): this {
    this.w.begin('R').int32(11).bytes(data).end();
    return this;
  }

  authenticationSASLFinal(data: Uint8Array): this {
    this.w.begin('R').int32(12).bytes(data).end();
    return this;
  }

  parameterStatus(name: string, value: string): this {
    this.w.begin('S').cstring(name).cstring(value).end();
    return this;
  }

  backendKeyData(processId: number, secretKey: number): this {
    this.w.begin('K').int32(processId | 0).int32(secretKey | 0).end();
    return this;
  }

  readyForQuery(status: TransactionStatusByte): this {
    this.w.begin('Z').byte(status.charCodeAt(0)).end();
    return this;
  }

  rowDescription(fields: readonly RowDescriptionField[]): this {
    this.w.begin('T').int16(fields.length);
    for (const f of fields) {
      this.w.cstring(f.name).int32(f.tableOid | 0).int16(f.columnAttr).int32(f.typeOid | 0).int16(f.typeLen).int32(f.typeMod).int16(f.format);
    }
    this.w.end();
    return this;
  }

  /** A DataRow from already encoded values (null = SQL NULL). */
  dataRow(values: readonly (Uint8Array | string | null)[]): this {
    this.w.begin('D').int16(values.length);
    for (const v of values) {
      if (v === null) this.w.int32(-1);
      else if (typeof v === 'string') this.w.lengthPrefixedString(v);
      else this.w.lengthPrefixedBytes(v);
    }
    this.w.end();
    return this;
  }

  /** Low-level DataRow building for the row encoder: begin, then one value call per column, then end. */
  beginDataRow(columns: number): this {
    this.w.begin('D').int16(columns);
    return this;
  }

  nullValue(): this {
    this.w.int32(-1);
    return this;
  }

  textValue(s: string): this {
    this.w.lengthPrefixedString(s);
    return this;
  }

  binaryValue(b: Uint8Array): this {
    this.w.lengthPrefixedBytes(b);
    return this;
  }

  endDataRow(): this {
    this.w.end();
    return this;
  }

  commandComplete(tag: string): this {
    this.w.begin('C').cstring(tag).end();
    return this;
  }

  emptyQueryResponse(): this {
    this.w.begin('I').end();
    return this;
  }

  errorResponse(e: ErrorFields): this {
    return this.errorOrNotice('E', e);
  }

  noticeResponse(e: ErrorFields): this {
    return this.errorOrNotice('N', e);
  }

  private errorOrNotice(type: 'E' | 'N', e: ErrorFields): this {
    this.w.begin(type);
    this.w.byte(0x53).cstring(e.severity); // S
    this.w.byte(0x56).cstring(e.severity); // V
    this.w.byte(0x43).cstring(e.code); // C
    this.w.byte(0x4d).cstring(e.message); // M
    if (e.detail !== undefined) this.w.byte(0x44).cstring(e.detail); // D
    if (e.hint !== undefined) this.w.byte(0x48).cstring(e.hint); // H
    if (e.position !== undefined) this.w.byte(0x50).cstring(String(e.position)); // P
    if (e.where !== undefined) this.w.byte(0x57).cstring(e.where); // W
    this.w.byte(0).end();
    return this;
  }

  parseComplete(): this {
    this.w.begin('1').end();
    return this;
  }

  bindComplete(): this {
    this.w.begin('2').end();
    return this;
  }

  closeComplete(): this {
    this.w.begin('3').end();
    return this;
  }

  noData(): this {
    this.w.begin('n').end();
    return this;
  }

  parameterDescription(typeOids: readonly number[]): this {
    this.w.begin('t').int16(typeOids.length);
    for (const o of typeOids) this.w.int32(o | 0);
    this.w.end();
    return this;
  }

  portalSuspended(): this {
    this.w.begin('s').end();
    return this;
  }

  /** CopyInResponse ('G') / CopyOutResponse ('H'): overall format 0 text / 1 binary, the same for every column. */
  copyResponse(direction: 'in' | 'out', binary: boolean, columns: number): this {
    this.w.begin(direction === 'in' ? 'G' : 'H').byte(binary ? 1 : 0).int16(columns);
    for (let i = 0; i < columns; i++) this.w.int16(binary ? 1 : 0);
    this.w.end();
    return this;
  }

  copyData(data: Uint8Array): this {
    this.w.begin('d').bytes(data).end();
    return this;
  }

  copyDone(): this {
    this.w.begin('c').end();
    return this;
  }

  /** A single raw byte outside any message (the 'N' / 'S' answer to SSLRequest / GSSENCRequest). */
  rawByte(b: string): this {
    this.w.byte(b.charCodeAt(0));
    return this;
  }
}
