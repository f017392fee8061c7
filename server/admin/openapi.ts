/** The OpenAPI 3.0 document of the admin API, built from the routes as they are registered (fastify onRoute). */
import type { FastifyInstance, RouteOptions } from 'fastify';

interface RouteDoc {
  readonly method: string;
  readonly url: string;
  readonly schema: Record<string, unknown>;
}

export function collectRoutes(app: FastifyInstance): RouteDoc[] {
  const routes: RouteDoc[] = [];
  app.addHook('onRoute', (r: RouteOptions) => {
    const methods = (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD');
    for (const m of methods) routes.push({ method: m.toLowerCase(), url: r.url ?? '', schema: (r.schema ?? {}) as Record<string, unknown> });
  });
  return routes;
}

function parameters(schema: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const [where, key] of [['path', 'params'], ['query', 'querystring']] as const) {
    const s = schema[key] as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    for (const [name, def] of Object.entries(s?.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (s?.required ?? []).includes(name), schema: def });
    }
  }
  return out;
}

export function openApiDocument(routes: readonly RouteDoc[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const s = r.schema;
    const responses: Record<string, unknown> = {};
    for (const [code, body] of Object.entries((s.response ?? {}) as Record<string, unknown>)) {
      responses[code] = { description: code.startsWith('2') ? 'success' : 'error', content: { 'application/json': { schema: body } } };
    }
    if (Object.keys(responses).length === 0) responses['200'] = { description: 'success' };
    if (s.body !== undefined) responses['400'] ??= { description: 'invalid request body' };
    paths[path] ??= {};
    paths[path]![r.method] = {
      summary: s.summary ?? '',
      ...(s.tags !== undefined ? { tags: s.tags } : {}),
      parameters: parameters(s),
      ...(s.body !== undefined ? { requestBody: { required: true, content: { 'application/json': { schema: s.body } } } } : {}),
      responses,
      ...(s.security !== undefined ? { security: s.security } : {}),
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Pier admin API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
