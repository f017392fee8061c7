/**
 * Set-returning functions: each call's argument datums → an iterator of rows (one datum per output
 * column). Used by FROM-clause table functions and by SELECT-list SRFs (project_set).
 */
import type { Datum, Interval, Numeric } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import type { ValueContext } from '../../../common/values/context.js';
import { timestampAddInterval } from '../../../common/values/datetime.js';
import { intervalSpan } from '../../../common/values/compare.js';
import * as N from '../../../common/values/numeric.js';
import { regexpMatchesAll, regexpSplit } from './regex.js';
import { jsonSrfRows } from './json_srf.js';

const stepZero = () => new QueryError(SQLSTATE.invalid_parameter_value, 'step size cannot equal zero');

function* intSeries(start: bigint, stop: bigint, step: bigint, asNumber: boolean): Generator<Datum[]> {
  if (step === 0n) throw stepZero();
  for (let v = start; step > 0n ? v <= stop : v >= stop; v += step) yield [asNumber ? Number(v) : v];
}

function* numericSeries(start: Numeric, stop: Numeric, step: Numeric): Generator<Datum[]> {
  if (step.unscaled === 0n) throw stepZero();
  const up = step.unscaled > 0n;
  for (let v = start; up ? N.numericCmp(v, stop) <= 0 : N.numericCmp(v, stop) >= 0; v = N.numericAdd(v, step)) yield [v];
}

function* timestampSeries(start: bigint, stop: bigint, step: Interval, zone: string | null): Generator<Datum[]> {
  const span = intervalSpan(step);
  if (span === 0n) throw stepZero();
  const up = span > 0n;
  for (let v = start; up ? v <= stop : v >= stop; v = timestampAddInterval(v, step, zone)) yield [v];
}

/** Rows of one SRF call. `argTypes` are the bound argument types. Strict: a NULL argument → no rows. */
export function srfRows(fn: string, args: readonly Datum[], argTypes: readonly SqlType[], values: ValueContext): Iterable<Datum[]> {
  if (args.some((a) => a === null) && fn !== 'unnest') return [];
  switch (fn) {
    case 'generate_series': {
      const k = argTypes[0]!.kind;
      if (k === 'int4' || k === 'int8') {
        const b = (d: Datum) => BigInt(d as number | bigint);
        return intSeries(b(args[0]!), b(args[1]!), args.length > 2 ? b(args[2]!) : 1n, k === 'int4');
      }
      if (k === 'numeric') return numericSeries(args[0] as Numeric, args[1] as Numeric, args.length > 2 ? (args[2] as Numeric) : { unscaled: 1n, scale: 0 });
      if (k === 'timestamp' || k === 'timestamptz') return timestampSeries(args[0] as bigint, args[1] as bigint, args[2] as Interval, k === 'timestamptz' ? values.timeZone : null);
      throw new QueryError(SQLSTATE.undefined_function, `function generate_series(${argTypes.map((t) => t.kind).join(', ')}) does not exist`);
    }
    case 'unnest': return args[0] === null ? [] : (args[0] as readonly Datum[]).map((d) => [d]);
    case '_pg_expandarray':
      return (args[0] as readonly Datum[]).map((d, i) => [[d === null ? null : BigInt(d as number | bigint), BigInt(i + 1)]]);
    case 'generate_subscripts': {
      const n = args[1] === 1 ? (args[0] as readonly Datum[]).length : 0;
      const subs = Array.from({ length: n }, (_, i) => [i + 1] as Datum[]);
      return args[2] === true ? subs.reverse() : subs;
    }
    case 'regexp_split_to_table': return regexpSplit(args[0] as string, args[1] as string, args.length > 2 ? (args[2] as string) : '').map((s) => [s]);
    case 'regexp_matches': return regexpMatchesAll(args[0] as string, args[1] as string, args.length > 2 ? (args[2] as string) : '').map((m) => [m]);
    default: {
      const json = jsonSrfRows(fn, args);
      if (json !== null) return json;
      throw new QueryError(SQLSTATE.undefined_function, `function ${fn} is not a set-returning function`);
    }
  }
}
