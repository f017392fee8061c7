/** Reference helpers for group-table tests: numeric datums and the SQL identity of a value. */
import type { Datum } from '../../../common/datum.js';

export const num = (unscaled: bigint, scale: number): Datum => ({ unscaled, scale }) as unknown as Datum;

/** the SQL identity of a value: numerics by value (1.5 = 1.50), -0 as 0 */
export function ident(v: Datum): string {
  if (v === null) return 'NULL';
  if (typeof v === 'object' && 'unscaled' in (v as object)) {
    const n = v as unknown as { unscaled: bigint; scale: number };
    let u = n.unscaled, s = n.scale;
    while (s > 0 && u % 10n === 0n) { u /= 10n; s--; }
    return `n${u}e${s}`;
  }
  if (typeof v === 'number') return `f${v === 0 ? 0 : v}`;
  return `${typeof v}:${String(v)}`;
}
