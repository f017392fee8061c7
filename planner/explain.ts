/**
 * The one plan printer: EXPLAIN output and planner tests share it.
 *
 *   Aggregate  (rows=2)
 *     ->  Scan sales.orders  files=2/3  columns=customer, amount  filter=(day >= 19723)  (rows=4)
 */
import type { Field } from '../common/types.js';
import { assertNever } from '../common/types.js';
import { formatAggregate, formatExpr } from './logical/format_expr.js';
import type { PhysicalPlan } from './physical/plan.js';
import { describeTopN } from './physical/explain_top_n.js';
import { physicalChildren } from './physical/nodes.js';
import { aggregateSiteDetail, probeSiteDetail } from './physical/probe_site.js';
import { describeSemiJoin, describeSubqueryApply } from './physical/explain_subquery.js';
import { describeWindow } from './explain_window.js';
import { describeLateralJoin } from './physical/explain_lateral.js';
import { scanOutputColumns, scanReadSchema } from './physical/lower_scan.js';
import { cteHeader, describeCteScan } from './physical/cte_scan.js';

function concat(a: readonly Field[], b: readonly Field[]): Field[] {
  return [...a, ...b];
}

function describe(p: PhysicalPlan): string {
  switch (p.kind) {
    case 'scan': {
      const cols = p.columns.map((c) => p.source.fields[c]!.name);
      const parts = [`Scan ${p.source.name}`, `files=${p.files.length}/${p.source.totalFiles}`, `columns=${cols.join(', ') || '(none)'}`];
      if (p.filter) parts.push(`filter=${formatExpr(p.filter, scanReadSchema(p))}`);
      if (p.output) parts.push(`output=${p.output.columns.map((i) => cols[i]!).join(', ') || '(none)'}`);
      if (p.limit !== null) parts.push(`limit=${p.limit}`);
      if (p.partialAggregate) {
        const pa = p.partialAggregate;
        const inFields = scanOutputColumns(p).map((i) => ({ name: cols[i]!, type: p.source.fields[p.columns[i]!]!.type, nullable: true }));
        parts.push(`partial=[${[...pa.groupKeys.map((k) => formatExpr(k, inFields)), ...pa.aggregates.map((a) => formatAggregate(a, inFields))].join(', ')}]`);
      }
      return parts.join('  ');
    }
    case 'values': return `Values  rows=${p.rows.length}`;
    case 'filter': return `Filter  ${formatExpr(p.predicate, p.input.schema)}`;
    case 'project': return `Project  ${p.exprs.map((e, i) => { const t = formatExpr(e, p.input.schema); const n = p.schema[i]!.name; return t === n ? t : `${t} AS ${n}`; }).join(', ')}`;
    case 'hash_aggregate': {
      const inFields = p.mode === 'final' && p.input.kind === 'scan' ? p.input.schema : p.input.schema;
      const keys = p.groupKeys.map((k) => formatExpr(k, inFields));
      const aggs = p.aggregates.map((a) => formatAggregate(a, inFields));
      return `HashAggregate${p.mode === 'final' ? ' (final)' : ''}${keys.length ? `  keys=${keys.join(', ')}` : ''}${aggs.length ? `  aggs=${aggs.join(', ')}` : ''}`;
    }
    case 'hash_join': {
      const both = concat(p.left.schema, p.right.schema);
      const conds = p.leftKeys.map((k, i) => `${formatExpr(k, p.left.schema)} = ${formatExpr(p.rightKeys[i]!, p.right.schema)}`);
      return `Hash Join ${p.joinType} (build: ${p.buildSide}, ${p.distribution})  on ${conds.join(' AND ')}${p.residual ? `  residual=${formatExpr(p.residual, both)}` : ''}`;
    }
    case 'nested_loop_join': {
      const both = concat(p.left.schema, p.right.schema);
      return `NestedLoopJoin ${p.joinType}${p.condition ? `  on ${formatExpr(p.condition, both)}` : ''}`;
    }
    case 'sort': return `Sort  ${p.keys.map((k) => `${formatExpr(k.expr, p.input.schema)}${k.descending ? ' DESC' : ''}${k.nullsFirst !== k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`).join(', ')}`;
    case 'limit': return `Limit  ${p.limit === null ? 'ALL' : p.limit}${p.offset ? ` offset=${p.offset}` : ''}`;
    case 'distinct': return 'Distinct';
    case 'top_n': return describeTopN(p);
    case 'window': return describeWindow(p);
    case 'semi_join': return describeSemiJoin(p);
    case 'recursive_cte': return `Recursive Union${p.distinct ? '' : ' All'}`;
    case 'worktable': return 'WorkTable Scan';
    case 'cte_scan': return describeCteScan(p);
    case 'table_function': return `Function Scan on ${p.calls.map((c) => c.fn).join(', ')}${p.ordinality ? ' WITH ORDINALITY' : ''}`;
    case 'project_set': return 'ProjectSet';
    case 'subquery_apply': return describeSubqueryApply(p);
    case 'set_op': return `SetOp ${p.op.toUpperCase()}${p.all ? ' ALL' : ''}`;
    case 'lateral_join': return describeLateralJoin(p);
    default: return assertNever(p);
  }
}

/** EXPLAIN ANALYZE: text appended to a node's line and detail lines printed under it. */
export interface ExplainAnnotation {
  readonly suffix: string;
  readonly details: readonly string[];
}

export function explainPlan(plan: PhysicalPlan, annotate?: (p: PhysicalPlan) => ExplainAnnotation): string[] {
  const lines: string[] = [];
  const printedCtes = new Set<number>();
  const walk = (p: PhysicalPlan, depth: number): void => {
    const a = annotate?.(p);
    const text = `${describe(p)}  (rows=${Math.round(p.estimatedRows)})${a ? ` ${a.suffix}` : ''}`;
    lines.push(depth === 0 ? text : `${'  '.repeat(depth)}->  ${text}`);
    for (const d of a?.details ?? []) lines.push(`${'  '.repeat(depth)}${depth === 0 ? '  ' : '      '}${d}`);
    const site = annotate === undefined ? (probeSiteDetail(p) ?? aggregateSiteDetail(p)) : null; // EXPLAIN ANALYZE probes on the main thread
    if (site !== null) lines.push(`${'  '.repeat(depth)}${depth === 0 ? '  ' : '      '}${site}`);
    if (p.kind === 'cte_scan') {
      // a materialised CTE's plan is printed once, under its first reference
      if (!printedCtes.has(p.id)) {
        printedCtes.add(p.id);
        lines.push(`${'  '.repeat(depth)}${depth === 0 ? '  ' : '      '}${cteHeader(p)}`);
        walk(p.cte, depth === 0 ? 2 : depth + 4);
      }
      return;
    }
    for (const c of physicalChildren(p)) walk(c, depth + 1);
  };
  walk(plan, 0);
  return lines;
}
