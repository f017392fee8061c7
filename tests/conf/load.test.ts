import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../conf/config.js';
import { loadConfig } from '../../conf/load.js';

function configFile(content: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'pier-conf-')), 'pier.json');
  writeFileSync(p, content);
  return p;
}

describe('configuration', () => {
  it('uses the embedded defaults', () => {
    const c = loadConfig({ argv: [], env: {} });
    expect([c.host, c.port, c.database, c.warehouse, c.auth.method]).toEqual(['127.0.0.1', 5433, 'pier', './warehouse', 'trust']);
    expect(Object.isFrozen(c) && Object.isFrozen(c.auth)).toBe(true);
  });

  it('layers file < environment < flags', () => {
    const file = configFile(JSON.stringify({ port: 6000, database: 'lake', warehouse: '/w1', auth: { method: 'md5', users: { ann: 's3cret' } } }));
    const c = loadConfig({ argv: ['--config', file, '--warehouse=/w3'], env: { PIER_PORT: '6001', PIER_WAREHOUSE: '/w2' } });
    expect([c.port, c.database, c.warehouse, c.auth.method, c.auth.users]).toEqual([6001, 'lake', '/w3', 'md5', { ann: 's3cret' }]);
  });

  it('rejects bad values with a message naming the source and key', () => {
    expect(() => loadConfig({ argv: [], env: { PIER_PORT: '70000' } })).toThrow(/environment: port: expected an integer from 0 to 65535, got "70000"/);
    expect(() => loadConfig({ argv: ['--workers', 'many'], env: {} })).toThrow(/command line: workers/);
    expect(() => loadConfig({ argv: ['--bogus', '1'], env: {} })).toThrow(/unknown option --bogus/);
    expect(() => loadConfig({ argv: ['--auth-method', 'scram-sha-256'], env: {} })).toThrow(/needs at least one user/);
    expect(() => loadConfig({ argv: ['--config', configFile('{"prot": 1}')], env: {} })).toThrow(/unknown key "prot"/);
    expect(() => loadConfig({ argv: ['--config', configFile('{nope')], env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ argv: [], env: { PIER_WAREHOUSE: 'gs://bucket/x' } })).toThrow(/expected a folder, file:\/\/\/path or s3:\/\/bucket\/prefix/);
  });

  it('reads the nested cache and query sections of a config file', () => {
    const c = loadConfig({ argv: ['--config', configFile(JSON.stringify({ cache: { maxBytes: 1234 }, query: { maxMemoryBytes: 5678 } }))], env: {} });
    expect([c.cacheMaxBytes, c.queryMaxMemoryBytes]).toEqual([1234, 5678]);
    const f = loadConfig({ argv: ['--config', configFile('{"cache":{"maxBytes":1}}'), '--cache-max-bytes', '99'], env: { PIER_QUERY_MAX_MEMORY: '42' } });
    expect([f.cacheMaxBytes, f.queryMaxMemoryBytes]).toEqual([99, 42]);
  });

  it('reads users from PIER_USERS', () => {
    const c = loadConfig({ argv: ['--auth-method', 'password'], env: { PIER_USERS: 'ann:a1, bob:b:2' } });
    expect(c.auth.users).toEqual({ ann: 'a1', bob: 'b:2' });
  });
});
