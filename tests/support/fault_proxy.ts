/**
 * A fault-injecting HTTP proxy to put between a client and an S3 server: per request it may answer 500
 * InternalError or 503 SlowDown, delay, reset the connection before forwarding, reset it after the
 * upstream handled the request (the response is lost: the write happened), or cut a response body short.
 * It can also strip `If-None-Match` (a store that ignores conditional writes). Deterministic with a seed.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type Fault = 'none' | 'error500' | 'slowDown503' | 'delay' | 'resetBeforeForward' | 'resetAfterForward' | 'truncateBody';

export const ALL_FAULTS: readonly Fault[] = ['error500', 'slowDown503', 'delay', 'resetBeforeForward', 'resetAfterForward', 'truncateBody'];

export interface FaultProxyOptions {
  /** e.g. http://127.0.0.1:5000 */
  readonly upstream: string;
  /** probability that a request gets a fault (default 0) */
  readonly faultRate?: number;
  /** the faults to pick from (default ALL_FAULTS) */
  readonly faults?: readonly Fault[];
  readonly delayMs?: number;
  readonly seed?: number;
  /** drop If-None-Match headers: the upstream then accepts every conditional create */
  readonly stripIfNoneMatch?: boolean;
}

export interface FaultProxy {
  readonly endpoint: string;
  readonly port: number;
  /** requests seen, and how many got each fault */
  readonly stats: { requests: number; faults: Record<Fault, number> };
  setFaultRate(rate: number): void;
  /** the next requests get these faults, in order (before the random ones) */
  queue(...faults: Fault[]): void;
  stop(): Promise<void>;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  const random = mulberry32(options.seed ?? 42);
  const faults = options.faults ?? ALL_FAULTS;
  let rate = options.faultRate ?? 0;
  const stats = { requests: 0, faults: { none: 0, error500: 0, slowDown503: 0, delay: 0, resetBeforeForward: 0, resetAfterForward: 0, truncateBody: 0 } as Record<Fault, number> };
  const sockets = new Set<Socket>();
  const queued: Fault[] = [];

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers };
      if (options.stripIfNoneMatch === true) delete headers['if-none-match'];
      const up = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (ures) => {
        const chunks: Buffer[] = [];
        ures.on('data', (c: Buffer) => chunks.push(c));
        ures.on('end', () => resolve({ status: ures.statusCode ?? 502, headers: ures.headers, body: Buffer.concat(chunks) }));
        ures.on('error', reject);
      });
      up.on('error', reject);
      up.end(body);
    });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        stats.requests++;
        const fault: Fault = queued.shift() ?? (rate > 0 && random() < rate ? faults[Math.floor(random() * faults.length)]! : 'none');
        stats.faults[fault]++;
        const body = Buffer.concat(chunks);
        switch (fault) {
          case 'error500':
            return s3Error(res, 500, 'InternalError', 'We encountered an internal error. Please try again.');
          case 'slowDown503':
            return s3Error(res, 503, 'SlowDown', 'Please reduce your request rate.');
          case 'resetBeforeForward':
            req.socket.destroy();
            return;
          case 'delay':
            await new Promise((r) => setTimeout(r, options.delayMs ?? 300));
            break;
          default:
            break;
        }
        let up;
        try {
          up = await forward(req, body);
        } catch {
          req.socket.destroy();
          return;
        }
        if (fault === 'resetAfterForward') {
          req.socket.destroy();
          return;
        }
        const headers = { ...up.headers };
        delete headers['transfer-encoding'];
        delete headers['connection'];
        if (fault === 'truncateBody' && up.body.length > 1 && req.method === 'GET') {
          res.writeHead(up.status, { ...headers, 'content-length': String(up.body.length) });
          res.write(up.body.subarray(0, Math.floor(up.body.length / 2)), () => req.socket.destroy());
          return;
        }
        res.writeHead(up.status, { ...headers, ...(req.method === 'HEAD' ? {} : { 'content-length': String(up.body.length) }) });
        res.end(req.method === 'HEAD' ? undefined : up.body);
      })();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stats,
    setFaultRate(r) {
      rate = r;
    },
    queue(...f) {
      queued.push(...f);
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
