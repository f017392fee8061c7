/**
 * The COPY sub-protocol and other wire details on a real Pier process, message by message: CopyInResponse /
 * CopyData / CopyDone / CopyFail, CopyOutResponse with one CopyData per row, COPY through the extended protocol,
 * Flush without Sync, COMMIT outside a transaction (WARNING 25P01), empty queries, BINARY cursors.
 */
import { serialize } from 'pg-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, type PierProcess } from '../../support/pier.js';
import { RawClient, type BackendMsg } from './support/raw_client.js';

const names = (ms: readonly BackendMsg[]) => ms.map((m) => m.name);

describe('COPY and session details on the wire', () => {
  let pier: PierProcess;
  beforeAll(async () => {
    pier = await startPier();
    const c = await pier.client();
    await c.query('CREATE TABLE w (id int, name text)');
    await c.end();
  }, 60_000);
  afterAll(async () => {
    await pier?.stop();
  });

  it('COPY FROM STDIN: CopyInResponse, data split anywhere, CopyDone → COPY n', async () => {
    const c = await RawClient.startup(pier.port);
    c.send(serialize.query('COPY w FROM STDIN'));
    const start = await c.until('copyInResponse');
    expect(start.at(-1)).toMatchObject({ binary: false, columnTypes: [0, 0] });
    c.send(serialize.copyData(Buffer.from('1\tone\n2\tt')), serialize.copyData(Buffer.from('wo\n3\t\\N\n')), serialize.copyDone());
    const done = await c.until('readyForQuery');
    expect(done.find((m) => m.name === 'commandComplete')).toMatchObject({ text: 'COPY 3' });
    c.end();
  });

  it('CopyFail aborts the COPY (57014) and commits nothing; later CopyData is ignored', async () => {
    const c = await RawClient.startup(pier.port);
    c.send(serialize.query('COPY w FROM STDIN'));
    await c.until('copyInResponse');
    c.send(serialize.copyData(Buffer.from('10\tten\n')), serialize.copyFail('client gave up'));
    const failed = await c.until('readyForQuery');
    expect(failed.find((m) => m.name === 'error')).toMatchObject({ code: '57014', message: 'COPY from stdin failed: client gave up' });
    c.send(serialize.copyData(Buffer.from('junk')), serialize.copyDone(), serialize.query('SELECT count(*) FROM w WHERE id = 10'));
    const rows = await c.until('readyForQuery');
    expect(rows.find((m) => m.name === 'dataRow')).toMatchObject({ fields: ['0'] });
    c.end();
  });

  it('COPY TO STDOUT: CopyOutResponse, one CopyData per row, CopyDone, COPY n', async () => {
    const c = await RawClient.startup(pier.port);
    c.send(serialize.query('COPY (SELECT id, name FROM w ORDER BY id) TO STDOUT WITH (FORMAT csv)'));
    const ms = await c.until('readyForQuery');
    expect(names(ms)).toEqual(['copyOutResponse', 'copyData', 'copyData', 'copyData', 'copyDone', 'commandComplete', 'readyForQuery']);
    expect(ms.filter((m) => m.name === 'copyData').map((m) => (m.chunk as Buffer).toString())).toEqual(['1,one\n', '2,two\n', '3,\n']);
    expect(ms.at(-2)).toMatchObject({ text: 'COPY 3' });
    c.end();
  });

  it('COPY through the extended protocol (Parse/Bind/Execute, data, Sync)', async () => {
    const c = await RawClient.startup(pier.port);
    c.send(serialize.parse({ text: 'COPY w (id) FROM STDIN WITH (FORMAT csv)' }), serialize.bind({}), serialize.execute({}), serialize.flush());
    await c.until('copyInResponse');
    c.send(serialize.copyData(Buffer.from('20\n21\n')), serialize.copyDone(), serialize.sync());
    const ms = await c.until('readyForQuery');
    expect(names(ms)).toEqual(['commandComplete', 'readyForQuery']);
    expect(ms[0]).toMatchObject({ text: 'COPY 2' });
    c.end();
  });

  it('Flush without Sync sends the pending results', async () => {
    const c = await RawClient.startup(pier.port);
    c.send(serialize.parse({ name: 'f1', text: 'SELECT 1 AS one' }), serialize.describe({ type: 'S', name: 'f1' }), serialize.flush());
    const ms = await c.until('rowDescription');
    expect(names(ms)).toEqual(['parseComplete', 'parameterDescription', 'rowDescription']);
    c.send(serialize.sync());
    await c.until('readyForQuery');
    c.end();
  });

  it('COMMIT and ROLLBACK outside a transaction warn with 25P01; empty queries give EmptyQueryResponse', async () => {
    const c = await RawClient.startup(pier.port);
    c.send(serialize.query('COMMIT'));
    const ms = await c.until('readyForQuery');
    expect(ms.find((m) => m.name === 'notice')).toMatchObject({ severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' });
    expect(ms.find((m) => m.name === 'commandComplete')).toMatchObject({ text: 'COMMIT' });
    for (const q of ['', ';', '-- ping', '/* c */']) {
      c.send(serialize.query(q));
      expect(names(await c.until('readyForQuery'))).toEqual(['emptyQuery', 'readyForQuery']);
    }
    c.end();
  });

  it('DISCARD ALL drops prepared statements (as DEALLOCATE ALL)', async () => {
    const c = await RawClient.startup(pier.port);
    c.send(serialize.parse({ name: 'keep', text: 'SELECT 1' }), serialize.sync());
    await c.until('readyForQuery');
    c.send(serialize.query('DISCARD ALL'));
    expect((await c.until('readyForQuery')).find((m) => m.name === 'commandComplete')).toMatchObject({ text: 'DISCARD ALL' });
    c.send(serialize.bind({ statement: 'keep' }), serialize.execute({}), serialize.sync());
    const ms = await c.until('readyForQuery');
    expect(ms.find((m) => m.name === 'error')).toMatchObject({ code: '26000', message: 'prepared statement "keep" does not exist' });
    c.end();
  });

  it('DECLARE BINARY CURSOR: FETCH sends binary rows even in a simple query', async () => {
    const c = await RawClient.startup(pier.port);
    c.send(serialize.query('BEGIN; DECLARE b BINARY CURSOR FOR SELECT id FROM w WHERE id = 1; FETCH ALL FROM b; COMMIT'));
    const ms = await c.until('readyForQuery');
    const desc = ms.find((m) => m.name === 'rowDescription') as BackendMsg & { fields: { format: string }[] };
    expect(desc.fields[0]!.format).toBe('binary');
    expect(ms.filter((m) => m.name === 'commandComplete').map((m) => m.text)).toEqual(['BEGIN', 'DECLARE CURSOR', 'FETCH 1', 'COMMIT']);
    c.end();
  });
});
