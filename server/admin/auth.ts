/**
 * Admin API access: `GET /health`, `GET /metrics` and the OpenAPI document are open. Everything else under
 * /api/v1 needs `Authorization: Bearer <admin.token>` when a token is configured (401 otherwise); with no
 * token configured, the API answers requests from loopback addresses only (403 for others).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const OPEN = new Set(['/health', '/metrics', '/api/v1/openapi.json']);

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fastify onRequest hook enforcing the policy above. */
export function adminAuthHook(token: string | null) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const path = req.url.split('?')[0]!;
    if (OPEN.has(path)) return;
    if (token === null || token === '') {
      if (!isLoopback(req.socket.remoteAddress)) {
        await reply.code(403).send({ error: 'forbidden', message: 'the admin API has no token configured (admin.token / PIER_ADMIN_TOKEN): only loopback clients may use it' });
      }
      return;
    }
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(h);
    if (m === null || !sameToken(m[1]!.trim(), token)) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'missing or invalid bearer token' });
    }
  };
}
