/** JSON schemas of the admin API's parameters, bodies and answers (validation and the OpenAPI document). */

export const errorSchema = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

export const tableParams = {
  type: 'object',
  required: ['schema', 'table'],
  properties: { schema: { type: 'string', minLength: 1 }, table: { type: 'string', minLength: 1 } },
} as const;

export const jobParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1 } },
} as const;

export const historyQuery = {
  type: 'object',
  properties: { limit: { type: 'integer', minimum: 1 } },
  additionalProperties: false,
} as const;

export const optimizeBody = {
  type: 'object',
  properties: {
    where: { type: 'string', description: 'predicate on partition columns, SQL syntax' },
    zorderBy: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'data columns to Z-order by' },
  },
  additionalProperties: false,
} as const;

export const vacuumBody = {
  type: 'object',
  properties: {
    retainHours: { type: 'number', minimum: 0 },
    dryRun: { type: 'boolean' },
    retentionCheck: { type: 'boolean', description: 'false: allow a retention under delta.deletedFileRetentionDuration' },
  },
  additionalProperties: false,
} as const;

export const jobSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    table: { type: 'string' },
    status: { type: 'string', enum: ['running', 'succeeded', 'failed', 'canceled'] },
    progress: { type: 'object', properties: { done: { type: 'integer' }, total: { type: 'integer' } } },
    result: {},
    error: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
  },
} as const;
