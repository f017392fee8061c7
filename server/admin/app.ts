/**
 * The admin HTTP API (fastify), built apart from `listen` so tests can inject requests.
 * For now: GET /health. Table maintenance routes and /metrics come with the maintenance issue.
 */
import Fastify, { type FastifyInstance } from 'fastify';

export interface AdminDeps {
  readonly version: string;
  /** true while the server accepts queries */
  readonly ready: () => boolean;
}

export function buildAdminApp(deps: AdminDeps): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/health', async (_req, reply) => {
    const ok = deps.ready();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'starting', version: deps.version });
  });
  return app;
}
