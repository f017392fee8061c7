/**
 * The draft of a table's protocol, schema and configuration that ALTER TABLE's actions change one after the
 * other (errors and notices worded as PostgreSQL's; Databricks' behaviour for the Delta-only parts).
 * RENAME and DROP COLUMN turn on column mapping (mode `name`); type widening and CHECK constraints upgrade the
 * protocol as PROTOCOL.md says (storage/delta/protocol_upgrade.ts).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { formatType } from '../../../common/types.js';
import type { Protocol } from '../../../storage/delta/actions.js';
import type { DeltaStructField, DeltaStructType } from '../../../storage/delta/schema.js';
import type { DeltaSnapshot } from '../../../storage/delta/snapshot.js';
import {
  COLUMN_MAPPING_MODE, assignColumnMapping, columnMappingMode, enableColumnMapping, COLUMN_MAPPING_MAX_ID,
} from '../../../storage/delta/column_mapping_write.js';
import { withFeature } from '../../../storage/delta/protocol_upgrade.js';
import { deltaSchemaToFields, deltaTypeToSql, fieldToDelta } from '../../../catalog/delta_types.js';
import { APPEND_ONLY, CONSTRAINT_PREFIX, bindCheck, checkConstraints } from '../../../catalog/constraints.js';
import { ENABLE_TYPE_WIDENING, classifyTypeChange, widenField } from '../../../catalog/schema_evolution.js';
import { bindTypeName } from '../expr/bind_expr.js';
import type { PgNode } from '../expr/scope.js';
import { lex } from '../../sql/lexer.js';
import type { StatementEnv } from './context.js';
import { constraintAction, type AlterAction } from './alter_actions.js';
import { quoteIdent } from './alter_checks.js';

export interface Draft {
  readonly table: string;
  protocol: Protocol;
  schema: DeltaStructType;
  configuration: Record<string, string>;
  partitionColumns: string[];
  changed: boolean;
  operationParameters: Record<string, unknown>;
}

/** A condition no existing row may satisfy, checked before the commit. */
export interface DraftCheck {
  /** SQL over the table's current columns; null: "the table has any row" */
  readonly condition: string | null;
  readonly error: () => QueryError;
}

export function newDraft(snap: DeltaSnapshot, table: string): Draft {
  return {
    table,
    protocol: snap.protocol,
    schema: snap.schema,
    configuration: { ...snap.metadata.configuration },
    partitionColumns: [...snap.partitionColumns],
    changed: false,
    operationParameters: {},
  };
}

const colIndex = (d: Draft, name: string): number => d.schema.fields.findIndex((f) => f.name === name);

function requireColumn(d: Draft, name: string): number {
  const i = colIndex(d, name);
  if (i < 0) throw new QueryError(SQLSTATE.undefined_column, `column "${name}" of relation "${d.table}" does not exist`);
  return i;
}

function setFields(d: Draft, fields: DeltaStructField[]): void {
  d.schema = { type: 'struct', fields };
  d.changed = true;
}

/** Turn on column mapping (mode name) unless it is on already. */
function ensureColumnMapping(d: Draft): void {
  if (columnMappingMode(d.configuration) !== 'none') return;
  const on = enableColumnMapping(d.schema, d.configuration);
  d.schema = on.schema;
  d.configuration = on.configuration;
  d.protocol = withFeature(d.protocol, 'columnMapping');
  d.changed = true;
}

