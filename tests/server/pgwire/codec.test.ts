import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../common/errors.js';
import { BackendWriter } from '../../../server/pgwire/codec/backend_writer.js';
import type { FrontendMessage } from '../../../server/pgwire/codec/frontend_messages.js';
import { PROTOCOL_3_0 } from '../../../server/pgwire/codec/frontend_messages.js';
import { FrontendReader } from '../../../server/pgwire/codec/frontend_reader.js';

/** Read every message from `bytes`, fed in pieces split at `cuts`. */
function readAll(bytes: Buffer, cuts: number[], startupDone = true): FrontendMessage[] {
  const r = new FrontendReader();
  if (startupDone) {
    r.push(serialize.startup({ user: 'u' }));
    expect(r.next()?.kind).toBe('startup');
  }
  const out: FrontendMessage[] = [];
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    r.push(bytes.subarray(prev, c));
    prev = c;
    for (let m = r.next(); m !== null; m = r.next()) out.push(m);
  }
  return out;
}

function parseBackend(bytes: Buffer): { name: string; [k: string]: unknown }[] {
  const out: { name: string }[] = [];
  new Parser().parse(bytes, (m) => out.push(m as unknown as { name: string }));
  return out as { name: string; [k: string]: unknown }[];
}

const frontendStream = Buffer.concat([
  serialize.query('select 1; select 2'),
  serialize.parse({ name: 's1', text: 'select $1', types: [23, 0] }),
  serialize.bind({ portal: 'p', statement: 's1', values: ['42', null, Buffer.from([1, 2])] }),
  serialize.describe({ type: 'S', name: 's1' }),
  serialize.describe({ type: 'P', name: 'p' }),
  serialize.execute({ portal: 'p', rows: 5 }),
  serialize.close({ type: 'P', name: 'p' }),
  serialize.flush(),
  serialize.sync(),
  serialize.copyFail('nope'),
  serialize.password('secret'),
  serialize.end(),
]);

const expected: FrontendMessage[] = [
  { kind: 'query', sql: 'select 1; select 2' },
  { kind: 'parse', name: 's1', sql: 'select $1', paramTypeOids: [23, 0] },
  {
    kind: 'bind', portal: 'p', statement: 's1', paramFormats: [0, 0, 1],
    params: [new Uint8Array(Buffer.from('42')), null, new Uint8Array([1, 2])], resultFormats: [0],
  },
  { kind: 'describe', target: 'S', name: 's1' },
  { kind: 'describe', target: 'P', name: 'p' },
  { kind: 'execute', portal: 'p', maxRows: 5 },
  { kind: 'close', target: 'P', name: 'p' },
  { kind: 'flush' },
  { kind: 'sync' },
  { kind: 'copyFail', message: 'nope' },
  { kind: 'password', data: new Uint8Array(Buffer.from('secret\0')) },
  { kind: 'terminate' },
];

function normalise(ms: FrontendMessage[]): unknown {
  return JSON.parse(JSON.stringify(ms, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v)));
}

describe('FrontendReader', () => {
  it('reads pg-protocol serialized messages in one chunk', () => {
    expect(normalise(readAll(frontendStream, []))).toEqual(normalise(expected));
  });

  it('reads the same messages split at every byte', () => {
    for (let cut = 1; cut < frontendStream.length; cut++) {
      expect(normalise(readAll(frontendStream, [cut]))).toEqual(normalise(expected));
    }
    const everyByte = Array.from({ length: frontendStream.length - 1 }, (_, i) => i + 1);
    expect(normalise(readAll(frontendStream, everyByte))).toEqual(normalise(expected));
  });

  it('reads startup-phase messages without a type byte, split at every byte', () => {
    const bytes = Buffer.concat([
      serialize.requestSsl(),
      serialize.startup({ user: 'ann', database: 'pier', application_name: 'psql' }),
      serialize.query('x'),
    ]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const ms = readAll(bytes, [cut], false);
      expect(ms).toEqual([
        { kind: 'sslRequest' },
        { kind: 'startup', protocolVersion: PROTOCOL_3_0, params: { user: 'ann', database: 'pier', application_name: 'psql', client_encoding: 'UTF8' } },
        { kind: 'query', sql: 'x' },
      ]);
    }
  });

  it('reads CancelRequest and GSSENCRequest', () => {
    const gss = Buffer.alloc(8);
    gss.writeInt32BE(8, 0);
    gss.writeInt32BE(80877104, 4);
    const ms = readAll(Buffer.concat([gss, serialize.cancel(1234, -5)]), [], false);
    expect(ms).toEqual([{ kind: 'gssEncRequest' }, { kind: 'cancelRequest', processId: 1234, secretKey: -5 }]);
  });

  it('reports other protocol versions for the connection to refuse', () => {
    const b = Buffer.alloc(9);
    b.writeInt32BE(9, 0);
    b.writeInt32BE(2 << 16, 4);
    const ms = readAll(b, [], false);
    expect(ms[0]).toMatchObject({ kind: 'startup', protocolVersion: 2 << 16 });
  });

  it('rejects bad lengths and unknown types as FATAL 08P01', () => {
    const bad = (bytes: Buffer, startupDone = true) => {
      try {
        readAll(bytes, [], startupDone);
      } catch (e) {
        return e;
      }
      return null;
    };
    const tooShort = Buffer.from([0x51, 0, 0, 0, 3]);
    const tooLong = Buffer.from([0x51, 0x40, 0, 0, 1]);
    const unknownType = Buffer.from([0x7a, 0, 0, 0, 4]);
    const startupTooLong = Buffer.from([0, 1, 0, 0, 0, 3, 0, 0]);
    const truncatedBind = Buffer.from([0x42, 0, 0, 0, 6, 0x00, 0x00]);
    for (const [bytes, msg, startupDone] of [
      [tooShort, 'invalid message length', true],
      [tooLong, 'invalid message length', true],
      [unknownType, 'invalid frontend message type 122', true],
      [startupTooLong, 'invalid length of startup packet', false],
      [truncatedBind, 'insufficient data left in message', true],
    ] as const) {
      const e = bad(bytes, startupDone);
      expect(e).toBeInstanceOf(QueryError);
      expect((e as QueryError).sqlstate).toBe('08P01');
      expect((e as QueryError).severity).toBe('FATAL');
      expect((e as QueryError).message).toBe(msg);
    }
  });

  it('waits for more bytes instead of failing on a partial message', () => {
    const r = new FrontendReader();
    r.push(serialize.startup({ user: 'u' }).subarray(0, 6));
    expect(r.next()).toBeNull();
    expect(r.buffered).toBe(6);
  });
});

