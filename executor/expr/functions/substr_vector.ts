/**
 * `substr(text, start [, count])` / `substring(text from start [for count])` with constant start and count,
 * over a whole text vector: one `String.prototype.substring` per row. Positions are code points, so a row
 * with a UTF-16 surrogate pair before the end of the wanted range goes through the code-point path.
 */
import type { Vector } from '../../../common/vector.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { substr } from './string.js';

function constInt(e: BoundExpr | undefined): number | null {
  return e !== undefined && e.kind === 'const' && typeof e.value === 'number' && Number.isInteger(e.value) ? e.value : null;
}

/** Whether s[0, end) holds a surrogate (end clamped to the string). */
function surrogateBefore(s: string, end: number): boolean {
  const m = Math.min(end, s.length);
  for (let k = 0; k < m; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** The kernel for `e` (a call), or null when it is not substr of text with constant positions. */
export function substrKernel(e: Extract<BoundExpr, { kind: 'call' }>): ((text: Vector) => Vector) | null {
  if (e.fn !== 'substr' || (e.args.length !== 2 && e.args.length !== 3)) return null;
  const start = constInt(e.args[1]);
  const count = e.args.length === 3 ? constInt(e.args[2]) : Infinity;
  // a negative count is an error raised per row by the general path (only when a row is evaluated)
  if (start === null || count === null || count < 0) return null;
  const from = Math.max(0, start - 1);
  const to = Math.max(0, start - 1 + count);
  return (text) => {
    const src = text.data as string[], n = text.length, nulls = text.nulls;
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] === 1) { out[i] = ''; continue; }
      const s = src[i]!;
      if (!surrogateBefore(s, to)) { out[i] = s.substring(from, to); continue; }
      out[i] = substr(s, start, e.args.length === 3 ? count : undefined);
    }
    return { type: e.type, length: n, data: out, nulls };
  };
}
