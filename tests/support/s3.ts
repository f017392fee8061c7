/**
 * A real S3-compatible server for tests, started on a free port, with helpers to create buckets and open
 * stores against it:
 *  - MinIO when a binary is there (PIER_TEST_MINIO or $GOPATH/bin/minio; not installed by .ci/run: building it takes ~30 min),
 *    fast, preferred when present;
 *  - moto (`moto[server]` in .venv-test) serving one request at a time (moto_serial.py: the threaded
 *    moto_server lets two concurrent `If-None-Match: *` creates of one key both succeed). moto does not check
 *    request signatures, so tests whose proxy rewrites signed headers ask for it explicitly.
 * PIER_TEST_S3=moto|minio forces one. tests/storage/object_store/s3_store.test.ts proves that the server
 * refuses a second conditional create, and contract.test.ts that exactly one of many concurrent creators wins.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore, type S3StoreOptions } from '../../storage/object_store/s3.js';
import { REPO_ROOT } from './pier.js';

const VENV = process.env['PIER_TEST_VENV'] ?? join(REPO_ROOT, '.venv-test');
const PYTHON = join(VENV, 'bin/python');
const LAUNCHER = join(REPO_ROOT, 'tests/support/moto_serial.py');
export const HAVE_MOTO = existsSync(join(VENV, 'bin/moto_server')) && existsSync(PYTHON);
export const MOTO_SKIP_MESSAGE = `moto not found in ${VENV} (install requirements-test.txt into .venv-test, as .ci/run does)`;

export const MINIO_BINARY = process.env['PIER_TEST_MINIO'] ?? join(process.env['GOPATH'] ?? join(homedir(), 'go'), 'bin/minio');
export const HAVE_MINIO = existsSync(MINIO_BINARY);

export type S3ServerKind = 'minio' | 'moto';

/** Some S3 server can be started (MinIO or moto). */
export const HAVE_S3 = HAVE_MINIO || HAVE_MOTO;
export const S3_SKIP_MESSAGE = `no S3 server for tests: neither MinIO (${MINIO_BINARY}) nor moto (${VENV}) is installed (see .ci/run)`;

function defaultKind(): S3ServerKind {
  const forced = process.env['PIER_TEST_S3'];
  if (forced === 'moto' || forced === 'minio') return forced;
  return HAVE_MINIO ? 'minio' : 'moto';
}

/** Test credentials: moto accepts any; MinIO is started with them as its root user (password ≥ 8 chars). */
export const TEST_CREDENTIALS = { accessKeyId: 'pier-test-key', secretAccessKey: 'pier-test-secret' };
export const TEST_REGION = 'us-east-1';

export interface S3Server {
  readonly kind: S3ServerKind;
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

export async function startS3Server(options: { readonly kind?: S3ServerKind } = {}): Promise<S3Server> {
  const kind = options.kind ?? defaultKind();
  const port = await freePort();
  let dataDir: string | null = null;
  let proc: ChildProcess;
  let ready: string;
  if (kind === 'minio') {
    dataDir = mkdtempSync(join(tmpdir(), 'pier-minio-'));
    const consolePort = await freePort();
    proc = spawn(MINIO_BINARY, ['server', dataDir, '--quiet', '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${consolePort}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MINIO_ROOT_USER: TEST_CREDENTIALS.accessKeyId, MINIO_ROOT_PASSWORD: TEST_CREDENTIALS.secretAccessKey, MINIO_BROWSER: 'off' },
    });
    ready = '/minio/health/live';
  } else {
    proc = spawn(PYTHON, [LAUNCHER, '127.0.0.1', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    ready = '/moto-api/';
  }
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${kind} exited with ${proc.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${endpoint}${ready}`);
      if (r.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`${kind} did not start within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const admin = new S3Client({ endpoint, region: TEST_REGION, forcePathStyle: true, credentials: TEST_CREDENTIALS });
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  return {
    kind,
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
      if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
