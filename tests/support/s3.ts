/**
 * A real S3-compatible server for tests: moto's standalone server (`moto[server]` in .venv-test), started on a
 * free port, with helpers to create buckets and open stores against it. moto honours `If-None-Match: *`
 * (tests/storage/object_store/s3_store.test.ts proves it), which Delta commits need.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore, type S3StoreOptions } from '../../storage/object_store/s3.js';
import { REPO_ROOT } from './pier.js';

export const MOTO_SERVER = process.env['PIER_TEST_MOTO_SERVER'] ?? join(REPO_ROOT, '.venv-test/bin/moto_server');
export const HAVE_MOTO = existsSync(MOTO_SERVER);
export const MOTO_SKIP_MESSAGE = `moto_server not found at ${MOTO_SERVER} (install requirements-test.txt into .venv-test, as .ci/run does)`;

/** Test credentials: moto accepts any. */
export const TEST_CREDENTIALS = { accessKeyId: 'pier-test-key', secretAccessKey: 'pier-test-secret' };
export const TEST_REGION = 'us-east-1';

export interface S3Server {
  readonly endpoint: string;
  readonly port: number;
  /** create a bucket (a fresh name per test keeps tests apart) */
  createBucket(name?: string): Promise<string>;
  /** an S3ObjectStore on this server */
  store(bucket: string, prefix?: string, options?: Partial<S3StoreOptions>): S3ObjectStore;
  /** env for a Pier process using this server (endpoint, region, credentials) */
  env(endpoint?: string): Record<string, string>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

let bucketSeq = 0;

export async function startS3Server(): Promise<S3Server> {
  const port = await freePort();
  const proc: ChildProcess = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`moto_server exited with ${proc.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${endpoint}/moto-api/`);
      if (r.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`moto_server did not start within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const admin = new S3Client({ endpoint, region: TEST_REGION, forcePathStyle: true, credentials: TEST_CREDENTIALS });
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  return {
    endpoint,
    port,
    async createBucket(name) {
      const bucket = name ?? `pier-test-${process.pid}-${++bucketSeq}-${Math.random().toString(36).slice(2, 8)}`;
      await admin.send(new CreateBucketCommand({ Bucket: bucket }));
      return bucket;
    },
    store(bucket, prefix = '', options = {}) {
      return new S3ObjectStore({ bucket, prefix, endpoint, region: TEST_REGION, forcePathStyle: true, credentials: TEST_CREDENTIALS, ...options });
    },
    env(viaEndpoint = endpoint) {
      return {
        PIER_S3_ENDPOINT: viaEndpoint,
        PIER_S3_REGION: TEST_REGION,
        PIER_S3_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        PIER_S3_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        PIER_S3_FORCE_PATH_STYLE: 'true',
      };
    },
    async stop() {
      admin.destroy();
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}
