import { beforeAll, describe, expect, it } from 'vitest';
import { loadModule, parseSync } from 'libpg-query';
import { bindExpr, bindCondition } from '../../../../planner/bind/expr/bind_expr.js';
import type { BindContext, ExprScope, PgNode } from '../../../../planner/bind/expr/scope.js';
import type { SqlType } from '../../../../common/types.js';
import { T, formatType } from '../../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../../common/values/context.js';
import { QueryError } from '../../../../common/errors.js';

const cols: Record<string, SqlType> = { i: T.int4, b: T.int8, s: T.int2, f: T.float8, r: T.float4, n: T.numeric, t: T.text, v: T.varchar, d: T.date, ts: T.timestamp, tz: T.timestamptz, iv: T.interval, ok: T.bool };
const names = Object.keys(cols);

function scope(clause = 'SELECT', aggs = true): ExprScope {
  return {
    clause,
    resolveColumn(fields) {
      const name = fields[fields.length - 1]!;
      const idx = names.indexOf(name);
      if (idx < 0) throw new QueryError('42703', `column "${name}" does not exist`);
      return { index: idx, type: cols[name]!, name };
    },
    ...(aggs ? { registerAggregate: (c) => ({ kind: 'column', index: 100, type: c.type, name: c.fn }) } : {}),
  };
}

function parseExpr(sql: string): { node: PgNode; ctx: BindContext } {
  const text = `select ${sql}`;
  const node = parseSync(text).stmts[0].stmt.SelectStmt.targetList[0].ResTarget.val as PgNode;
  return { node, ctx: { params: [], values: DEFAULT_VALUE_CONTEXT, sql: text } };
}
function typeOf(sql: string): string {
  const { node, ctx } = parseExpr(sql);
  return formatType(bindExpr(node, scope(), ctx).type);
}
function err(sql: string, s = scope()): QueryError {
  const { node, ctx } = parseExpr(sql);
  try { bindCondition(node, s, ctx); } catch (e) { return e as QueryError; }
  throw new Error('no error');
}

beforeAll(async () => { await loadModule(); });

describe('expression typing matches PostgreSQL pg_typeof', () => {
  it.each([
    ['i + 1', 'integer'], ['i + 1.5', 'numeric'], ['b + f', 'double precision'], ['s + s', 'smallint'], ['s + b', 'bigint'],
    ['r + r', 'real'], ['r + i', 'double precision'], ['n + f', 'double precision'], ['i / 2', 'integer'], ['i % b', 'bigint'],
    ['i ^ 2', 'double precision'], ['n ^ 2', 'numeric'], ['2147483648', 'bigint'], ['99999999999999999999', 'numeric'],
    ["t || 1", 'text'], ["i || 'x'", 'text'], ['d + 1', 'date'], ['d - d', 'integer'], ["d + iv", 'timestamp without time zone'],
    ['ts - ts', 'interval'], ['tz + iv', 'timestamp with time zone'], ["ts + '1 day'", 'timestamp without time zone'],
    ['d < ts', 'boolean'], ['case when ok then 1 else 2.5 end', 'numeric'], ['coalesce(i, b)', 'bigint'], ['greatest(1, 2.5)', 'numeric'],
    ['count(*)', 'bigint'], ['sum(i)', 'bigint'], ['sum(b)', 'numeric'], ['sum(r)', 'real'], ['avg(i)', 'numeric'], ['avg(r)', 'double precision'],
    ['min(v)', 'text'], ['max(d)', 'date'], ['round(1)', 'double precision'], ['round(n, 2)', 'numeric'], ['abs(s)', 'smallint'],
    ['mod(b, 2)', 'bigint'], ['power(2, 3)', 'double precision'], ['length(t)', 'integer'], ['substring(t from 1 for 2)', 'text'],
    ["extract(year from d)", 'numeric'], ["date_part('year', d)", 'double precision'], ["date_trunc('day', d)", 'timestamp with time zone'],
    ['now()', 'timestamp with time zone'], ['current_date', 'date'],
  ] as [string, string][])('%s → %s', (sql, want) => {
    expect(typeOf(sql)).toBe(want);
  });

  it('casts and type names', () => {
    expect(typeOf('i::numeric(10,2)')).toBe('numeric(10,2)');
    expect(typeOf("'2024-01-01'::timestamp with time zone")).toBe('timestamp with time zone');
    expect(typeOf('t::varchar(3)')).toBe('character varying(3)');
    expect(typeOf('f::double precision')).toBe('double precision');
  });

  it('infers parameter types from the other operand', () => {
    const { node, ctx } = parseExpr('i + $1');
    expect(bindExpr(node, scope(), ctx).type).toEqual(T.int4);
    expect(ctx.params[0]).toEqual(T.int4);
  });
});

describe('binder errors', () => {
  it('operator does not exist with hint and position', () => {
    const e = err("t + 1 = 1");
    expect(e.sqlstate).toBe('42883');
    expect(e.message).toBe('operator does not exist: text + integer');
    expect(e.hint).toContain('No operator matches');
    expect(e.position).toBe(10);
  });
  it('WHERE must be boolean', () => {
    const e = err('i + 1', scope('WHERE', false));
    expect(e.sqlstate).toBe('42804');
    expect(e.message).toBe('argument of WHERE must be type boolean, not type integer');
    expect(e.position).toBe(10); // PostgreSQL points at the operator
  });
  it('unknown function', () => {
    const e = err('foo(1)');
    expect([e.sqlstate, e.message]).toEqual(['42883', 'function foo(integer) does not exist']);
  });
  it('aggregates not allowed in WHERE', () => {
    const e = err('count(*) > 1', scope('WHERE', false));
    expect([e.sqlstate, e.message]).toEqual(['42803', 'aggregate functions are not allowed in WHERE']);
  });
  it('CASE type mismatch', () => {
    const e = err("case when ok then 1 else 'a'::text end");
    expect([e.sqlstate, e.message]).toEqual(['42804', 'CASE types text and integer cannot be matched']);
  });
  it('unknown type', () => {
    const e = err('i::foo');
    expect([e.sqlstate, e.message]).toEqual(['42704', 'type "foo" does not exist']);
  });
});