export function applyAction(d: Draft, a: AlterAction, env: StatementEnv, checks: DraftCheck[]): void {
  switch (a.kind) {
    case 'addColumns': return addColumns(d, a, env, checks);
    case 'dropColumns': return dropColumns(d, a, env);
    case 'renameColumn': return renameColumn(d, a.from, a.to);
    case 'setProperties': return setProperties(d, a.properties);
    case 'unsetProperties': return unsetProperties(d, a.keys, a.ifExists);
    case 'setNotNull': case 'dropNotNull': {
      const i = requireColumn(d, a.column);
      const f = d.schema.fields[i]!;
      const nullable = a.kind === 'dropNotNull';
      if (!nullable && d.partitionColumns.includes(f.name)) {
        // partition values are not data: still checked like other columns
      }
      if (f.nullable === nullable) return;
      if (!nullable) {
        checks.push({
          condition: `${quoteIdent(f.name)} IS NULL`,
          error: () => new QueryError(SQLSTATE.not_null_violation, `column "${f.name}" of relation "${d.table}" contains null values`),
        });
      }
      const fields = [...d.schema.fields];
      fields[i] = { ...f, nullable };
      setFields(d, fields);
      d.operationParameters = { column: JSON.stringify({ name: f.name, nullable }) };
      return;
    }
    case 'alterType': return alterType(d, a.column, a.typeName);
    case 'setComment': {
      const i = requireColumn(d, a.column);
      const f = d.schema.fields[i]!;
      const metadata: Record<string, unknown> = { ...f.metadata };
      if (a.comment === null) delete metadata['comment'];
      else metadata['comment'] = a.comment;
      const fields = [...d.schema.fields];
      fields[i] = { ...f, metadata };
      setFields(d, fields);
      d.operationParameters = { column: JSON.stringify({ name: f.name, comment: a.comment }) };
      return;
    }
    case 'addConstraint': return addConstraint(d, a.name, a.expr, checks);
    case 'dropConstraint': {
      const key = Object.keys(d.configuration).find((k) => k.toLowerCase() === `${CONSTRAINT_PREFIX}${a.name.toLowerCase()}`);
      if (key === undefined) {
        if (a.missingOk) {
          env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.undefined_object, message: `constraint "${a.name}" of relation "${d.table}" does not exist, skipping` });
          return;
        }
        throw new QueryError(SQLSTATE.undefined_object, `constraint "${a.name}" of relation "${d.table}" does not exist`);
      }
      const expr = d.configuration[key];
      delete d.configuration[key];
      d.changed = true;
      d.operationParameters = { name: a.name, expr };
      return;
    }
  }
}

function addColumns(d: Draft, a: Extract<AlterAction, { kind: 'addColumns' }>, env: StatementEnv, checks: DraftCheck[]): void {
  const added: DeltaStructField[] = [];
  for (const c of a.columns) {
    const name = c.def.colname as string;
    if (colIndex(d, name) >= 0 || added.some((f) => f.name === name)) {
      if (a.ifNotExists) {
        env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.duplicate_column, message: `column "${name}" of relation "${d.table}" already exists, skipping` });
        continue;
      }
      throw new QueryError(SQLSTATE.duplicate_column, `column "${name}" of relation "${d.table}" already exists`);
    }
    let nullable = true;
    const constraints: AlterAction[] = [];
    for (const cn of (c.def.constraints ?? []) as PgNode[]) {
      const k = cn.Constraint as PgNode;
      if (k.contype === 'CONSTR_NOTNULL') nullable = false;
      else if (k.contype === 'CONSTR_NULL') nullable = true;
      else if (k.contype === 'CONSTR_CHECK') constraints.push(constraintAction(k, env.sql));
      else throw new QueryError(SQLSTATE.feature_not_supported, `ADD COLUMN ... ${String(k.contype).replace(/^CONSTR_/, '')} is not supported on Delta tables`);
    }
    const type = bindTypeName(sparkTypeAlias(c.def.typeName));
    let f = fieldToDelta({ name, type, nullable });
    if (c.comment !== null) f = { ...f, metadata: { ...f.metadata, comment: c.comment } };
    if (columnMappingMode(d.configuration) !== 'none') {
      const m = assignColumnMapping(f, d.configuration);
      f = m.field;
      d.configuration[COLUMN_MAPPING_MAX_ID] = String(m.maxColumnId);
    }
    if (!nullable) {
      // a new column is NULL in every existing row
      checks.push({ condition: null, error: () => new QueryError(SQLSTATE.not_null_violation, `column "${name}" of relation "${d.table}" contains null values`) });
    }
    added.push(f);
    setFields(d, [...d.schema.fields, f]);
    for (const k of constraints) applyAction(d, k, env, checks);
  }
  if (added.length > 0) {
    d.operationParameters = { columns: JSON.stringify(added.map((f) => ({ column: { name: f.name, type: f.type, nullable: f.nullable, metadata: f.metadata } }))) };
  }
}

