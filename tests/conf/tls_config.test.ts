/** TLS settings: `tls.cert` / `tls.key` from the file, PIER_TLS_CERT / PIER_TLS_KEY, --tls-cert / --tls-key. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../conf/load.js';
import { loadTls } from '../../server/pgwire/tls.js';

describe('TLS configuration', () => {
  it('is off by default and read from file, environment and flags (later wins)', () => {
    expect(loadConfig({ argv: [], env: {} }).tls).toBeUndefined();
    const file = join(mkdtempSync(join(tmpdir(), 'pier-tls-conf-')), 'pier.json');
    writeFileSync(file, JSON.stringify({ tls: { cert: '/f/cert.pem', key: '/f/key.pem' } }));
    expect(loadConfig({ argv: ['--config', file], env: {} }).tls).toEqual({ cert: '/f/cert.pem', key: '/f/key.pem' });
    expect(loadConfig({ argv: ['--config', file], env: { PIER_TLS_CERT: '/e/cert.pem' } }).tls).toEqual({ cert: '/e/cert.pem', key: '/f/key.pem' });
    expect(loadConfig({ argv: ['--tls-cert', '/c/c.pem', '--tls-key', '/c/k.pem'], env: { PIER_TLS_CERT: '/e/cert.pem', PIER_TLS_KEY: '/e/key.pem' } }).tls)
      .toEqual({ cert: '/c/c.pem', key: '/c/k.pem' });
  });

  it('needs both files, and names a file it cannot read', () => {
    expect(() => loadConfig({ argv: ['--tls-cert', '/c/c.pem'], env: {} })).toThrow('tls.cert and tls.key must be given together');
    const file = join(mkdtempSync(join(tmpdir(), 'pier-tls-conf-')), 'pier.json');
    writeFileSync(file, JSON.stringify({ tls: { certificate: 'x' } }));
    expect(() => loadConfig({ argv: ['--config', file], env: {} })).toThrow('unknown key "tls.certificate"');
    expect(() => loadTls('/nonexistent/cert.pem', '/nonexistent/key.pem')).toThrow('cannot read TLS certificate file /nonexistent/cert.pem');
  });
});
