/** Array functions: constructor, subscript, = ANY / op ALL, array_length, array_to_string, string_to_array, ... */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { ValueContext } from '../../../common/values/context.js';
import { formatDatum } from '../../../common/values/text_io.js';
import { comparatorFor } from '../datum_compare.js';
import { regexpSplit } from './regex.js';
import type { ScalarFn, ScalarImpl } from './registry.js';

type Arr = readonly Datum[];
type D = Exclude<Datum, null>;

function splitString(s: string, delim: string | null, nullStr: string | null): Datum[] {
  let parts: string[];
  if (delim === null) parts = Array.from(s);
  else if (s === '') return [];
  else if (delim === '') parts = [s];
  else parts = s.split(delim);
  return parts.map((p) => (nullStr !== null && p === nullStr ? null : p));
}

const TESTS: Record<string, (c: number) => boolean> = {
  '=': (c) => c === 0, '<>': (c) => c !== 0, '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0,
};

/** x op ANY(arr) / x op ALL(arr) with SQL three-valued logic. fn = `array_any:<op>` or `array_all:<op>`. */
function quantified(fn: string, elementType: SqlType): ScalarImpl | null {
  const m = /^array_(any|all):(.+)$/.exec(fn);
  if (m === null) return null;
  const test = TESTS[m[2]!];
  if (test === undefined) return null;
  const cmp = comparatorFor(elementType);
  const any = m[1] === 'any';
  return {
    strict: false,
    fn: (a) => {
      const x = a[0]!, arr = a[1] as Arr | null;
      if (arr === null) return null;
      if (arr.length === 0) return !any;
      if (x === null) return null;
      let sawNull = false;
      for (const e of arr) {
        if (e === null) { sawNull = true; continue; }
        const r = test(cmp(x, e));
        if (any && r) return true;
        if (!any && !r) return false;
      }
      return sawNull ? null : !any;
    },
  };
}

export function arrayFunction(fn: string, argTypes: readonly SqlType[], values: ValueContext): ScalarImpl | null {
  const strict = (f: ScalarFn): ScalarImpl => ({ fn: f, strict: true });
  const at = argTypes[0];
  const elementOf = (t: SqlType | undefined) => (t?.kind === 'array' ? t.element : null);
  switch (fn) {
    case 'array_construct': return { fn: (a) => [...a], strict: false };
    case 'array_subscript': return strict((a) => (a[0] as Arr)[(a[1] as number) - 1] ?? null);
    case 'array_slice': return {
      strict: false,
      fn: (a) => {
        const arr = a[0] as Arr | null;
        if (arr === null) return null;
        const lo = a[1] === null ? 1 : Math.max(1, a[1] as number);
        const hi = a[2] === null ? arr.length : Math.min(arr.length, a[2] as number);
        return hi < lo ? [] : arr.slice(lo - 1, hi);
      },
    };
    case 'array_length': return strict((a) => ((a[1] as number) === 1 && (a[0] as Arr).length > 0 ? (a[0] as Arr).length : null));
    case 'array_lower': return strict((a) => ((a[1] as number) === 1 && (a[0] as Arr).length > 0 ? 1 : null));
    case 'array_ndims': return strict((a) => ((a[0] as Arr).length > 0 ? 1 : null));
    case 'array_dims': return strict((a) => ((a[0] as Arr).length > 0 ? `[1:${(a[0] as Arr).length}]` : null));
    case 'cardinality': return strict((a) => (a[0] as Arr).length);
    case 'array_to_string': {
      const el = elementOf(at);
      if (el === null) return null;
      return {
        strict: false,
        fn: (a) => {
          if (a[0] === null || a[1] === null) return null;
          const nullStr = a.length > 2 ? (a[2] as string | null) : null;
          const parts: string[] = [];
          for (const e of a[0] as Arr) {
            if (e === null) { if (nullStr !== null) parts.push(nullStr); }
            else parts.push(formatDatum(el, e, values));
          }
          return parts.join(a[1] as string);
        },
      };
    }
    case 'string_to_array': return {
      strict: false,
      fn: (a) => (a[0] === null ? null : splitString(a[0] as string, a[1] as string | null, a.length > 2 ? (a[2] as string | null) : null)),
    };
    case 'regexp_split_to_array': return strict((a) => regexpSplit(a[0] as string, a[1] as string, a.length > 2 ? (a[2] as string) : ''));
    case 'array_position': {
      const el = elementOf(at);
      if (el === null) return null;
      const cmp = comparatorFor(el);
      return {
        strict: false,
        fn: (a) => {
          const arr = a[0] as Arr | null;
          if (arr === null) return null;
          const x = a[1]!;
          const i = arr.findIndex((e) => (x === null ? e === null : e !== null && cmp(e, x) === 0));
          return i < 0 ? null : i + 1;
        },
      };
    }
    case 'array_remove': {
      const el = elementOf(at);
      if (el === null) return null;
      const cmp = comparatorFor(el);
      return { strict: false, fn: (a) => (a[0] === null ? null : (a[0] as Arr).filter((e) => (a[1] === null ? e !== null : e === null || cmp(e, a[1] as D) !== 0))) };
    }
    case 'array_append': return { strict: false, fn: (a) => [...((a[0] as Arr | null) ?? []), a[1]!] };
    case 'array_prepend': return { strict: false, fn: (a) => [a[0]!, ...((a[1] as Arr | null) ?? [])] };
    case 'array_cat': return { strict: false, fn: (a) => (a[0] === null && a[1] === null ? null : [...((a[0] as Arr | null) ?? []), ...((a[1] as Arr | null) ?? [])]) };
    default: {
      const el = elementOf(argTypes[1]);
      if (el !== null && fn.startsWith('array_')) return quantified(fn, el);
      return null;
    }
  }
}
