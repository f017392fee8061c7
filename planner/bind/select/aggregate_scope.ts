/**
 * The scope of SELECT/HAVING/ORDER BY when the query aggregates: only GROUP BY keys and aggregate results
 * are visible (42803 otherwise). Columns of the aggregate output are: group keys, then aggregates.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../api.js';
import type { AggregateCall, BoundExpr } from '../expr/bound_expr.js';
import type { ColumnResolution, ExprScope } from '../expr/scope.js';
import { nodeKey } from './output_name.js';
import { groupingValue, type GroupingClause } from './bind_grouping_sets.js';
import { pgPosition, type RelationScope } from './relation_scope.js';
import { leftmostPosition } from '../expr/leftmost_position.js';
import { outerResolution } from './bind_sublink.js';

export interface GroupKey {
  readonly expr: BoundExpr;
  /** nodeKey() of every AST form that names this key (as written, and a target it came from) */
  readonly nodeKeys: readonly string[];
}

export class AggregateScope implements ExprScope {
  readonly aggregates: AggregateCall[] = [];
  private readonly aggKeys: string[] = [];
  readonly aggregateInputScope: ExprScope;

  /**
   * sets: GROUPING SETS / ROLLUP / CUBE key indices per set (bind_grouping_sets.ts); the last group key is
   * then the set number.
   */
  constructor(readonly input: RelationScope, readonly groupKeys: readonly GroupKey[], readonly clause: string, readonly sets: GroupingClause['sets'] = null) {
    this.aggregateInputScope = input.exprScope('aggregate function calls');
  }

  withClause(clause: string): AggregateScope {
    const s = new AggregateScope(this.input, this.groupKeys, clause, this.sets);
    // share the aggregate list
    (s as { aggregates: AggregateCall[] }).aggregates = this.aggregates;
    (s as unknown as { aggKeys: string[] }).aggKeys = this.aggKeys;
    return s;
  }

  resolveColumn(fields: readonly string[], position: number | undefined): ColumnResolution {
    const outer = outerResolution(this.input, fields, position);
    if (outer !== null) return outer;
    const { entry, column } = this.input.lookup(fields, position);
    const k = this.groupKeys.findIndex((g) => g.expr.kind === 'column' && g.expr.index === column.index);
    if (k >= 0) return { index: k, type: column.type, name: column.name };
    throw new QueryError(SQLSTATE.grouping_error, `column "${entry.alias}.${column.name}" must appear in the GROUP BY clause or be used in an aggregate function`, { position });
  }

  lookupExpr(node: PgNode): BoundExpr | null {
    if (node.GroupingFunc) return this.grouping(node.GroupingFunc);
    if (node.ColumnRef) return null; // plain columns go through resolveColumn
    if (node.A_Const) return null;
    const key = nodeKey(node);
    const k = this.groupKeys.findIndex((g) => g.nodeKeys.includes(key));
    if (k < 0) return null;
    const g = this.groupKeys[k]!;
    return { kind: 'column', index: k, type: g.expr.type };
  }

  /** GROUPING(a, b, …): every argument must be a grouping key. */
  private grouping(g: PgNode): BoundExpr {
    const keys = ((g.args ?? []) as PgNode[]).map((a) => {
      let k = -1;
      const fields = a.ColumnRef?.fields as PgNode[] | undefined;
      if (fields && !fields.some((f) => f.A_Star)) {
        const { column } = this.input.lookup(fields.map((f) => f.String?.sval as string), pgPosition(a.ColumnRef.location));
        k = this.groupKeys.findIndex((x) => x.expr.kind === 'column' && x.expr.index === column.index);
      } else {
        const key = nodeKey(a);
        k = this.groupKeys.findIndex((x) => x.nodeKeys.includes(key));
      }
      if (k < 0) throw new QueryError(SQLSTATE.grouping_error, 'arguments to GROUPING must be grouping expressions of the associated query level', { position: leftmostPosition(a) });
      return k;
    });
    return groupingValue(keys, this.sets, this.groupKeys.length - 1);
  }

  registerAggregate(call: AggregateCall): BoundExpr {
    const key = JSON.stringify(call, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    let i = this.aggKeys.indexOf(key);
    if (i < 0) {
      i = this.aggKeys.length;
      this.aggKeys.push(key);
      this.aggregates.push(call);
    }
    return { kind: 'column', index: this.groupKeys.length + i, type: call.type };
  }
}

