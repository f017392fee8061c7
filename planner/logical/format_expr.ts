/** Stable one-line text of a bound expression, for EXPLAIN and plan tests. */
import type { Datum } from '../../common/datum.js';
import type { Field, SqlType } from '../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../common/values/context.js';
import { formatDatum } from '../../common/values/text_io.js';
import { assertNever, formatType } from '../../common/types.js';
import type { AggregateCall, BoundExpr, SubqueryExpr } from '../bind/expr/bound_expr.js';

/** A constant as PostgreSQL's EXPLAIN prints it: numbers and booleans bare, everything else `'text'::type`. */
function formatConst(v: Datum, type: SqlType): string {
  if (v === null) return 'NULL';
  const text = formatDatum(type, v, DEFAULT_VALUE_CONTEXT);
  switch (type.kind) {
    case 'int2': case 'int4': case 'int8': case 'float4': case 'float8': case 'numeric': case 'bool':
      return text;
    case 'unknown':
      return `'${text.replace(/'/g, "''")}'`;
    default:
      return `'${text.replace(/'/g, "''")}'::${formatType(type)}`;
  }
}

/** `input` names the columns (by index) the expression refers to. */
export function formatExpr(e: BoundExpr, input: readonly Field[]): string {
  const f = (x: BoundExpr): string => formatExpr(x, input);
  switch (e.kind) {
    case 'column': return input[e.index]?.name ?? e.name ?? `#${e.index}`;
    case 'const': return formatConst(e.value, e.type);
    case 'param': return `$${e.index + 1}`;
    case 'call': return `${e.fn}(${e.args.map(f).join(', ')})`;
    case 'cast': return `${f(e.arg)}::${formatType(e.type)}`;
    case 'and': return `(${e.args.map(f).join(' AND ')})`;
    case 'or': return `(${e.args.map(f).join(' OR ')})`;
    case 'not': return `(NOT ${f(e.arg)})`;
    case 'is_null': return `(${f(e.arg)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'is_bool': return `(${f(e.arg)} IS ${e.negated ? 'NOT ' : ''}${e.test.toUpperCase()})`;
    case 'compare': return `(${f(e.left)} ${e.op} ${f(e.right)})`;
    case 'is_distinct': return `(${f(e.left)} IS ${e.negated ? 'NOT ' : ''}DISTINCT FROM ${f(e.right)})`;
    case 'in_list': return `(${f(e.arg)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(f).join(', ')}))`;
    case 'case': return `CASE ${e.whens.map((w) => `WHEN ${f(w.when)} THEN ${f(w.then)}`).join(' ')}${e.else ? ` ELSE ${f(e.else)}` : ''} END`;
    case 'coalesce': return `COALESCE(${e.args.map(f).join(', ')})`;
    case 'nullif': return `NULLIF(${f(e.left)}, ${f(e.right)})`;
    case 'greatest': case 'least': return `${e.kind.toUpperCase()}(${e.args.map(f).join(', ')})`;
    case 'like': return `(${f(e.arg)} ${e.negated ? 'NOT ' : ''}${e.caseInsensitive ? 'ILIKE' : 'LIKE'} ${f(e.pattern)})`;
    case 'subquery': return formatSubquery(e.sub, f);
    case 'outer_ref': return `$outer${e.id}`;
    default: return assertNever(e);
  }
}

export function formatAggregate(a: AggregateCall, input: readonly Field[]): string {
  const args = a.fn === 'count_star' ? '*' : a.args.map((x) => formatExpr(x, input)).join(', ');
  const name = a.fn === 'count_star' ? 'count' : a.fn;
  return `${name}(${a.distinct ? 'DISTINCT ' : ''}${args})${a.filter ? ` FILTER (WHERE ${formatExpr(a.filter, input)})` : ''}`;
}

function formatSubquery(s: SubqueryExpr, f: (x: BoundExpr) => string): string {
  switch (s.mode) {
    case 'scalar': return '(SubPlan)';
    case 'exists': return 'EXISTS(SubPlan)';
    case 'any': case 'all': return `(${f(s.lhs!)} ${s.op} ${s.mode.toUpperCase()} (SubPlan))`;
  }
}
