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

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('bad clients', () => {
  it('garbage bytes close that connection with FATAL 08P01; another connection keeps working', async () => {
    const good = await server.client();
    const bad = await RawClient.startup(server.port);
    bad.send(Buffer.from([0x7a, 0, 0, 0, 4, 1, 2, 3]));
    const [err] = await bad.until('error');
    expect(err).toMatchObject({ severity: 'FATAL', code: '08P01', message: 'invalid frontend message type 122' });
    await bad.waitClosed();
    const huge = await RawClient.startup(server.port);
    huge.send(Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff]));
    const [err2] = await huge.until('error');
    expect(err2).toMatchObject({ code: '08P01', message: 'invalid message length' });
    await huge.waitClosed();
    expect((await good.query('series 5')).rowCount).toBe(5);
  });

  it('a garbage startup packet closes the connection', async () => {
    const c = await RawClient.connect(server.port);
    c.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4]));
    await c.waitClosed();
  });

  it('a client vanishing mid-result releases the execution and the server keeps serving', async () => {
    const before = server.factory.closedExecutions;
    const c = await RawClient.startup(server.port);
    const session = server.factory.sessions.at(-1)!;
    c.socket.pause(); // do not read: the server must wait for 'drain'
    c.send(serialize.query('series 3000000'));
    await new Promise((r) => setTimeout(r, 200));
    c.socket.destroy();
    await waitFor(() => server.factory.closedExecutions > before);
    await waitFor(() => session.closed);
    const other = await server.client();
    expect((await other.query('series 3')).rowCount).toBe(3);
  });

  it('Terminate closes the connection and the session', async () => {
    const c = await RawClient.startup(server.port);
    const session = server.factory.sessions.at(-1)!;
    c.send(serialize.end());
    await c.waitClosed();
    await waitFor(() => session.closed);
  });

  it('many rows go out in few socket writes', async () => {
    const c = await RawClient.startup(server.port);
    let chunks = 0;
    c.socket.on('data', () => chunks++);
    c.send(serialize.query('series 20000'));
    const ms = await c.until('readyForQuery');
    expect(ms.filter((m) => m.name === 'dataRow')).toHaveLength(20000);
    expect(chunks).toBeLessThan(200);
    c.end();
  });
});

describe('cancel', () => {
  /** Start a sleeping statement on a new connection and send a CancelRequest with secret + `secretOffset`. */
  async function cancelSleeping(secretOffset: number) {
    const c = await RawClient.startup(server.port);
    const session = server.factory.sessions.at(-1)!;
    const sleepingBefore = server.factory.sleeping;
    c.send(serialize.query('sleep'));
    await waitFor(() => server.factory.sleeping > sleepingBefore);
    const canceller = await RawClient.connect(server.port);
    canceller.send(serialize.cancel(session.processId, session.secretKey + secretOffset));
    await canceller.waitClosed();
    return { c, session };
  }

  it('CancelRequest calls factory.cancel and aborts the running statement with 57014', async () => {
    const { c, session } = await cancelSleeping(0);
    const ms = await c.until('readyForQuery');
    expect(ms.find((m) => m.name === 'error')).toMatchObject({ code: '57014', message: 'canceling statement due to user request' });
    expect(server.factory.cancels).toContainEqual([session.processId, session.secretKey]);
    c.send(serialize.query('series 1'));
    expect((await c.until('readyForQuery')).map((m) => m.name)).toEqual(['rowDescription', 'dataRow', 'commandComplete', 'readyForQuery']);
    c.end();
  });

  it('a CancelRequest with the wrong secret does not cancel', async () => {
    const { c } = await cancelSleeping(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.messages.find((m) => m.name === 'error')).toBeUndefined();
    c.end();
  });
});

describe('listener close', () => {
  it('ends every connection with FATAL 57P01', async () => {
    const own = await startTestServer();
    const c = await RawClient.startup(own.port);
    await own.listener.close();
    const [e] = await c.until('error');
    expect(e).toMatchObject({ severity: 'FATAL', code: '57P01' });
    await c.waitClosed();
  });
});