describe('BackendWriter', () => {
  it('writes messages that pg-protocol parses back', () => {
    const w = new BackendWriter();
    w.authenticationOk()
      .authenticationCleartextPassword()
      .authenticationMD5Password(Uint8Array.of(1, 2, 3, 4))
      .authenticationSASL(['SCRAM-SHA-256'])
      .authenticationSASLContinue(Buffer.from('r=abc,s=c2FsdA==,i=4096'))
      .authenticationSASLFinal(Buffer.from('v=xyz'))
      .parameterStatus('client_encoding', 'UTF8')
      .backendKeyData(4242, -99)
      .rowDescription([{ name: 'n', tableOid: 0, columnAttr: 0, typeOid: 1700, typeLen: -1, typeMod: (12 << 16 | 2) + 4, format: 0 }])
      .dataRow(['1', null, Buffer.from([0xff]), 'é'])
      .commandComplete('SELECT 1')
      .emptyQueryResponse()
      .errorResponse({ severity: 'ERROR', code: '42601', message: 'syntax error', detail: 'd', hint: 'h', position: 8 })
      .noticeResponse({ severity: 'NOTICE', code: '00000', message: 'note' })
      .parseComplete()
      .bindComplete()
      .closeComplete()
      .noData()
      .parameterDescription([23, 25])
      .portalSuspended()
      .readyForQuery('T');
    const ms = parseBackend(w.take());
    expect(ms.map((m) => m.name)).toEqual([
      'authenticationOk', 'authenticationCleartextPassword', 'authenticationMD5Password', 'authenticationSASL',
      'authenticationSASLContinue', 'authenticationSASLFinal', 'parameterStatus', 'backendKeyData', 'rowDescription',
      'dataRow', 'commandComplete', 'emptyQuery', 'error', 'notice', 'parseComplete', 'bindComplete', 'closeComplete',
      'noData', 'parameterDescription', 'portalSuspended', 'readyForQuery',
    ]);
    expect(ms[2]).toMatchObject({ salt: Buffer.from([1, 2, 3, 4]) });
    expect(ms[3]).toMatchObject({ mechanisms: ['SCRAM-SHA-256'] });
    expect(ms[4]).toMatchObject({ data: 'r=abc,s=c2FsdA==,i=4096' });
    expect(ms[6]).toMatchObject({ parameterName: 'client_encoding', parameterValue: 'UTF8' });
    expect(ms[7]).toMatchObject({ processID: 4242, secretKey: -99 });
    expect(ms[8]).toMatchObject({ fields: [{ name: 'n', dataTypeID: 1700, dataTypeSize: -1, dataTypeModifier: 786438, format: 'text' }] });
    expect((ms[9] as unknown as { fields: unknown[] }).fields).toEqual(['1', null, Buffer.from([0xff]).toString('utf8'), 'é']);
    expect(ms[10]).toMatchObject({ text: 'SELECT 1' });
    expect(ms[12]).toMatchObject({ severity: 'ERROR', code: '42601', message: 'syntax error', detail: 'd', hint: 'h', position: '8' });
    expect(ms[13]).toMatchObject({ severity: 'NOTICE', message: 'note' });
    expect(ms[18]).toMatchObject({ parameterCount: 2, dataTypeIDs: [23, 25] });
    expect(ms[20]).toMatchObject({ status: 'T' });
  });

  it('grows its buffer for many rows and resets on take', () => {
    const w = new BackendWriter();
    for (let i = 0; i < 10000; i++) w.dataRow([String(i), 'x'.repeat(i % 50)]);
    const bytes = w.take();
    expect(w.length).toBe(0);
    const ms = parseBackend(bytes);
    expect(ms).toHaveLength(10000);
    expect((ms[9999] as unknown as { fields: string[] }).fields).toEqual(['9999', 'x'.repeat(9999 % 50)]);
  });
});
