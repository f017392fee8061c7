import { beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../common/errors.js';
import { T, type Field } from '../../common/types.js';
import { constantVector, type Batch } from '../../common/vector.js';
import { checkAppendOnly, checkConstraints, enforceConstraints } from '../../catalog/constraints.js';
import { ensureParserLoaded } from '../../planner/sql/parse.js';

const fields: Field[] = [
  { name: 'a', type: T.int4, nullable: false },
  { name: 'b', type: T.text, nullable: true },
];

/** a one-row batch */
function batch(a: number | null, b: string | null): Batch {
  return { length: 1, columns: [constantVector(T.int4, a, 1), constantVector(T.text, b, 1)] };
}

function errorOf(f: () => void): QueryError {
  try {
    f();
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error('expected a QueryError');
}

describe('enforceConstraints', () => {
  beforeAll(async () => { await ensureParserLoaded(); });
  const table = { name: 't', fields, configuration: { 'delta.constraints.a_pos': 'a > 0', 'delta.constraints.b_short': 'length(b) < 3', other: 'x' } };

  it('lists the CHECK constraints of a configuration', () => {
    expect(checkConstraints(table.configuration)).toEqual([{ name: 'a_pos', expr: 'a > 0' }, { name: 'b_short', expr: 'length(b) < 3' }]);
  });

  it('passes rows that satisfy every constraint, and NULL results', () => {
    expect(() => enforceConstraints(table, batch(1, 'xy'))).not.toThrow();
    expect(() => enforceConstraints(table, batch(1, null))).not.toThrow();
  });

  it('throws 23514 with the failing row for a FALSE check', () => {
    const e = errorOf(() => enforceConstraints(table, batch(5, 'long')));
    expect(e.sqlstate).toBe('23514');
    expect(e.message).toBe('new row for relation "t" violates check constraint "b_short"');
    expect(e.detail).toBe('Failing row contains (5, long).');
  });

  it('checks NOT NULL first (23502)', () => {
    const e = errorOf(() => enforceConstraints(table, batch(null, 'long')));
    expect(e.sqlstate).toBe('23502');
  });
});

describe('checkAppendOnly', () => {
  it('refuses changes on delta.appendOnly tables only', () => {
    expect(() => checkAppendOnly({}, 't', 'DELETE FROM')).not.toThrow();
    expect(() => checkAppendOnly({ 'delta.appendOnly': 'false' }, 't', 'DELETE FROM')).not.toThrow();
    const e = errorOf(() => checkAppendOnly({ 'delta.appendOnly': 'true' }, 't', 'DELETE FROM'));
    expect(e.sqlstate).toBe('42809');
    expect(e.message).toContain('only allow appends');
  });
});
