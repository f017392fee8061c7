/**
 * CREATE TABLE [IF NOT EXISTS] name (col type [NOT NULL | NULL | PRIMARY KEY], ...)
 *   [PARTITION BY LIST (col)]  or Spark's  [PARTITIONED BY (c1, ...)] [USING DELTA] [TBLPROPERTIES (...)] [COMMENT '...']
 *   [LOCATION '<path or URI>']
 * PRIMARY KEY only implies NOT NULL (Delta has no unique constraints).
 * LOCATION makes an external table (catalog/external_tables.ts): `CREATE TABLE t LOCATION '…'` (no column list)
 * registers the Delta table there, its schema read from the log; with columns the table is created there, or
 * registered when one with the same schema exists (else 42KD7). DROP TABLE only unregisters it.
 */
import { viewBlocksCreate } from './relation_kinds.js';
import { assertPartitionable } from '../../../catalog/delta_nested_types.js';
import type { CreateTableSpec } from '../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import { bindTypeName } from '../expr/bind_expr.js';
import type { PgNode } from '../expr/scope.js';
import type { CreateTableExtras } from '../../sql/statement.js';
import type { StatementEnv, StatementInput } from './context.js';
import { creationRef, positionOf, rangeVarName } from './names.js';
import { withCheckConstraints } from './create_table_checks.js';

const propertiesOf = (p: Readonly<Record<string, string>> | null): { properties?: Readonly<Record<string, string>> } => (p === null ? {} : { properties: p });

export async function executeCreateTable(stmt: PgNode, input: StatementInput, env: StatementEnv): Promise<string> {
  const extras = input.extras.createTable;
  checkLakehouseExtras(extras, true);
  if (stmt.relation?.relpersistence === 't') throw new QueryError(SQLSTATE.feature_not_supported, 'temporary tables are not supported');
  if (stmt.inhRelations !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'table inheritance is not supported');
  if (stmt.partbound !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'CREATE TABLE ... PARTITION OF is not supported');
  const n = rangeVarName(stmt.relation, env.sql);
  const fields = bindColumns((stmt.tableElts ?? []) as PgNode[], env.sql);
  const partitionColumns = partitionColumnsOf(stmt, extras, fields, env.sql);
  const ref = await creationRef(env.catalog, env.searchPath, n);
  if (await viewBlocksCreate(env, ref, stmt.if_not_exists === true)) return 'CREATE TABLE';
  if (extras?.location != null && fields.length === 0 && (partitionColumns.length > 0 || extras.tblProperties !== null)) {
    throw new QueryError(SQLSTATE.feature_not_supported, 'PARTITIONED BY and TBLPROPERTIES need a column list when registering a table by LOCATION');
  }
  const spec: CreateTableSpec = {
    ref,
    fields,
    partitionColumns,
    ifNotExists: stmt.if_not_exists === true,
    ...propertiesOf(withCheckConstraints(extras?.tblProperties ?? null, (stmt.tableElts ?? []) as PgNode[], n.name, fields, env.sql)),
    ...(extras?.comment != null ? { comment: extras.comment } : {}),
    ...(extras?.location != null ? { location: extras.location } : {}),
  };
  const created = await env.catalog.createTable(spec);
  if (created === null) env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.duplicate_table, message: `relation "${n.name}" already exists, skipping` });
  return 'CREATE TABLE';
}

export function checkLakehouseExtras(extras: CreateTableExtras | undefined, allowLocation = false): void {
  if (extras === undefined) return;
  if (extras.using !== null && extras.using !== 'delta') {
    throw new QueryError(SQLSTATE.feature_not_supported, `table format "${extras.using}" is not supported (only DELTA)`);
  }
  if (extras.location !== null && !allowLocation) {
    throw new QueryError(SQLSTATE.feature_not_supported, 'CREATE TABLE ... LOCATION is not supported yet');
  }
}

