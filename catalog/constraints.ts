/**
 * Delta table constraints, enforced on every write path.
 *
 *   enforceConstraints(table: ConstraintTable, batch: Batch, ctx?: ConstraintContext): void
 *     `table.fields` in table column order, `batch` columns in the same order (the rows about to be written),
 *     `table.configuration` the Delta metaData.configuration. Throws QueryError
 *       23502 `null value in column "c" of relation "t" violates not-null constraint` (NOT NULL columns), and
 *       23514 `new row for relation "t" violates check constraint "c"` (each `delta.constraints.<name>` CHECK
 *     expression that is FALSE for a row; NULL passes, as in PostgreSQL), both with DETAIL
 *     `Failing row contains (…)`. Call it on every batch before it is written (INSERT, UPDATE, MERGE, …).
 *
 *   checkAppendOnly(configuration, tableName, operation): void
 *     42809 when `delta.appendOnly` is true: UPDATE / DELETE / MERGE with deletes / TRUNCATE call it first.
 *
 * CHECK expressions are stored as SQL text (as written) and bound against the table's columns with the
 * expression binder; compiled expressions are cached by (expression, column types).
 */
import { parseSync } from 'libpg-query';
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { Field, SqlType } from '../common/types.js';
import { formatType } from '../common/types.js';
import { DEFAULT_VALUE_CONTEXT, type ValueContext } from '../common/values/context.js';
import { formatDatum } from '../common/values/text_io.js';
import { getDatum, type Batch } from '../common/vector.js';
import { bindExpr } from '../planner/bind/expr/bind_expr.js';
import type { BoundExpr } from '../planner/bind/expr/bound_expr.js';
import type { ExprScope, PgNode } from '../planner/bind/expr/scope.js';
import { compileExpr, type CompiledExpr } from '../executor/expr/compile.js';
import { checkNotNull } from './not_null.js';

export const CONSTRAINT_PREFIX = 'delta.constraints.';
export const APPEND_ONLY = 'delta.appendOnly';

export interface ConstraintTable {
  readonly name: string;
  readonly fields: readonly Field[];
  readonly configuration: Readonly<Record<string, string>>;
}

export interface ConstraintContext {
  readonly values?: ValueContext;
  /** statement time, µs since epoch (now() in a CHECK) */
  readonly statementTime?: bigint;
}

export interface CheckConstraint {
  readonly name: string;
  readonly expr: string;
}

/** The CHECK constraints of a table configuration, in key order. */
export function checkConstraints(configuration: Readonly<Record<string, string>>): CheckConstraint[] {
  return Object.entries(configuration)
    .filter(([k]) => k.toLowerCase().startsWith(CONSTRAINT_PREFIX))
    .map(([k, v]) => ({ name: k.slice(CONSTRAINT_PREFIX.length), expr: v }));
}

export function isAppendOnly(configuration: Readonly<Record<string, string>>): boolean {
  return (configuration[APPEND_ONLY] ?? '').toLowerCase() === 'true';
}

/** 42809 for UPDATE / DELETE / MERGE deletes / TRUNCATE on a `delta.appendOnly` table. */
export function checkAppendOnly(configuration: Readonly<Record<string, string>>, tableName: string, operation: string): void {
  if (!isAppendOnly(configuration)) return;
  throw new QueryError(SQLSTATE.wrong_object_type, `cannot ${operation} table "${tableName}": the table is configured to only allow appends`, {
    hint: `To permit updates or deletes, use ALTER TABLE ${tableName} SET TBLPROPERTIES ('delta.appendOnly' = 'false').`,
  });
}

