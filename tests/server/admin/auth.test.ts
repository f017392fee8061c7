import { describe, expect, it } from 'vitest';
import { buildAdminApp } from '../../../server/admin/app.js';
import type { Catalog } from '../../../catalog/catalog.js';

const catalog = { listSchemas: async () => [], listTables: async () => [] } as unknown as Catalog;

describe('admin API access without a token', () => {
  it('serves /api/v1 to loopback clients only; /health stays open', async () => {
    const app = buildAdminApp({ version: 't', ready: () => true, catalog, token: null });
    try {
      const local = await app.inject({ method: 'GET', url: '/api/v1/tables', remoteAddress: '127.0.0.1' });
      expect(local.statusCode).toBe(200);
      expect(local.json()).toEqual({ tables: [] });
      const remote = await app.inject({ method: 'GET', url: '/api/v1/tables', remoteAddress: '10.1.2.3' });
      expect(remote.statusCode).toBe(403);
      expect(remote.json().message).toMatch(/loopback/);
      expect((await app.inject({ method: 'GET', url: '/health', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/v1/jobs/x', remoteAddress: '::1' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('with a token, requires it from every client, loopback included', async () => {
    const app = buildAdminApp({ version: 't', ready: () => true, catalog, token: 's3cret' });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/v1/tables', remoteAddress: '127.0.0.1' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/v1/tables', remoteAddress: '10.0.0.1', headers: { authorization: 'Bearer s3cret' } })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
