/** extract / date_part over date vectors (executor/expr/functions/date_extract_vector.ts) = the per-row functions. */
import { describe, expect, it } from 'vitest';
import { dateExtractKernel } from '../../../executor/expr/functions/date_extract_vector.js';
import { lookupScalar } from '../../../executor/expr/functions/registry.js';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { DATE_INFINITY } from '../../../common/values/datetime.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';

const ctx = { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n };
const call = (fn: 'extract' | 'date_part', unit: string): Extract<BoundExpr, { kind: 'call' }> => ({
  kind: 'call', fn, args: [{ kind: 'const', value: unit, type: T.text }, { kind: 'column', index: 0, type: T.date }], type: fn === 'extract' ? T.numeric : T.float8,
});

describe('date field extraction over vectors', () => {
  // every day around leap years and century boundaries, plus a sweep from 2700 BC to 4700 AD
  const days: (number | null)[] = [];
  for (let d = -800000; d <= 1000000; d += 997) days.push(d);
  for (let d = -719893; d < -719163; d++) days.push(d); // 1 BC .. 1 AD
  for (let d = 10900; d < 11700; d++) days.push(d); // 1999 .. 2002
  days.push(null);
  const dates = vectorFromDatums(T.date, days);
  for (const fn of ['extract', 'date_part'] as const) {
    for (const unit of ['year', 'quarter', 'month', 'day', 'YEAR', 'mon']) {
      it(`${fn}('${unit}', date) matches the row function`, () => {
        const k = dateExtractKernel(call(fn, unit))!;
        expect(k).not.toBeNull();
        const out = k(dates)!;
        const row = lookupScalar(fn, [T.text, T.date], ctx)!;
        days.forEach((d, i) => {
          const want = d === null ? null : row.fn([unit, d]);
          const got = getDatum(out, i);
          if (fn === 'date_part' || want === null) expect(got).toEqual(want);
          else expect(got).toEqual({ unscaled: (want as { unscaled: bigint }).unscaled, scale: 0 });
        });
      });
    }
  }
  it('leaves other fields and infinite dates to the general path', () => {
    expect(dateExtractKernel(call('extract', 'dow'))).toBeNull();
    expect(dateExtractKernel(call('extract', 'year'))!(vectorFromDatums(T.date, [1, DATE_INFINITY]))).toBeNull();
  });
});