/** Parse a stored CHECK expression. 42601 when it is not one expression. */
export function parseCheckExpression(expr: string): PgNode {
  let res: { stmts?: { stmt: PgNode }[] };
  try {
    res = parseSync(`SELECT (${expr})`) as unknown as { stmts?: { stmt: PgNode }[] };
  } catch (e) {
    throw new QueryError(SQLSTATE.syntax_error, `invalid CHECK constraint expression: ${expr}`, { cause: e });
  }
  const sel = res.stmts?.[0]?.stmt.SelectStmt as PgNode | undefined;
  const target = (sel?.targetList as PgNode[] | undefined)?.[0]?.ResTarget?.val as PgNode | undefined;
  if (res.stmts?.length !== 1 || target === undefined || sel?.fromClause !== undefined) {
    throw new QueryError(SQLSTATE.syntax_error, `invalid CHECK constraint expression: ${expr}`);
  }
  return target;
}

function columnScope(fields: readonly Field[], tableName: string): ExprScope {
  return {
    clause: 'check constraints',
    resolveColumn(names, position) {
      const col = names[names.length - 1]!;
      const qualifierOk = names.length === 1 || (names.length === 2 && names[0] === tableName);
      const i = qualifierOk ? fields.findIndex((f) => f.name === col) : -1;
      if (i < 0) throw new QueryError(SQLSTATE.undefined_column, `column "${names.join('.')}" does not exist`, { position });
      return { index: i, type: fields[i]!.type, name: col };
    },
  };
}

/** Bind a CHECK expression over the table's columns; 42804 unless it is boolean. */
export function bindCheck(expr: string, fields: readonly Field[], tableName: string, values: ValueContext = DEFAULT_VALUE_CONTEXT): BoundExpr {
  const node = parseCheckExpression(expr);
  const bound = bindExpr(node, columnScope(fields, tableName), { params: [], values, sql: expr });
  if (bound.type.kind !== 'bool' && bound.type.kind !== 'unknown') {
    throw new QueryError(SQLSTATE.datatype_mismatch, `argument of CHECK must be type boolean, not type ${formatType(bound.type)}`);
  }
  return bound;
}

const compiled = new Map<string, CompiledExpr>();

function compiledCheck(expr: string, fields: readonly Field[], tableName: string, ctx: ConstraintContext): CompiledExpr {
  const types: SqlType[] = fields.map((f) => f.type);
  const key = `${tableName}\u0000${expr}\u0000${fields.map((f) => `${f.name}:${formatType(f.type)}`).join(',')}`;
  let c = compiled.get(key);
  if (c === undefined) {
    const values = ctx.values ?? DEFAULT_VALUE_CONTEXT;
    c = compileExpr(bindCheck(expr, fields, tableName, values), types, { values, params: [], statementTime: ctx.statementTime ?? BigInt(Date.now()) * 1000n });
    if (compiled.size > 256) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}

/** Index of the first row for which the CHECK is FALSE, or -1. */
export function firstViolation(expr: string, fields: readonly Field[], tableName: string, batch: Batch, ctx: ConstraintContext = {}): number {
  const v = compiledCheck(expr, fields, tableName, ctx).evaluate(batch);
  const d = v.data as Uint8Array;
  for (let i = 0; i < batch.length; i++) {
    if (d[i] === 0 && (v.nulls === null || v.nulls[i] === 0)) return i;
  }
  return -1;
}

export function enforceConstraints(table: ConstraintTable, batch: Batch, ctx: ConstraintContext = {}): void {
  if (batch.length === 0) return;
  const values = ctx.values ?? DEFAULT_VALUE_CONTEXT;
  checkNotNull(table.fields, batch, table.name, values);
  for (const c of checkConstraints(table.configuration)) {
    const row = firstViolation(c.expr, table.fields, table.name, batch, ctx);
    if (row >= 0) {
      throw new QueryError(SQLSTATE.check_violation, `new row for relation "${table.name}" violates check constraint "${c.name}"`, {
        detail: `Failing row contains (${failingRow(table.fields, batch, row, values)}).`,
      });
    }
  }
}

function failingRow(fields: readonly Field[], batch: Batch, row: number, values: ValueContext): string {
  return fields.map((f, c) => {
    const v = batch.columns[c];
    const d = v === undefined ? null : getDatum(v, row);
    return d === null ? 'null' : formatDatum(f.type, d, values);
  }).join(', ');
}
