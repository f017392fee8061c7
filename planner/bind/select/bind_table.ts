/** A table reference in FROM (RangeVar): resolve through the search path, pin one snapshot, scan it. */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { DataFile, Table, TableSnapshot } from '../../../catalog/catalog.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan, ScanFile } from '../../logical/nodes.js';
import { pgPosition, RelationScope, type ScopeEntry } from './relation_scope.js';
import type { FromResult } from './bind_from.js';
import { bindSystemTable, systemTableFor } from './bind_system_table.js';
import { bindView, findView } from './bind_view.js';
import { checkCatalogName } from './catalog_name.js';
import { timeTravelVersion } from './time_travel.js';

export function toScanFile(f: DataFile): ScanFile {
  return {
    path: f.path,
    size: f.size,
    partitionValues: f.partitionValues,
    numRecords: f.stats?.numRecords ?? null,
    min: f.stats?.min ?? null,
    max: f.stats?.max ?? null,
    nullCount: f.stats?.nullCount ?? null,
    ...(f.deletionVector !== undefined ? { deletionVector: f.deletionVector } : {}),
  };
}

/** Snapshots pinned by this statement, by `schema.table` (one version per table per statement). */
export type SnapshotPins = Map<string, Promise<TableSnapshot>>;

export async function resolveTable(rv: PgNode, ctx: PlanContext): Promise<{ table: Table; schema: string }> {
  const relname: string = rv.relname;
  const schemas: readonly string[] = rv.schemaname ? [rv.schemaname] : ctx.searchPath;
  for (const schema of schemas) {
    const table = await ctx.catalog.getTable({ schema, name: relname });
    if (table) return { table, schema };
  }
  const shown = rv.schemaname ? `${rv.schemaname}.${relname}` : relname;
  throw new QueryError(SQLSTATE.undefined_table, `relation "${shown}" does not exist`, { position: pgPosition(rv.location) });
}

export async function bindTable(rv: PgNode, ctx: PlanContext, pins: SnapshotPins): Promise<FromResult> {
  checkCatalogName(rv, ctx);
  const system = systemTableFor(rv, ctx);
  if (system !== null) return bindSystemTable(rv, system, ctx);
  let resolved: { table: Table; schema: string };
  try {
    resolved = await resolveTable(rv, ctx);
  } catch (e) {
    const view = e instanceof QueryError && e.sqlstate === SQLSTATE.undefined_table ? await findView(rv, ctx) : null;
    if (view === null) throw e;
    return bindView(rv, view.schema, view.view, ctx, pins);
  }
  const { table, schema } = resolved;
  const key = `${schema}.${rv.relname}`;
  const version = await timeTravelVersion(table, rv, ctx);
  const pinKey = version === undefined ? key : `${key}@v${version}`;
  let pin = pins.get(pinKey);
  if (!pin) {
    pin = table.snapshot(version);
    pins.set(pinKey, pin);
  }
  const snap = await pin;
  const aliasNode = rv.alias as PgNode | undefined;
  const colAliases: string[] = (aliasNode?.colnames ?? []).map((n: PgNode) => n.String.sval as string);
  const fields = snap.fields.map((f, i) => ({ ...f, name: colAliases[i] ?? f.name }));
  const plan: LogicalPlan = {
    kind: 'scan',
    schema: fields,
    source: {
      kind: 'delta',
      name: key,
      store: snap.store.descriptor,
      fields: snap.fields,
      partitionColumns: snap.partitionColumns,
      totalFiles: snap.files.length,
      ...(snap.fileColumnNames !== undefined ? { fileColumnNames: snap.fileColumnNames } : {}),
      ...(snap.fileFieldIds !== undefined ? { fileFieldIds: snap.fileFieldIds } : {}),
      ...(snap.metadataColumns === true ? { metadataColumns: true } : {}),
      ...(snap.nestedFieldNames !== undefined ? { nestedFieldNames: snap.nestedFieldNames } : {}),
    },
    columns: fields.map((_, i) => i),
    files: snap.files.map(toScanFile),
    filter: null,
    limit: null,
  };
  const entry: ScopeEntry = {
    alias: aliasNode?.aliasname ?? rv.relname,
    schemaName: aliasNode ? null : schema,
    columns: fields.map((f, i) => ({ name: f.name, type: f.type, index: i, hidden: false })),
  };
  return { plan, scope: new RelationScope([entry], fields) };
}
