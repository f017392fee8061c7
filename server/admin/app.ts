/**
 * The admin HTTP API (fastify), built apart from `listen` so tests can inject requests.
 *   GET  /health                                   open: status and version
 *   GET  /metrics                                  open: Prometheus text (server/metrics.ts)
 *   GET  /api/v1/openapi.json                      open: this API's OpenAPI document
 *   GET  /api/v1/tables                            tables of every schema
 *   GET  /api/v1/tables/{schema}/{table}           detail (version, files, size, partitioning, properties)
 *   GET  /api/v1/tables/{schema}/{table}/history   commits, newest first (?limit=n)
 *   POST /api/v1/tables/{schema}/{table}/optimize  body {where?, zorderBy?} → 202 job
 *   POST /api/v1/tables/{schema}/{table}/vacuum    body {retainHours?, dryRun?, retentionCheck?} → 202 job
 *   GET  /api/v1/jobs, GET /api/v1/jobs/{id}       status, progress (files done/total), result
 *   DELETE /api/v1/jobs/{id}, POST /api/v1/jobs/{id}/cancel   cancel a running job
 * Access: server/admin/auth.ts. Bad parameters or bodies are 400 with a message.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifySchema } from 'fastify';
import type { Catalog, Table } from '../../catalog/catalog.js';
import { QueryError } from '../../common/errors.js';
import { OptimizeError } from '../../storage/delta/operations/optimize_plan.js';
import type { PierMetrics } from '../metrics.js';
import { adminAuthHook } from './auth.js';
import { JobRegistry } from './jobs.js';
import { prepareOptimize, runOptimizeJob, runVacuumJob, type MaintenanceDeps, type OptimizeBody, type VacuumBody } from './maintenance.js';
import { collectRoutes, openApiDocument } from './openapi.js';
import { historyQuery, jobParams, optimizeBody, tableParams, vacuumBody } from './schemas.js';
import { listAllTables, tableDetail, tableHistory } from './table_info.js';

export interface AdminDeps {
  readonly version: string;
  /** true while the server accepts queries */
  readonly ready: () => boolean;
  readonly catalog?: Catalog;
  readonly metrics?: PierMetrics;
  /** bearer token for /api/v1 (null: loopback clients only) */
  readonly token?: string | null;
  readonly maintenance?: MaintenanceDeps;
}

const SECURED = [{ bearer: [] }];
/** A route schema with OpenAPI extras (summary, security) fastify ignores. */
const doc = (s: Record<string, unknown>): FastifySchema => s as FastifySchema;

