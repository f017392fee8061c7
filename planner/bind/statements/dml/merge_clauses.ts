/**
 * The WHEN clauses of MERGE, grouped by kind in statement order, with the row conditions the rewrite needs:
 * clause k of a kind is chosen for a row when its condition is true and no earlier clause of that kind's is
 * (first match wins). Conditions are `… IS TRUE` compositions, so never NULL.
 */
import type { Field } from '../../../../common/types.js';
import { QueryError, SQLSTATE } from '../../../../common/errors.js';
import type { PgNode } from '../../expr/scope.js';
import { and, colRef, isTrue, not, or, TRUE_NODE } from './ast.js';
import { bindAssignments } from './assignments.js';
import { positionOf } from '../names.js';

export type MergeAction =
  | { readonly kind: 'update'; readonly sets: ReadonlyMap<number, PgNode> }
  | { readonly kind: 'delete' }
  | { readonly kind: 'insert'; readonly values: ReadonlyMap<number, PgNode> }
  | { readonly kind: 'nothing' };

export interface MergeClause {
  readonly action: MergeAction;
  /** this clause is the first of its kind whose condition holds */
  readonly chosen: PgNode;
}

export interface MergeClauses {
  readonly matched: readonly MergeClause[];
  readonly notMatched: readonly MergeClause[];
  readonly notMatchedBySource: readonly MergeClause[];
}

/** Rows some UPDATE/DELETE clause of `clauses` acts on; null when none can. */
export function actingCondition(clauses: readonly MergeClause[]): PgNode | null {
  const xs = clauses.filter((c) => c.action.kind === 'update' || c.action.kind === 'delete').map((c) => c.chosen);
  return xs.length === 0 ? null : or(xs);
}

export interface ClauseContext {
  readonly fields: readonly Field[];
  readonly relation: string;
  readonly sourceAlias: string;
  readonly sql: string;
}

export function bindMergeClauses(whens: readonly PgNode[], ctx: ClauseContext): MergeClauses {
  const groups: Record<string, MergeClause[]> = { matched: [], notMatched: [], notMatchedBySource: [] };
  const unconditional: Record<string, boolean> = {};
  const earlier: Record<string, PgNode[]> = { matched: [], notMatched: [], notMatchedBySource: [] };
  for (const w of whens) {
    const c = w.MergeWhenClause as PgNode;
    const group = c.matchKind === 'MERGE_WHEN_MATCHED' ? 'matched' : c.matchKind === 'MERGE_WHEN_NOT_MATCHED_BY_SOURCE' ? 'notMatchedBySource' : 'notMatched';
    if (unconditional[group] === true) throw new QueryError(SQLSTATE.syntax_error, 'unreachable WHEN clause specified after unconditional WHEN clause');
    const cond = (c.condition ?? null) as PgNode | null;
    if (cond === null) unconditional[group] = true;
    const own = cond === null ? TRUE_NODE : isTrue(cond);
    const chosen = and(own, ...earlier[group]!.map((e) => not(e)))!;
    earlier[group]!.push(own);
    groups[group]!.push({ action: bindAction(c, ctx), chosen });
  }
  return { matched: groups.matched!, notMatched: groups.notMatched!, notMatchedBySource: groups.notMatchedBySource! };
}

function bindAction(c: PgNode, ctx: ClauseContext): MergeAction {
  const star = c.pierStar === true;
  switch (c.commandType) {
    case 'CMD_NOTHING': return { kind: 'nothing' };
    case 'CMD_DELETE': return { kind: 'delete' };
    case 'CMD_UPDATE': {
      if (star) return { kind: 'update', sets: new Map(ctx.fields.map((f, i) => [i, colRef(ctx.sourceAlias, f.name)])) };
      return { kind: 'update', sets: bindAssignments((c.targetList ?? []) as PgNode[], ctx.fields, ctx.relation, ctx.sql) };
    }
    case 'CMD_INSERT': {
      if (star) return { kind: 'insert', values: new Map(ctx.fields.map((f, i) => [i, colRef(ctx.sourceAlias, f.name)])) };
      const values = (c.values ?? []) as PgNode[];
      const cols = (c.targetList ?? []) as PgNode[];
      const targets: number[] = [];
      for (const item of cols) {
        const rt = item.ResTarget as PgNode;
        const idx = ctx.fields.findIndex((f) => f.name === rt.name);
        if (idx < 0) throw new QueryError(SQLSTATE.undefined_column, `column "${rt.name as string}" of relation "${ctx.relation}" does not exist`, { position: positionOf(rt, ctx.sql) });
        if (targets.includes(idx)) throw new QueryError(SQLSTATE.duplicate_column, `column "${rt.name as string}" specified more than once`, { position: positionOf(rt, ctx.sql) });
        targets.push(idx);
      }
      if (cols.length === 0) for (let i = 0; i < Math.min(values.length, ctx.fields.length); i++) targets.push(i);
      if (values.length > targets.length) throw new QueryError(SQLSTATE.syntax_error, 'INSERT has more expressions than target columns', { position: exprPosition(values[targets.length]!, ctx.sql) });
      if (cols.length > 0 && values.length < targets.length) throw new QueryError(SQLSTATE.syntax_error, 'INSERT has more target columns than expressions', { position: positionOf(cols[values.length]!.ResTarget as PgNode, ctx.sql) });
      return { kind: 'insert', values: new Map(values.map((v, j) => [targets[j]!, v.SetToDefault !== undefined ? { A_Const: { isnull: true, location: -1 } } : v])) };
    }
    default:
      throw new QueryError(SQLSTATE.feature_not_supported, `MERGE action ${String(c.commandType)} is not supported`);
  }
}

function exprPosition(node: PgNode, sql: string): number | undefined {
  const inner = Object.values(node)[0] as PgNode | undefined;
  return inner === undefined ? undefined : positionOf(inner, sql);
}
