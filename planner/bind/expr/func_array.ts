/** Resolvers of array functions: array_length, cardinality, array_to_string, string_to_array, array_position, ... */
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import { call, fit, fixed, overloads, type Resolver } from './func_helpers.js';
import { comparisonType } from './bind_operator.js';

const TEXT_ARR: SqlType = { kind: 'array', element: T.text };
const isArr = (t: SqlType) => t.kind === 'array';

/** f(anyarray, extra types...) → result (result null = the array's own type). */
function onArray(fn: string, extra: readonly SqlType[], result: SqlType | 'same' | 'element'): Resolver {
  return (args, ctx, p) => {
    if (args.length !== extra.length + 1 || !isArr(args[0]!.type)) return null;
    const arr = args[0]!.type as Extract<SqlType, { kind: 'array' }>;
    const rest = fit(args.slice(1), extra, ctx, p);
    if (rest === null) return null;
    const rt = result === 'same' ? arr : result === 'element' ? arr.element : result;
    return call(fn, [args[0]!, ...rest], rt);
  };
}

/** f(anyarray, anyelement): the element is coerced to the array's element type. */
function arrayElem(fn: string, result: SqlType | 'same', elementFirst = false): Resolver {
  return (args, ctx, p) => {
    if (args.length !== 2) return null;
    const [ai, ei] = elementFirst ? [1, 0] : [0, 1];
    let arr = args[ai]!, el = args[ei]!;
    if (!isArr(arr.type)) {
      if (arr.type.kind !== 'unknown' || el.type.kind === 'unknown' || isArr(el.type)) return null;
      arr = coerceToType(arr, { kind: 'array', element: el.type }, 'implicit', ctx, p);
    }
    const at = arr.type as Extract<SqlType, { kind: 'array' }>;
    if (comparisonType(at.element, el.type) === null) return null;
    el = coerceToType(el, at.element, 'implicit', ctx, p);
    const ordered: BoundExpr[] = elementFirst ? [el, arr] : [arr, el];
    return call(fn, ordered, result === 'same' ? at : result);
  };
}

const arrayCat: Resolver = (args, ctx, p) => {
  if (args.length !== 2) return null;
  const known = args.find((a) => isArr(a.type));
  if (known === undefined) return null;
  const a = fit(args, [known.type, known.type], ctx, p);
  return a && call('array_cat', a, known.type);
};

export const ARRAY_RESOLVERS: Record<string, Resolver> = {
  array_length: onArray('array_length', [T.int4], T.int4),
  array_upper: onArray('array_length', [T.int4], T.int4),
  array_lower: onArray('array_lower', [T.int4], T.int4),
  array_ndims: onArray('array_ndims', [], T.int4),
  array_dims: onArray('array_dims', [], T.text),
  cardinality: onArray('cardinality', [], T.int4),
  array_to_string: overloads(onArray('array_to_string', [T.text], T.text), onArray('array_to_string', [T.text, T.text], T.text)),
  string_to_array: overloads(fixed('string_to_array', [T.text, T.text], TEXT_ARR), fixed('string_to_array', [T.text, T.text, T.text], TEXT_ARR)),
  regexp_split_to_array: overloads(fixed('regexp_split_to_array', [T.text, T.text], TEXT_ARR), fixed('regexp_split_to_array', [T.text, T.text, T.text], TEXT_ARR)),
  array_position: arrayElem('array_position', T.int4),
  array_append: arrayElem('array_append', 'same'),
  array_prepend: arrayElem('array_prepend', 'same', true),
  array_remove: arrayElem('array_remove', 'same'),
  array_cat: arrayCat,
};
