/** Stable one-line text of a bound expression, for EXPLAIN and plan tests. */
import type { Datum, Interval, Numeric } from '../../common/datum.js';
import type { Field } from '../../common/types.js';
import { assertNever, formatType } from '../../common/types.js';
import type { AggregateCall, BoundExpr } from '../bind/expr/bound_expr.js';

function formatConst(v: Datum): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if ('unscaled' in v) {
    const n = v as Numeric;
    if (n.special) return n.special;
    const neg = n.unscaled < 0n;
    let s = (neg ? -n.unscaled : n.unscaled).toString();
    if (n.scale > 0) {
      s = s.padStart(n.scale + 1, '0');
      s = `${s.slice(0, s.length - n.scale)}.${s.slice(s.length - n.scale)}`;
    }
    return neg ? `-${s}` : s;
  }
  const iv = v as Interval;
  return `interval(${iv.months}m,${iv.days}d,${iv.micros}us)`;
}

/** `input` names the columns (by index) the expression refers to. */
export function formatExpr(e: BoundExpr, input: readonly Field[]): string {
  const f = (x: BoundExpr): string => formatExpr(x, input);
  switch (e.kind) {
    case 'column': return input[e.index]?.name ?? e.name ?? `#${e.index}`;
    case 'const': return formatConst(e.value);
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
    default: return assertNever(e);
  }
}

export function formatAggregate(a: AggregateCall, input: readonly Field[]): string {
  const args = a.fn === 'count_star' ? '*' : a.args.map((x) => formatExpr(x, input)).join(', ');
  const name = a.fn === 'count_star' ? 'count' : a.fn;
  return `${name}(${a.distinct ? 'DISTINCT ' : ''}${args})${a.filter ? ` FILTER (WHERE ${formatExpr(a.filter, input)})` : ''}`;
}