function dropColumns(d: Draft, a: Extract<AlterAction, { kind: 'dropColumns' }>, env: StatementEnv): void {
  const dropped: string[] = [];
  for (const name of a.names) {
    const i = colIndex(d, name);
    if (i < 0) {
      if (a.missingOk) {
        env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.undefined_column, message: `column "${name}" of relation "${d.table}" does not exist, skipping` });
        continue;
      }
      throw new QueryError(SQLSTATE.undefined_column, `column "${name}" of relation "${d.table}" does not exist`);
    }
    if (d.partitionColumns.includes(name)) {
      throw new QueryError(SQLSTATE.feature_not_supported, `cannot drop partition column "${name}" of Delta table "${d.table}"`);
    }
    if (d.schema.fields.length === 1) {
      throw new QueryError(SQLSTATE.feature_not_supported, `cannot drop column "${name}": a Delta table must keep at least one column`);
    }
    ensureColumnMapping(d);
    setFields(d, d.schema.fields.filter((f) => f.name !== name));
    // as PostgreSQL: CHECK constraints that use the column go with it
    const fields = deltaSchemaToFields(d.schema);
    for (const c of checkConstraints(d.configuration)) {
      try {
        bindCheck(c.expr, fields, d.table, env.values);
      } catch {
        delete d.configuration[`${CONSTRAINT_PREFIX}${c.name}`];
      }
    }
    dropped.push(name);
  }
  if (dropped.length > 0) d.operationParameters = { columns: JSON.stringify(dropped) };
}

function renameColumn(d: Draft, from: string, to: string): void {
  const i = colIndex(d, from);
  if (i < 0) throw new QueryError(SQLSTATE.undefined_column, `column "${from}" does not exist`);
  if (colIndex(d, to) >= 0) throw new QueryError(SQLSTATE.duplicate_column, `column "${to}" of relation "${d.table}" already exists`);
  ensureColumnMapping(d);
  const fields = [...d.schema.fields];
  fields[i] = { ...fields[i]!, name: to };
  setFields(d, fields);
  d.partitionColumns = d.partitionColumns.map((p) => (p === from ? to : p));
  for (const c of checkConstraints(d.configuration)) {
    d.configuration[`${CONSTRAINT_PREFIX}${c.name}`] = renameInExpression(c.expr, from, to);
  }
  d.operationParameters = { oldColumnPath: from, newColumnPath: to };
}

/** A CHECK expression with column references `from` renamed to `to` (token by token, text otherwise kept). */
export function renameInExpression(expr: string, from: string, to: string): string {
  let out = '';
  let last = 0;
  for (const t of lex(expr)) {
    if ((t.kind === 'word' || t.kind === 'qident') && t.value === from) {
      out += expr.slice(last, t.start) + quoteIdent(to);
      last = t.end;
    }
  }
  return out + expr.slice(last);
}

const RESERVED_PROPERTY_PREFIXES = [CONSTRAINT_PREFIX];

function setProperties(d: Draft, props: Readonly<Record<string, string>>): void {
  for (const [k, v] of Object.entries(props)) {
    if (RESERVED_PROPERTY_PREFIXES.some((p) => k.toLowerCase().startsWith(p))) {
      throw new QueryError(SQLSTATE.feature_not_supported, `table property "${k}" cannot be set directly: use ALTER TABLE ... ADD CONSTRAINT`);
    }
    if (k === COLUMN_MAPPING_MODE) {
      const mode = v.toLowerCase();
      if (mode === 'name') { ensureColumnMapping(d); continue; }
      if (mode !== columnMappingMode(d.configuration)) {
        throw new QueryError(SQLSTATE.feature_not_supported, `changing ${COLUMN_MAPPING_MODE} to "${v}" is not supported`);
      }
      continue;
    }
    if (k === APPEND_ONLY && v.toLowerCase() === 'true') d.protocol = withFeature(d.protocol, 'appendOnly');
    if (k === ENABLE_TYPE_WIDENING && v.toLowerCase() === 'true') d.protocol = withFeature(d.protocol, 'typeWidening');
    d.configuration[k] = v;
  }
  d.changed = true;
  d.operationParameters = { properties: JSON.stringify(props) };
}

function unsetProperties(d: Draft, keys: readonly string[], ifExists: boolean): void {
  for (const k of keys) {
    if (!(k in d.configuration)) {
      if (ifExists) continue;
      throw new QueryError('42616', `cannot unset table property "${k}" of relation "${d.table}": it is not set`, {
        hint: 'Use UNSET TBLPROPERTIES IF EXISTS to ignore missing properties.',
      });
    }
    if (k.toLowerCase().startsWith(CONSTRAINT_PREFIX) || k === COLUMN_MAPPING_MODE) {
      throw new QueryError(SQLSTATE.feature_not_supported, `table property "${k}" cannot be unset directly`);
    }
    delete d.configuration[k];
  }
  d.changed = true;
  d.operationParameters = { properties: JSON.stringify(keys), ifExists };
}

