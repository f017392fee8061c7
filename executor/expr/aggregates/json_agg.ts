/**
 * json_agg / jsonb_agg / json_object_agg / jsonb_object_agg over values already turned into json(b) text by
 * the binder (to_json(b)(x)); keys arrive as text. json results keep PostgreSQL's spacing
 * (`[1, 2]`, `{ "k" : v, … }`); jsonb results are normalised (duplicate keys: the last wins).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { escapeJsonString, jsonbText, normaliseJsonb } from '../../../common/values/json_format.js';
import { J, parseJsonValue } from '../../../common/values/json_value.js';
import type { GroupedAccumulator } from './accumulator.js';
import { stateAccumulator } from './state_accumulator.js';

type Item = readonly [string | null, string];

export function jsonAggAccumulator(fn: string, resultType: SqlType): GroupedAccumulator | null {
  const object = fn.endsWith('_object_agg');
  const jsonb = fn.startsWith('jsonb');
  if (!(fn === 'json_agg' || fn === 'jsonb_agg' || object)) return null;
  return stateAccumulator<Item[] | null>({
    init: () => null,
    add: (s, row) => {
      let key: string | null = null;
      if (object) {
        key = row[0] as string | null;
        if (key === null) throw new QueryError(SQLSTATE.invalid_parameter_value, 'field name must not be null');
      }
      const v = (row[object ? 1 : 0] as string | null) ?? 'null';
      const out = s ?? [];
      out.push([key, v]);
      return out;
    },
    combine: (a, b) => (a === null ? b : b === null ? a : [...a, ...b]),
    finish: (s) => {
      if (s === null) return null;
      if (!object) {
        if (!jsonb) return `[${s.map((x, i) => (i === 0 && x[1].startsWith('\n ') ? x[1].slice(2) : x[1])).join(', ')}]`;
        return jsonbText(J.arr(s.map((x) => parseJsonValue(x[1], 'jsonb'))));
      }
      if (!jsonb) return `{ ${s.map(([k, v]) => `${escapeJsonString(k!)} : ${v}`).join(', ')} }`;
      return jsonbText(normaliseJsonb(J.obj(s.map(([k, v]) => [k!, parseJsonValue(v, 'jsonb')] as const))));
    },
  }, resultType);
}
