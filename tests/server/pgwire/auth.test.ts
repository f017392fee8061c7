import { serialize } from 'pg-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { md5Response, verifyMd5 } from '../../../server/pgwire/auth/md5.js';
import { makeScramVerifier, ScramExchange } from '../../../server/pgwire/auth/scram.js';
import type { AuthConfig } from '../../../server/pgwire/auth/config.js';
import { RawClient } from './support/raw_client.js';
import type { TestServer } from './support/server.js';
import { startTestServer } from './support/server.js';

describe('SCRAM-SHA-256 exchange', () => {
  it('matches the RFC 7677 example', () => {
    const verifier = makeScramVerifier('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096);
    const x = new ScramExchange(verifier, '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0');
    expect(x.clientFirst('n,,n=user,r=rOprNGfwEbeRWgbNEkqO')).toBe(
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
    );
    expect(x.clientFinal('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=')).toEqual({
      ok: true,
      serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
    });
  });

  it('rejects a wrong proof, a wrong nonce and channel binding', () => {
    const verifier = makeScramVerifier('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096);
    const x = new ScramExchange(verifier, 'SRV');
    x.clientFirst('n,,n=user,r=abc');
    expect(x.clientFinal(`c=biws,r=abcSRV,p=${Buffer.alloc(32, 1).toString('base64')}`)).toEqual({ ok: false });
    const y = new ScramExchange(verifier, 'SRV');
    y.clientFirst('n,,n=user,r=abc');
    expect(() => y.clientFinal(`c=biws,r=other,p=${Buffer.alloc(32).toString('base64')}`)).toThrow('malformed SCRAM message');
    expect(() => new ScramExchange(verifier).clientFirst('p=tls-server-end-point,,n=user,r=abc')).toThrow('channel binding is not supported');
  });
});

describe('md5', () => {
  it('computes what libpq sends', () => {
    const salt = Uint8Array.of(1, 2, 3, 4);
    const r = md5Response('ann', 'secret', salt);
    expect(r).toMatch(/^md5[0-9a-f]{32}$/);
    expect(verifyMd5('ann', 'secret', salt, r)).toBe(true);
    expect(verifyMd5('ann', 'wrong', salt, r)).toBe(false);
    expect(verifyMd5('bob', 'secret', salt, r)).toBe(false);
  });
});

describe('authentication through node-postgres', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  const methods: AuthConfig['method'][] = ['password', 'md5', 'scram-sha-256'];
  for (const method of methods) {
    it(`${method}: accepts the right password and refuses a wrong one with 28P01`, async () => {
      server = await startTestServer({ method, users: { ann: 's3cret' } });
      const c = await server.client({ user: 'ann', password: 's3cret' });
      expect((await c.query('series 2')).rowCount).toBe(2);
      await expect(server.client({ user: 'ann', password: 'nope' })).rejects.toMatchObject({
        code: '28P01', severity: 'FATAL', message: 'password authentication failed for user "ann"',
      });
      await expect(server.client({ user: 'zed', password: 'x' })).rejects.toMatchObject({
        code: '28P01', message: 'password authentication failed for user "zed"',
      });
      expect(server.factory.sessions.map((s) => s.info.user)).toEqual(['ann']);
    });
  }

  it('trust needs no password; loopback trust overrides a configured method', async () => {
    server = await startTestServer({ method: 'scram-sha-256', users: {}, trustLoopback: true });
    const c = await server.client({ user: 'whoever' });
    expect((await c.query('series 1')).rows).toEqual([{ n: 1 }]);
    await server.close();
    server = await startTestServer();
    const d = await server.client({ user: 'other' });
    expect((await d.query('series 1')).rowCount).toBe(1);
  });

  it('sends AuthenticationSASL with SCRAM-SHA-256 only', async () => {
    server = await startTestServer({ method: 'scram-sha-256', users: { ann: 'x' } });
    const c = await RawClient.connect(server.port);
    c.send(serialize.startup({ user: 'ann' }));
    const [m] = await c.until('authenticationSASL');
    expect(m).toMatchObject({ mechanisms: ['SCRAM-SHA-256'] });
    c.send(serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256-PLUS', 'p=tls-unique,,n=,r=x'));
    const [e] = await c.until('error');
    expect(e).toMatchObject({ severity: 'FATAL', code: '08P01' });
    await c.waitClosed();
  });
});