function alterType(d: Draft, column: string, typeName: PgNode): void {
  const i = requireColumn(d, column);
  const f = d.schema.fields[i]!;
  const to = fieldToDelta({ name: f.name, type: bindTypeName(sparkTypeAlias(typeName)), nullable: f.nullable });
  const change = classifyTypeChange(f.type, f.metadata, to.type, to.metadata);
  const fromSql = formatType(deltaTypeToSql(f.type, f.metadata, f.name));
  const toSql = formatType(deltaTypeToSql(to.type, to.metadata, f.name));
  if (change.kind === 'unsupported' || (change.kind === 'widening' && d.partitionColumns.includes(f.name))) {
    throw new QueryError(SQLSTATE.feature_not_supported, `cannot change the type of column "${column}" of Delta table "${d.table}" from ${fromSql} to ${toSql}`, {
      detail: 'Delta tables allow only widening type changes: smallint → integer → bigint, real → double precision, integer types → double precision or a wide enough numeric, numeric precision/scale increases, date → timestamp, varchar length increases.',
    });
  }
  if (change.kind === 'same') return;
  if (change.kind === 'widening') {
    d.protocol = withFeature(d.protocol, 'typeWidening');
    d.configuration[ENABLE_TYPE_WIDENING] = 'true';
  }
  const fields = [...d.schema.fields];
  fields[i] = widenField(f, to.type, to.metadata, change);
  setFields(d, fields);
  d.operationParameters = { column: JSON.stringify({ name: f.name, type: to.type }) };
}

function addConstraint(d: Draft, name: string | null, expr: string, checks: DraftCheck[]): void {
  const fields = deltaSchemaToFields(d.schema);
  bindCheck(expr, fields, d.table);
  const existing = new Set(checkConstraints(d.configuration).map((c) => c.name.toLowerCase()));
  const chosen = name ?? chooseCheckName(d.table, expr, existing);
  if (existing.has(chosen.toLowerCase())) {
    throw new QueryError(SQLSTATE.duplicate_object, `constraint "${chosen}" for relation "${d.table}" already exists`);
  }
  d.configuration[`${CONSTRAINT_PREFIX}${chosen.toLowerCase()}`] = expr;
  d.protocol = withFeature(d.protocol, 'checkConstraints');
  d.changed = true;
  d.operationParameters = { name: chosen, expr };
  checks.push({
    condition: `NOT (${expr})`,
    error: () => new QueryError(SQLSTATE.check_violation, `check constraint "${chosen}" of relation "${d.table}" is violated by some row`),
  });
}

/** PostgreSQL's name for an unnamed CHECK: `t_c_check` when it uses exactly one column, else `t_check`; 1, 2, … when taken. */
export function chooseCheckName(table: string, expr: string, taken: ReadonlySet<string>): string {
  const cols = new Set<string>();
  const toks = lex(expr);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    const isCall = toks[k + 1]?.kind === 'punct' && toks[k + 1]!.value === '(';
    if ((t.kind === 'word' || t.kind === 'qident') && !isCall && !KEYWORDS.has(t.value)) cols.add(t.value);
  }
  const base = cols.size === 1 ? `${table}_${[...cols][0]}_check` : `${table}_check`;
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'is', 'null', 'true', 'false', 'in', 'between', 'like', 'ilike', 'case', 'when', 'then',
  'else', 'end', 'cast', 'as', 'distinct', 'from', 'similar', 'to', 'escape', 'any', 'all', 'some', 'unknown', 'int', 'integer', 'bigint',
  'text', 'varchar', 'numeric', 'date', 'timestamp', 'boolean', 'interval', 'current_date', 'current_timestamp', 'localtimestamp']);

const SPARK_TYPES: Readonly<Record<string, string>> = { string: 'text', long: 'int8', short: 'int2', byte: 'int2', tinyint: 'int2', double: 'float8' };

/** Spark's type names PostgreSQL lacks (STRING, LONG, …) as the PostgreSQL type of the same Delta type. */
function sparkTypeAlias(typeName: PgNode): PgNode {
  const tn = (typeName.TypeName ?? typeName) as PgNode;
  const names = (tn.names ?? []) as PgNode[];
  const last = names.length === 1 ? (names[0]!.String?.sval as string | undefined) : undefined;
  const alias = last === undefined ? undefined : SPARK_TYPES[last];
  if (alias === undefined) return typeName;
  const out = { ...tn, names: [{ String: { sval: alias } }] };
  return typeName.TypeName !== undefined ? { TypeName: out } : out;
}
