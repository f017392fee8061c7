/**
 * ALTER TABLE as a list of actions, from PostgreSQL's AlterTableStmt or from the lakehouse recogniser's
 * `PierAlterTableStmt` (Spark forms: ADD/DROP COLUMNS, RENAME COLUMN, SET/UNSET TBLPROPERTIES). Plain data.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../expr/scope.js';
import { lex } from '../../sql/lexer.js';
import { byteOffsetToIndex } from '../../sql/positions.js';
import { positionOf, stringValue } from './names.js';

export interface NewColumn {
  /** libpg-query ColumnDef */
  readonly def: PgNode;
  readonly comment: string | null;
}

export type AlterAction =
  | { readonly kind: 'addColumns'; readonly columns: readonly NewColumn[]; readonly ifNotExists: boolean }
  | { readonly kind: 'dropColumns'; readonly names: readonly string[]; readonly missingOk: boolean }
  | { readonly kind: 'renameColumn'; readonly from: string; readonly to: string }
  | { readonly kind: 'setProperties'; readonly properties: Readonly<Record<string, string>> }
  | { readonly kind: 'unsetProperties'; readonly keys: readonly string[]; readonly ifExists: boolean }
  | { readonly kind: 'setNotNull'; readonly column: string }
  | { readonly kind: 'dropNotNull'; readonly column: string }
  | { readonly kind: 'alterType'; readonly column: string; readonly typeName: PgNode }
  /** Spark's ALTER COLUMN c COMMENT '…' (field metadata `comment`; null removes it) */
  | { readonly kind: 'setComment'; readonly column: string; readonly comment: string | null }
  /** name null: PostgreSQL chooses one (`t_c_check` / `t_check`) */
  | { readonly kind: 'addConstraint'; readonly name: string | null; readonly expr: string }
  | { readonly kind: 'dropConstraint'; readonly name: string; readonly missingOk: boolean };

/** The synthetic node of the lakehouse recogniser. */
export interface PierAlterTable {
  readonly relation: PgNode;
  readonly missingOk: boolean;
  readonly actions: readonly AlterAction[];
}

/** Delta's commitInfo operation name of an action. */
export function operationName(a: AlterAction): string {
  switch (a.kind) {
    case 'addColumns': return 'ADD COLUMNS';
    case 'dropColumns': return 'DROP COLUMNS';
    case 'renameColumn': return 'RENAME COLUMN';
    case 'setProperties': return 'SET TBLPROPERTIES';
    case 'unsetProperties': return 'UNSET TBLPROPERTIES';
    case 'setNotNull': case 'dropNotNull': case 'alterType': case 'setComment': return 'CHANGE COLUMN';
    case 'addConstraint': return 'ADD CONSTRAINT';
    case 'dropConstraint': return 'DROP CONSTRAINT';
  }
}

/** The text between the parentheses of the CHECK at byte `location` of `sql` (as written). */
export function checkExpressionText(sql: string, location: number): string {
  const start = byteOffsetToIndex(sql, location);
  const tokens = lex(sql.slice(start));
  const k = tokens.findIndex((t) => t.kind === 'word' && t.value === 'check');
  if (k < 0 || !(tokens[k + 1]?.kind === 'punct' && tokens[k + 1]!.value === '(')) throw new QueryError(SQLSTATE.syntax_error, 'CHECK expression expected');
  let depth = 0;
  for (let j = k + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind === 'punct' && t.value === '(') depth++;
    if (t.kind === 'punct' && t.value === ')' && --depth === 0) {
      return sql.slice(start + tokens[k + 1]!.end, start + t.start).trim();
    }
  }
  throw new QueryError(SQLSTATE.syntax_error, 'syntax error at end of input');
}

const unsupported = (what: string, node: PgNode, sql: string): QueryError =>
  new QueryError(SQLSTATE.feature_not_supported, `ALTER TABLE ... ${what} is not supported`, { position: positionOf(node, sql) });

/** A Constraint node of ALTER TABLE ADD / a column definition → an addConstraint action (CHECK only). */
export function constraintAction(c: PgNode, sql: string): AlterAction {
  if (c.contype !== 'CONSTR_CHECK') {
    const what = String(c.contype).replace(/^CONSTR_/, '').replace(/_/g, ' ');
    throw new QueryError(SQLSTATE.feature_not_supported, `${what} constraints are not supported on Delta tables`, { position: positionOf(c, sql) });
  }
  if (c.skip_validation === true) throw unsupported('NOT VALID', c, sql);
  return { kind: 'addConstraint', name: typeof c.conname === 'string' ? c.conname : null, expr: checkExpressionText(sql, c.location as number) };
}

/** PostgreSQL's AlterTableStmt commands → actions (0A000 for the forms Delta tables do not have). */
export function actionsOfAlterTable(stmt: PgNode, sql: string): AlterAction[] {
  const out: AlterAction[] = [];
  for (const item of (stmt.cmds ?? []) as PgNode[]) {
    const cmd = item.AlterTableCmd as PgNode;
    const missingOk = cmd.missing_ok === true;
    switch (cmd.subtype) {
      case 'AT_AddColumn': {
        const def = cmd.def.ColumnDef as PgNode;
        out.push({ kind: 'addColumns', columns: [{ def, comment: null }], ifNotExists: missingOk });
        break;
      }
      case 'AT_DropColumn': out.push({ kind: 'dropColumns', names: [cmd.name as string], missingOk }); break;
      case 'AT_SetNotNull': out.push({ kind: 'setNotNull', column: cmd.name as string }); break;
      case 'AT_DropNotNull': out.push({ kind: 'dropNotNull', column: cmd.name as string }); break;
      case 'AT_AlterColumnType': {
        const def = cmd.def.ColumnDef as PgNode;
        if (def.raw_default !== undefined) throw unsupported('ALTER COLUMN TYPE ... USING', def.raw_default, sql);
        out.push({ kind: 'alterType', column: cmd.name as string, typeName: def.typeName });
        break;
      }
      case 'AT_AddConstraint': out.push(constraintAction(cmd.def.Constraint as PgNode, sql)); break;
      case 'AT_DropConstraint': out.push({ kind: 'dropConstraint', name: cmd.name as string, missingOk }); break;
      default: {
        const what = String(cmd.subtype).replace(/^AT_/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
        throw unsupported(what, cmd, sql);
      }
    }
  }
  return out;
}

export function stringList(nodes: readonly PgNode[] | undefined): string[] {
  return (nodes ?? []).map(stringValue);
}
