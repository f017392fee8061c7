/** The generic join table (text, numeric, mixed keys): a Map from hash key to build rows. */
import type { Vector } from '../../common/vector.js';
import { anyNull, keyFunction, type HashKey } from '../operators/hash_key.js';
import type { PairBuffer } from '../operators/join_output.js';
import type { JoinTable } from './join_table_types.js';

export class MapJoinTable implements JoinTable {
  readonly size: number;
  readonly hadNullKey: boolean;
  private readonly table = new Map<HashKey, number[]>();

  constructor(keys: readonly Vector[], n: number) {
    const key = keyFunction(keys);
    let stored = 0;
    let hadNull = false;
    for (let i = 0; i < n; i++) {
      if (anyNull(keys, i)) {
        hadNull = true;
        continue;
      }
      stored++;
      const k = key(i);
      const list = this.table.get(k);
      if (list) list.push(i);
      else this.table.set(k, [i]);
    }
    this.size = stored;
    this.hadNullKey = hadNull;
  }

  probe(keys: readonly Vector[], n: number, out: PairBuffer): void {
    this.probeChunk(keys, n, out, 0, Infinity);
  }

  probeChunk(keys: readonly Vector[], n: number, out: PairBuffer, from: number, limit: number): number {
    if (this.size === 0) return n;
    const key = keyFunction(keys);
    for (let i = from; i < n; i++) {
      if (anyNull(keys, i)) continue;
      const list = this.table.get(key(i));
      if (list) for (const j of list) out.push(i, j);
      if (out.n >= limit) return i + 1;
    }
    return n;
  }

  probeExists(keys: readonly Vector[], n: number, matched: Uint8Array, nullRows: Uint8Array | null): void {
    const key = keyFunction(keys);
    for (let i = 0; i < n; i++) {
      if (anyNull(keys, i)) {
        if (nullRows) nullRows[i] = 1;
        continue;
      }
      if (this.size > 0 && this.table.has(key(i))) matched[i] = 1;
    }
  }
}
