/** Set-returning json functions: json(b)_each(_text) (key, value), json(b)_array_elements(_text), json(b)_object_keys. */
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { TableFunctionCall } from '../../logical/table_function.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import type { BindContext } from './scope.js';

export const JSON_SRF_NAMES: readonly string[] = [
  'json_each', 'jsonb_each', 'json_each_text', 'jsonb_each_text', 'json_array_elements', 'jsonb_array_elements',
  'json_array_elements_text', 'jsonb_array_elements_text', 'json_object_keys', 'jsonb_object_keys',
];

/** The call, or null when the arguments do not fit (→ 42883). */
export function resolveJsonSrf(name: string, args: readonly BoundExpr[], ctx: BindContext, position: number | undefined): TableFunctionCall | null {
  if (!JSON_SRF_NAMES.includes(name) || args.length !== 1) return null;
  const jt: SqlType = name.startsWith('jsonb') ? T.jsonb : T.json;
  const a = args[0]!;
  if (a.type.kind !== jt.kind && a.type.kind !== 'unknown') return null;
  const arg = coerceToType(a, jt, 'implicit', ctx, position);
  const text = name.endsWith('_text');
  if (name.endsWith('_object_keys')) return { fn: name, args: [arg], types: [T.text] };
  if (name.includes('_each')) return { fn: name, args: [arg], types: [T.text, text ? T.text : jt], names: ['key', 'value'] };
  return { fn: name, args: [arg], types: [text ? T.text : jt], names: ['value'] };
}