function bindColumns(elts: readonly PgNode[], sql: string): Field[] {
  const fields: Field[] = [];
  const seen = new Set<string>();
  for (const elt of elts) {
    const col = elt.ColumnDef as PgNode | undefined;
    if (col === undefined) {
      const c = elt.Constraint as PgNode | undefined;
      if (c !== undefined && c.contype === 'CONSTR_PRIMARY') {
        for (const k of (c.keys ?? []) as PgNode[]) {
          const name = k.String.sval as string;
          const i = fields.findIndex((f) => f.name === name);
          if (i < 0) throw new QueryError(SQLSTATE.undefined_column, `column "${name}" named in key does not exist`, { position: positionOf(c, sql) });
          fields[i] = { ...fields[i]!, nullable: false };
        }
        continue;
      }
      if (c !== undefined && c.contype === 'CONSTR_CHECK') continue; // create_table_checks.ts
      throw new QueryError(SQLSTATE.feature_not_supported, 'table constraints other than PRIMARY KEY are not supported', { position: positionOf(c ?? elt, sql) });
    }
    const name = col.colname as string;
    if (seen.has(name)) throw new QueryError(SQLSTATE.duplicate_column, `column "${name}" specified more than once`, { position: positionOf(col, sql) });
    seen.add(name);
    let nullable = true;
    for (const cn of (col.constraints ?? []) as PgNode[]) {
      const c = cn.Constraint as PgNode;
      switch (c.contype) {
        case 'CONSTR_NOTNULL': case 'CONSTR_PRIMARY': nullable = false; break;
        case 'CONSTR_NULL': break;
        case 'CONSTR_CHECK': break; // create_table_checks.ts
        default:
          throw new QueryError(SQLSTATE.feature_not_supported, `column constraint ${String(c.contype).replace(/^CONSTR_/, '')} is not supported`, { position: positionOf(c, sql) });
      }
    }
    const type = bindTypeName(col.typeName);
    fields.push({ name, type, nullable });
  }
  return fields;
}

/** PARTITIONED BY (Spark) or PARTITION BY LIST (PostgreSQL); columns must exist. */
export function partitionColumnsOf(stmt: PgNode, extras: CreateTableExtras | undefined, fields: readonly Field[], sql: string): string[] {
  const spec = stmt.partspec as PgNode | undefined;
  let cols: string[] = [];
  if (spec !== undefined) {
    if (extras?.partitionedBy != null) throw new QueryError(SQLSTATE.syntax_error, 'PARTITION BY and PARTITIONED BY cannot both be given', { position: positionOf(spec, sql) });
    const strategy = String(spec.strategy ?? '');
    const params = (spec.partParams ?? []) as PgNode[];
    if (strategy !== 'PARTITION_STRATEGY_LIST') {
      throw new QueryError(SQLSTATE.feature_not_supported, 'only PARTITION BY LIST (or PARTITIONED BY) is supported', { position: positionOf(spec, sql) });
    }
    if (params.length > 1) {
      throw new QueryError(SQLSTATE.invalid_table_definition, 'cannot use "list" partition strategy with more than one column', { position: positionOf(spec, sql) });
    }
    for (const p of params) {
      const e = p.PartitionElem as PgNode;
      if (typeof e.name !== 'string') throw new QueryError(SQLSTATE.feature_not_supported, 'partitioning by an expression is not supported', { position: positionOf(e, sql) });
      if (!fields.some((f) => f.name === e.name)) {
        throw new QueryError(SQLSTATE.undefined_column, `column "${e.name}" named in partition key does not exist`, { position: positionOf(e, sql) });
      }
      cols.push(e.name);
    }
  } else if (extras?.partitionedBy != null) {
    cols = [...extras.partitionedBy];
    for (const c of cols) {
      if (!fields.some((f) => f.name === c)) throw new QueryError(SQLSTATE.undefined_column, `column "${c}" named in partition key does not exist`);
    }
  }
  if (new Set(cols).size !== cols.length) throw new QueryError(SQLSTATE.duplicate_column, 'a partition column is named more than once');
  if (cols.length > 0 && cols.length === fields.length) {
    throw new QueryError(SQLSTATE.invalid_table_definition, 'cannot partition a table by all of its columns');
  }
  assertPartitionable(fields, cols);
  return cols;
}
