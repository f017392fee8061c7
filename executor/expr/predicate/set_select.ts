/**
 * IN-list and LIKE leaves of a selector (selector.ts), over a column (see `columnOf`): `col [NOT] IN (constants)`
 * as one Set lookup per selected row; `col [NOT] LIKE 'constant'` as prefix / suffix / ordered-substring tests when
 * the pattern has only `%` wildcards, else one RegExp test per selected row. NULL semantics are PostgreSQL's: a
 * NULL argument selects nothing; `NOT IN` a list holding NULL selects nothing.
 */
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import type { EvalContext } from '../compile.js';
import { likeToRegExp } from '../functions/string.js';
import { columnOf, constOf } from './compare_select.js';
import type { Selector } from './selector.js';

export function inListSelector(e: Extract<BoundExpr, { kind: 'in_list' }>, ctx: EvalContext): Selector | null {
  const col = columnOf(e.arg);
  if (col === null || col.repr === 'numeric') return null;
  const values: (number | bigint | string)[] = [];
  let sawNull = false;
  for (const item of e.list) {
    const c = constOf(item, ctx);
    if (c === null) return null;
    const v = c.value;
    if (v === null) { sawNull = true; continue; }
    if (col.repr === 'number' && typeof v === 'bigint') {
      if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return null;
      values.push(Number(v));
    } else if ((col.repr === 'number' && typeof v === 'number') || (col.repr === 'bigint' && typeof v === 'bigint') || (col.repr === 'string' && typeof v === 'string')) {
      values.push(v);
    } else return null;
  }
  const negated = e.negated;
  if (negated && sawNull) return () => 0;
  const set = new Set<number | bigint | string>(values);
  const idx = col.index;
  return (b, sel, count, out) => {
    const v = b.columns[idx]!;
    const a = v.data as ArrayLike<number | bigint | string>, nulls = v.nulls;
    let n = 0;
    for (let j = 0; j < count; j++) {
      const r = sel[j]!;
      if (set.has(a[r]!) !== negated && (nulls === null || nulls[r] === 0)) out[n++] = r;
    }
    return n;
  };
}

type Matcher = (s: string) => boolean;

export function likeSelector(e: Extract<BoundExpr, { kind: 'like' }>): Selector | null {
  const col = columnOf(e.arg);
  if (col === null || col.repr !== 'string' || e.pattern.kind !== 'const') return null;
  const pattern = e.pattern.value;
  if (pattern === null) return () => 0;
  if (typeof pattern !== 'string') return null;
  let escape: string | null = null;
  if (e.escape !== null) {
    if (e.escape.kind !== 'const') return null;
    if (e.escape.value === null) return () => 0;
    escape = e.escape.value as string;
  }
  const match = e.caseInsensitive ? null : plainMatcher(pattern, escape ?? '\\');
  const re = match === null ? likeToRegExp(pattern, e.caseInsensitive, escape) : null;
  const test: Matcher = match ?? ((s) => re!.test(s));
  const negated = e.negated, idx = col.index;
  return (b, sel, count, out) => {
    const v = b.columns[idx]!;
    const a = v.data as readonly string[], nulls = v.nulls;
    let n = 0;
    for (let j = 0; j < count; j++) {
      const r = sel[j]!;
      if ((nulls === null || nulls[r] === 0) && test(a[r]!) !== negated) out[n++] = r;
    }
    return n;
  };
}

/** A matcher for patterns whose only wildcard is `%` (and no escape character), else null. */
function plainMatcher(pattern: string, escape: string): Matcher | null {
  if (pattern.includes('_') || (escape !== '' && pattern.includes(escape))) return null;
  const parts = pattern.split('%');
  if (parts.length === 1) return (s) => s === pattern;
  const head = parts[0]!, tail = parts[parts.length - 1]!;
  const middle = parts.slice(1, -1).filter((p) => p !== '');
  const minLength = head.length + tail.length;
  if (middle.length === 0) {
    if (head === '') return tail === '' ? () => true : (s) => s.endsWith(tail);
    if (tail === '') return (s) => s.startsWith(head);
    return (s) => s.length >= minLength && s.startsWith(head) && s.endsWith(tail);
  }
  if (head === '' && tail === '' && middle.length === 2) {
    // '%a%b%' (TPC-H q13): two native searches, no loop over the parts (~12% less per string)
    const [first, second] = middle as [string, string];
    const after = first.length;
    return (s) => {
      const k = s.indexOf(first);
      return k >= 0 && s.includes(second, k + after);
    };
  }
  return (s) => {
    if (s.length < minLength || !s.startsWith(head) || !s.endsWith(tail)) return false;
    let at = head.length;
    const end = s.length - tail.length;
    for (const m of middle) {
      const k = s.indexOf(m, at);
      if (k < 0 || k + m.length > end) return false;
      at = k + m.length;
    }
    return true;
  };
}
