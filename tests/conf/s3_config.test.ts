/** S3 configuration keys: file (nested or flat), environment, flags; s3:// warehouses; validation. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../conf/load.js';
import { s3SettingsFromEnv, shareS3Settings } from '../../storage/object_store/s3_settings.js';

function configFile(content: unknown): string {
  const p = join(mkdtempSync(join(tmpdir(), 'pier-conf-s3-')), 'pier.json');
  writeFileSync(p, JSON.stringify(content));
  return p;
}

describe('S3 configuration', () => {
  it('defaults to the AWS chain: nothing set', () => {
    expect(loadConfig({ argv: [], env: {} }).s3).toEqual({ endpoint: null, region: null, accessKeyId: null, secretAccessKey: null, sessionToken: null, forcePathStyle: null });
  });

  it('accepts s3:// warehouses and the s3 keys from file (nested and flat), env and flags, later winning', () => {
    const file = configFile({ warehouse: 's3://lake-bucket/prod', s3: { endpoint: 'http://minio:9000', region: 'eu-west-1', accessKeyId: 'AK', secretAccessKey: 'SK', forcePathStyle: true } });
    const c = loadConfig({ argv: ['--config', file, '--s3-region', 'us-west-2'], env: { PIER_S3_ENDPOINT: 'http://other:9000' } });
    expect(c.warehouse).toBe('s3://lake-bucket/prod');
    expect(c.s3).toEqual({ endpoint: 'http://other:9000', region: 'us-west-2', accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: null, forcePathStyle: true });
    const flat = loadConfig({ argv: ['--config', configFile({ 's3.endpoint': 'http://x:1', 's3.forcePathStyle': 'false' })], env: {} });
    expect([flat.s3.endpoint, flat.s3.forcePathStyle]).toEqual(['http://x:1', false]);
    expect(loadConfig({ argv: [], env: { PIER_S3_FORCE_PATH_STYLE: 'true', PIER_WAREHOUSE: 's3a://b-1/x' } }).s3.forcePathStyle).toBe(true);
  });

  it('rejects bad S3 settings with the source and key', () => {
    expect(() => loadConfig({ argv: ['--s3-force-path-style', 'maybe'], env: {} })).toThrow(/command line: s3ForcePathStyle: expected true or false/);
    expect(() => loadConfig({ argv: ['--config', configFile({ s3: { bogus: 1 } })], env: {} })).toThrow(/unknown key "s3.bogus"/);
    expect(() => loadConfig({ argv: [], env: { PIER_S3_ACCESS_KEY_ID: 'AK' } })).toThrow(/must be given together/);
    expect(() => loadConfig({ argv: [], env: { PIER_WAREHOUSE: 's3://' } })).toThrow(/not a valid s3:\/\/bucket/);
    expect(() => loadConfig({ argv: [], env: { PIER_WAREHOUSE: 'gs://b/x' } })).toThrow(/expected a folder, file:\/\/\/path or s3:\/\/bucket\/prefix/);
  });

  it('shares settings with worker threads through PIER_S3_* and reads them back, AWS_* as fallback', () => {
    const env: Record<string, string | undefined> = { AWS_REGION: 'ap-south-1', AWS_ENDPOINT_URL: 'http://aws-env:1' };
    expect(s3SettingsFromEnv(env)).toEqual({ endpoint: 'http://aws-env:1', region: 'ap-south-1', forcePathStyle: null, credentials: null });
    shareS3Settings({ endpoint: 'http://m:9000', forcePathStyle: true, credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } }, env);
    expect(s3SettingsFromEnv(env)).toEqual({ endpoint: 'http://m:9000', region: 'ap-south-1', forcePathStyle: true, credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } });
  });
});
