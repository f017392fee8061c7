/**
 * The per-batch work of a semi / anti join stage: keep a probe (left) row when some build row with the
 * same non-NULL keys (every build row when there are no keys) satisfies the residual — or, anti, when none
 * does. Null-aware anti (NOT IN): nothing survives when the build side has a NULL key; a left row with a
 * NULL key survives only when the build side is empty.
 */
import type { Batch } from '../../common/vector.js';
import { takeBatch } from '../../common/vector.js';
import type { ReadyStage } from './join_stage.js';

const CHUNK_PAIRS = 65536;

export function semiProbe(s: ReadyStage, lb: Batch): Batch[] {
  const { stage, build, table, pairs, residual } = s;
  const n = lb.length;
  if (n === 0) return [];
  const anti = stage.kind === 'anti';
  const m = build?.length ?? 0;
  const keyed = stage.probeKeys.length > 0;
  const matched = new Uint8Array(n);
  const leftNull = keyed ? new Uint8Array(n) : null;
  if (m > 0) {
    const kv = keyed ? s.probeKeyEval(lb) : [];
    if (residual === null) {
      if (table !== null) table.probeExists(kv, n, matched, leftNull);
      else if (!keyed) matched.fill(1);
    } else {
      let from = 0;
      while (from < n) {
        pairs.reset();
        if (keyed) {
          if (table === null) break;
          from = table.probeChunk(kv, n, pairs, from, CHUNK_PAIRS);
        } else {
          while (from < n && pairs.n < CHUNK_PAIRS) {
            const i = from++;
            for (let j = 0; j < m; j++) pairs.push(i, j);
          }
        }
        if (pairs.n === 0) continue;
        const ls = pairs.l.subarray(0, pairs.n);
        const rs = pairs.r.subarray(0, pairs.n);
        const { sel, count } = residual.select(lb, ls, build, rs, pairs.n);
        for (let j = 0; j < count; j++) matched[ls[sel[j]!]!] = 1;
      }
      if (keyed && leftNull !== null) markNullKeys(kv, n, leftNull);
    }
  }
  const hadNull = table?.hadNullKey ?? false;
  const keep = new Int32Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    let ok = anti ? matched[i] === 0 : matched[i] === 1;
    if (ok && stage.nullAware === true && m > 0 && (hadNull || leftNull?.[i] === 1)) ok = false;
    if (ok) keep[kept++] = i;
  }
  if (kept === n) return [lb];
  return kept > 0 ? [takeBatch(lb, keep, kept)] : [];
}

function markNullKeys(kv: readonly { readonly nulls: Uint8Array | null }[], n: number, out: Uint8Array): void {
  for (const k of kv) {
    const nl = k.nulls;
    if (nl !== null) for (let i = 0; i < n; i++) if (nl[i] === 1) out[i] = 1;
  }
}
