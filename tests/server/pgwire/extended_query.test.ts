import type pg from 'pg';
import { serialize } from 'pg-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from './support/raw_client.js';
import type { TestServer } from './support/server.js';
import { startTestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const names = (ms: readonly { name: string }[]) => ms.map((m) => m.name);

describe('extended query through node-postgres', () => {
  it('binds text parameters with client-given and inferred types', async () => {
    const c = await server.client();
    const r = await c.query({ text: 'echo $1 $2 $3', values: [7, 'x', null], types: undefined });
    expect(r.rows).toEqual([{ p1: '7', p2: 'x', p3: null }]);
    expect(r.fields.map((f) => f.dataTypeID)).toEqual([25, 25, 25]);
  });

  it('uses named prepared statements across executions', async () => {
    const c = await server.client();
    for (const v of ['a', 'b']) {
      const r = await c.query({ name: 'st1', text: 'echo $1', values: [v] });
      expect(r.rows).toEqual([{ p1: v }]);
    }
  });

  it('returns binary results with binary: true', async () => {
    const c = await server.client();
    const r = await c.query({ text: 'mixed', binary: true, queryMode: 'extended' } as pg.QueryConfig);
    const row = r.rows[0] as Record<string, unknown>;
    expect(r.fields.map((f) => f.format)).toEqual(['binary', 'binary', 'binary', 'binary', 'binary']);
    expect(row['a']).toBe('42');
    expect(row['c']).toBe(true);
    expect(row['d']).toBe(2.25);
    expect(row['e']).toBeNull();
  });

  it('recovers after an error in extended mode', async () => {
    const c = await server.client();
    await expect(c.query({ text: 'error run', values: [] })).rejects.toMatchObject({ code: '22012' });
    await expect(c.query({ text: 'error parse', values: [] })).rejects.toMatchObject({ code: '42601', position: '1' });
    expect((await c.query({ text: 'echo $1', values: ['ok'] })).rows).toEqual([{ p1: 'ok' }]);
  });
});

describe('extended query with raw messages', () => {
  it('Parse with OIDs, Describe S, Bind binary params, Describe P with formats, Execute', async () => {
    const c = await RawClient.startup(server.port);
    const int4 = Buffer.alloc(4);
    int4.writeInt32BE(0x01020304); // bytes that survive pg-protocol's UTF-8 decoding of DataRow fields
    c.send(
      serialize.parse({ name: 's', text: 'echo $1 $2', types: [23, 20] }),
      serialize.describe({ type: 'S', name: 's' }),
      serialize.bind({ statement: 's', portal: 'p', values: [int4, '99'], binary: true }),
      serialize.describe({ type: 'P', name: 'p' }),
      serialize.execute({ portal: 'p' }),
      serialize.sync(),
    );
    const ms = await c.until('readyForQuery');
    expect(names(ms)).toEqual(['parseComplete', 'parameterDescription', 'rowDescription', 'bindComplete', 'rowDescription', 'dataRow', 'commandComplete', 'readyForQuery']);
    expect(ms[1]).toMatchObject({ dataTypeIDs: [23, 20] });
    expect((ms[2] as unknown as { fields: { format: string }[] }).fields.map((f) => f.format)).toEqual(['text', 'text']);
    expect((ms[4] as unknown as { fields: { format: string; dataTypeID: number }[] }).fields.map((f) => [f.dataTypeID, f.format])).toEqual([[23, 'binary'], [20, 'binary']]);
    const fields = (ms[5] as unknown as { fields: string[] }).fields;
    expect(Buffer.from(fields[0]!, 'utf8').readInt32BE(0)).toBe(0x01020304);
    expect(Buffer.from(fields[1]!, 'utf8').readBigInt64BE(0)).toBe(99n);
    c.end();
  });

  it('NoData for statements without rows; duplicate statement 42P05; discard until Sync', async () => {
    const c = await RawClient.startup(server.port);
    c.send(
      serialize.parse({ name: 'c', text: 'create' }),
      serialize.describe({ type: 'S', name: 'c' }),
      serialize.parse({ name: 'c', text: 'create' }),
      serialize.bind({ statement: 'c' }),
      serialize.execute({}),
      serialize.sync(),
    );
    const ms = await c.until('readyForQuery');
    expect(names(ms)).toEqual(['parseComplete', 'parameterDescription', 'noData', 'error', 'readyForQuery']);
    expect(ms[3]).toMatchObject({ code: '42P05', message: 'prepared statement "c" already exists' });
    // the unnamed statement is replaced; the named one still works after the error
    c.send(
      serialize.parse({ text: 'series 1' }),
      serialize.parse({ text: 'series 2' }),
      serialize.bind({}),
      serialize.execute({}),
      serialize.bind({ statement: 'c' }),
      serialize.execute({}),
      serialize.close({ type: 'S', name: 'c' }),
      serialize.bind({ statement: 'c' }),
      serialize.sync(),
    );
    const ms2 = await c.until('readyForQuery');
    expect(names(ms2)).toEqual(['parseComplete', 'parseComplete', 'bindComplete', 'dataRow', 'dataRow', 'commandComplete', 'bindComplete', 'commandComplete', 'closeComplete', 'error', 'readyForQuery']);
    expect(ms2[7]).toMatchObject({ text: 'CREATE TABLE' });
    expect(ms2[9]).toMatchObject({ code: '26000', message: 'prepared statement "c" does not exist' });
    c.end();
  });

  it('checks parameter counts and format counts (08P01)', async () => {
    const c = await RawClient.startup(server.port);
    c.send(serialize.parse({ name: 'e', text: 'echo $1 $2' }), serialize.bind({ statement: 'e', values: ['1'] }), serialize.sync());
    let ms = await c.until('readyForQuery');
    expect(ms[1]).toMatchObject({ code: '08P01', message: 'bind message supplies 1 parameters, but prepared statement "e" requires 2' });
    // hand-made Bind with 2 result formats for a 2-column statement is fine; 3 is not
    const bind = (resultFormats: number[]) => {
      const parts: Buffer[] = [Buffer.from('\0e\0'), Buffer.from([0, 0, 0, 2])];
      for (const v of ['a', 'b']) {
        const len = Buffer.alloc(4);
        len.writeInt32BE(1);
        parts.push(len, Buffer.from(v));
      }
      const rf = Buffer.alloc(2 + 2 * resultFormats.length);
      rf.writeInt16BE(resultFormats.length, 0);
      resultFormats.forEach((f, i) => rf.writeInt16BE(f, 2 + 2 * i));
      parts.push(rf);
      const body = Buffer.concat(parts);
      const head = Buffer.alloc(5);
      head.write('B', 0, 'latin1');
      head.writeInt32BE(body.length + 4, 1);
      return Buffer.concat([head, body]);
    };
    c.send(bind([0, 0, 0]), serialize.sync());
    ms = await c.until('readyForQuery');
    expect(ms[0]).toMatchObject({ code: '08P01', message: 'bind message has 3 result formats but query has 2 columns' });
    c.send(bind([0, 1]), serialize.execute({}), serialize.sync());
    ms = await c.until('readyForQuery');
    expect(names(ms)).toEqual(['bindComplete', 'dataRow', 'commandComplete', 'readyForQuery']);
    c.end();
  });

  it('row-limited Execute suspends the portal and resumes it', async () => {
    const c = await RawClient.startup(server.port);
    c.send(
      serialize.parse({ text: 'series 250' }),
      serialize.bind({ portal: 'cur' }),
      serialize.execute({ portal: 'cur', rows: 120 }),
      serialize.flush(),
    );
    const first = await c.until('portalSuspended');
    expect(names(first).filter((n) => n === 'dataRow')).toHaveLength(120);
    expect((first.at(-2) as unknown as { fields: string[] }).fields).toEqual(['120']);
    c.send(serialize.execute({ portal: 'cur', rows: 120 }), serialize.flush());
    const second = await c.until('portalSuspended');
    expect((second[0] as unknown as { fields: string[] }).fields).toEqual(['121']);
    expect(second.filter((m) => m.name === 'dataRow')).toHaveLength(120);
    c.send(serialize.execute({ portal: 'cur', rows: 120 }), serialize.sync());
    const third = await c.until('readyForQuery');
    expect(names(third)).toEqual([...Array(10).fill('dataRow'), 'commandComplete', 'readyForQuery']);
    expect(third[10]).toMatchObject({ text: 'SELECT 10' });
    // portals are gone after Sync outside a transaction block
    c.send(serialize.execute({ portal: 'cur' }), serialize.sync());
    const gone = await c.until('readyForQuery');
    expect(gone[0]).toMatchObject({ code: '34000', message: 'portal "cur" does not exist' });
    c.end();
  });

  it('Close of a suspended portal releases its execution', async () => {
    const c = await RawClient.startup(server.port);
    const before = server.factory.closedExecutions;
    c.send(
      serialize.parse({ text: 'series 1000' }),
      serialize.bind({ portal: 'q' }),
      serialize.execute({ portal: 'q', rows: 5 }),
      serialize.close({ type: 'P', name: 'q' }),
      serialize.sync(),
    );
    const ms = await c.until('readyForQuery');
    expect(names(ms).slice(-3)).toEqual(['portalSuspended', 'closeComplete', 'readyForQuery']);
    expect(server.factory.closedExecutions).toBe(before + 1);
    c.end();
  });

  it('Execute of an empty statement gives EmptyQueryResponse; multiple commands are refused', async () => {
    const c = await RawClient.startup(server.port);
    c.send(serialize.parse({ text: '' }), serialize.bind({}), serialize.describe({ type: 'P', name: '' }), serialize.execute({}), serialize.sync());
    const ms = await c.until('readyForQuery');
    expect(names(ms)).toEqual(['parseComplete', 'bindComplete', 'noData', 'emptyQuery', 'readyForQuery']);
    c.send(serialize.parse({ text: 'series 1; series 2' }), serialize.sync());
    const ms2 = await c.until('readyForQuery');
    expect(ms2[0]).toMatchObject({ code: '42601', message: 'cannot insert multiple commands into a prepared statement' });
    c.end();
  });
});
