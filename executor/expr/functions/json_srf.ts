/** Rows of the json set-returning functions (planner/bind/expr/func_json_srf.ts binds them). */
import type { Datum } from '../../../common/datum.js';
import { jsonArrayElements, jsonEachRows, jsonObjectKeys } from '../../../common/values/json_ops.js';

export function jsonSrfRows(fn: string, args: readonly Datum[]): Datum[][] | null {
  const m = /^(jsonb?)_(each|array_elements|object_keys)(_text)?$/.exec(fn);
  if (m === null) return null;
  const kind = m[1] as 'json' | 'jsonb';
  const text = m[3] !== undefined;
  const j = args[0] as string;
  switch (m[2]) {
    case 'each': return jsonEachRows(j, kind, text);
    case 'array_elements': return jsonArrayElements(j, kind, text).map((v) => [v]);
    default: return jsonObjectKeys(j, kind).map((k) => [k]);
  }
}