export function buildAdminApp(deps: AdminDeps): FastifyInstance & { jobs: JobRegistry } {
  const app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: true } } });
  const jobs = new JobRegistry();
  const routes = collectRoutes(app);
  app.addHook('onRequest', adminAuthHook(deps.token ?? null));
  app.addHook('onClose', async () => { await jobs.close(); });
  app.setErrorHandler(async (err: Error & { validation?: unknown; statusCode?: number }, _req, reply) => {
    if (err.validation !== undefined) return reply.code(400).send({ error: 'bad_request', message: err.message });
    if (err instanceof QueryError || err instanceof OptimizeError) return reply.code(400).send({ error: 'bad_request', message: err.message });
    const code = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return reply.code(code).send({ error: code === 500 ? 'internal_error' : 'bad_request', message: err.message });
  });

  app.get('/health', { schema: doc({ summary: 'Liveness and readiness' }) }, async (_req, reply) => {
    const ok = deps.ready();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'starting', version: deps.version });
  });

  app.get('/metrics', { schema: doc({ summary: 'Prometheus metrics' }) }, async (_req, reply) => {
    if (deps.metrics === undefined) return reply.code(404).send({ error: 'not_found', message: 'metrics are off' });
    return reply.header('content-type', deps.metrics.contentType).send(await deps.metrics.render());
  });

  app.get('/api/v1/openapi.json', { schema: doc({ summary: 'This document' }) }, async () => openApiDocument(routes, deps.version));

  const catalog = (): Catalog => {
    if (deps.catalog === undefined) throw Object.assign(new Error('no catalog'), { statusCode: 503 });
    return deps.catalog;
  };
  const findTable = async (params: { schema: string; table: string }, reply: FastifyReply): Promise<Table | null> => {
    const t = await catalog().getTable({ schema: params.schema, name: params.table });
    if (t === null || t.deltaLocation === undefined) {
      await reply.code(404).send({ error: 'not_found', message: `table "${params.schema}.${params.table}" does not exist` });
      return null;
    }
    return t;
  };
  type TableReq = { Params: { schema: string; table: string } };

  app.get('/api/v1/tables', { schema: doc({ summary: 'List tables', security: SECURED }) }, async () => ({ tables: await listAllTables(catalog()) }));

  app.get<TableReq>('/api/v1/tables/:schema/:table', { schema: doc({ summary: 'Table detail', params: tableParams, security: SECURED }) }, async (req, reply) => {
    const t = await findTable(req.params, reply);
    return t === null ? reply : tableDetail(t);
  });

  app.get<TableReq & { Querystring: { limit?: number } }>('/api/v1/tables/:schema/:table/history', { schema: doc({ summary: 'Table history', params: tableParams, querystring: historyQuery, security: SECURED }) }, async (req, reply) => {
    const t = await findTable(req.params, reply);
    return t === null ? reply : { history: await tableHistory(t, req.query.limit ?? null) };
  });

  app.post<TableReq & { Body: OptimizeBody }>('/api/v1/tables/:schema/:table/optimize', { schema: doc({ summary: 'Start OPTIMIZE (bin-packing or ZORDER BY) as a job', params: tableParams, body: optimizeBody, security: SECURED }) }, async (req, reply) => {
    const t = await findTable(req.params, reply);
    if (t === null) return reply;
    const body = req.body ?? {};
    const filter = await prepareOptimize(t, body);
    const job = jobs.start('optimize', `${req.params.schema}.${req.params.table}`, runOptimizeJob(t, body, filter, deps.maintenance ?? {}),
      (s) => deps.metrics?.maintenanceRun('OPTIMIZE', s === 'succeeded' ? 'ok' : s === 'canceled' ? 'canceled' : 'error'));
    return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
  });

  app.post<TableReq & { Body: VacuumBody }>('/api/v1/tables/:schema/:table/vacuum', { schema: doc({ summary: 'Start VACUUM as a job', params: tableParams, body: vacuumBody, security: SECURED }) }, async (req, reply) => {
    const t = await findTable(req.params, reply);
    if (t === null) return reply;
    const job = jobs.start('vacuum', `${req.params.schema}.${req.params.table}`, runVacuumJob(t, req.body ?? {}),
      (s) => deps.metrics?.maintenanceRun('VACUUM', s === 'succeeded' ? 'ok' : s === 'canceled' ? 'canceled' : 'error'));
    return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
  });

  app.get('/api/v1/jobs', { schema: doc({ summary: 'List jobs', security: SECURED }) }, async () => ({ jobs: jobs.list() }));

  type JobReq = { Params: { id: string } };
  app.get<JobReq>('/api/v1/jobs/:id', { schema: doc({ summary: 'Job status, progress and result', params: jobParams, security: SECURED }) }, async (req, reply) => {
    const j = jobs.get(req.params.id);
    return j === null ? reply.code(404).send({ error: 'not_found', message: `job "${req.params.id}" does not exist` }) : j;
  });
  const cancel = async (req: { params: { id: string } }, reply: FastifyReply) => {
    const j = jobs.cancel(req.params.id);
    return j === null ? reply.code(404).send({ error: 'not_found', message: `job "${req.params.id}" does not exist` }) : reply.code(202).send(j);
  };
  app.delete<JobReq>('/api/v1/jobs/:id', { schema: doc({ summary: 'Cancel a job', params: jobParams, security: SECURED }) }, cancel);
  app.post<JobReq>('/api/v1/jobs/:id/cancel', { schema: doc({ summary: 'Cancel a job', params: jobParams, security: SECURED }) }, cancel);

  return Object.assign(app, { jobs });
}
