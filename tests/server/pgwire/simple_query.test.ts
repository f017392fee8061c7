import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialize } from 'pg-protocol';
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

describe('startup', () => {
  it('sends the session ParameterStatus set, BackendKeyData and ReadyForQuery', async () => {
    const c = await RawClient.connect(server.port);
    c.send(serialize.startup({ user: 'pier', database: 'pier', application_name: 'tests' }));
    const ms = await c.until('readyForQuery');
    expect(ms.map((m) => m.name)).toEqual([
      'authenticationOk', ...Array(7).fill('parameterStatus'), 'backendKeyData', 'readyForQuery',
    ]);
    expect(ms.find((m) => m.name === 'parameterStatus' && m.parameterName === 'application_name')).toMatchObject({ parameterValue: 'tests' });
    const key = ms.find((m) => m.name === 'backendKeyData')!;
    const session = server.factory.sessions.find((s) => s.processId === key.processID)!;
    expect(session.info).toEqual({ user: 'pier', database: 'pier', applicationName: 'tests', options: { client_encoding: 'UTF8', application_name: 'tests' } });
    expect(key.secretKey).toBe(777);
    expect(ms.at(-1)).toMatchObject({ status: 'I' });
    c.end();
  });

  it('answers SSLRequest and GSSENCRequest with N, then accepts the startup', async () => {
    const c = await RawClient.connect(server.port);
    const got: Buffer[] = [];
    c.socket.prependListener('data', (b: Buffer) => got.push(b));
    const gss = Buffer.alloc(8);
    gss.writeInt32BE(8, 0);
    gss.writeInt32BE(80877104, 4);
    c.socket.write(serialize.requestSsl());
    await new Promise((r) => setTimeout(r, 50));
    c.socket.write(gss);
    await new Promise((r) => setTimeout(r, 50));
    expect(Buffer.concat(got).toString('latin1')).toBe('NN');
    // the parser saw the N bytes as garbage; use a fresh client for the rest of the flow
    c.end();
  });

  it('refuses protocol 2.0 with FATAL 08P01', async () => {
    const c = await RawClient.connect(server.port);
    const b = Buffer.alloc(9);
    b.writeInt32BE(9, 0);
    b.writeInt32BE(2 << 16, 4);
    c.send(b);
    const [err] = await c.until('error');
    expect(err).toMatchObject({ severity: 'FATAL', code: '08P01', message: 'unsupported frontend protocol 2.0: server supports 3.0 to 3.0' });
    await c.waitClosed();
  });

  it('reports a session factory failure as FATAL (3D000)', async () => {
    await expect(server.client({ database: 'nosuchdb' })).rejects.toMatchObject({ code: '3D000', message: 'database "nosuchdb" does not exist' });
  });
});

describe('simple query through node-postgres', () => {
  it('returns rows, fields and the command tag', async () => {
    const c = await server.client();
    const r = await c.query('series 250');
    expect(r.rowCount).toBe(250);
    expect(r.command).toBe('SELECT');
    expect(r.fields.map((f) => [f.name, f.dataTypeID, f.dataTypeSize])).toEqual([['n', 23, 4]]);
    expect(r.rows[0]).toEqual({ n: 1 });
    expect(r.rows[249]).toEqual({ n: 250 });
  });

  it('runs several statements in one message and returns each result', async () => {
    const c = await server.client();
    const rs = (await c.query('series 2; create; mixed')) as unknown as { command: string; rows: unknown[] }[];
    expect(rs.map((r) => r.command)).toEqual(['SELECT', 'CREATE', 'SELECT']);
    expect(rs[2]!.rows).toEqual([{ a: '42', b: 'héllo', c: true, d: 2.25, e: null }]);
  });

  it('sends EmptyQueryResponse for an empty query', async () => {
    const c = await RawClient.startup(server.port);
    c.send(serialize.query('  '));
    const ms = await c.until('readyForQuery');
    expect(ms.map((m) => m.name)).toEqual(['emptyQuery', 'readyForQuery']);
    c.end();
  });

  it('reports an error with SQLSTATE and position, stops the rest and recovers', async () => {
    const c = await server.client();
    await expect(c.query('series 1; error parse; create')).rejects.toMatchObject({ code: '42601', position: '1', severity: 'ERROR' });
    const raw = await RawClient.startup(server.port);
    raw.send(serialize.query('series 2; error late; create'));
    const ms = await raw.until('readyForQuery');
    expect(ms.map((m) => m.name)).toEqual([
      'rowDescription', 'dataRow', 'dataRow', 'commandComplete', 'rowDescription', 'dataRow', 'dataRow', 'dataRow', 'error', 'readyForQuery',
    ]);
    expect(ms[8]).toMatchObject({ code: '22012', message: 'division by zero' });
    raw.end();
    expect((await c.query('series 3')).rowCount).toBe(3);
  });

  it('reports a non-QueryError as XX000', async () => {
    const c = await server.client();
    await expect(c.query('internal')).rejects.toMatchObject({ code: 'XX000', message: 'boom' });
    expect((await c.query('series 1')).rows).toEqual([{ n: 1 }]);
  });

  it('reports transaction status in ReadyForQuery (I, T, E)', async () => {
    const c = await RawClient.startup(server.port);
    const status = async (sql: string) => {
      c.send(serialize.query(sql));
      return (await c.until('readyForQuery')).at(-1)!.status;
    };
    expect(await status('begin')).toBe('T');
    expect(await status('error run')).toBe('E');
    expect(await status('commit')).toBe('I');
    c.end();
  });

  it('forwards notices and ParameterStatus changes', async () => {
    const c = await server.client();
    const notices: unknown[] = [];
    c.on('notice', (n) => notices.push(n));
    await c.query('notice');
    expect(notices).toMatchObject([{ severity: 'NOTICE', message: 'hello from notice', hint: 'a hint' }]);
    const raw = await RawClient.startup(server.port);
    raw.send(serialize.query('set tz Europe/Oslo'));
    const ms = await raw.until('readyForQuery');
    expect(ms.map((m) => m.name)).toEqual(['parameterStatus', 'commandComplete', 'readyForQuery']);
    expect(ms[0]).toMatchObject({ parameterName: 'TimeZone', parameterValue: 'Europe/Oslo' });
    raw.end();
  });
});

describe('psql', () => {
  it('prints a result table and an error from a real psql session', async () => {
    const { execFile } = await import('node:child_process');
    // async: the server runs in this process, a sync child would block it
    const run = (sql: string) =>
      new Promise<string>((resolve) => {
        execFile('psql', ['-X', '-h', '127.0.0.1', '-p', String(server.port), '-U', 'pier', '-d', 'pier', '-c', sql], {
          encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
        }, (err, stdout, stderr) => resolve(err ? stderr : stdout));
      });
    expect(await run('series 3')).toBe(' n \n---\n 1\n 2\n 3\n(3 rows)\n\n');
    expect(await run('error parse')).toBe('ERROR:  syntax error at or near "error"\nLINE 1: error parse\n        ^\n');
  });
});
