/**
 * Integer join keys as int32 words: int2/int4/date are one word per row, int8/timestamp/timestamptz two
 * (a view over the BigInt64Array's buffer, so no copy). Equal SQL values have equal words.
 */
import type { SqlType } from '../../common/types.js';
import type { Vector } from '../../common/vector.js';

export interface WordColumn {
  readonly words: 1 | 2;
  readonly data: Int32Array;
}

/** int32 words per value of `type` (null: not an integer-like type). */
export function typeWords(type: SqlType): 1 | 2 | null {
  switch (type.kind) {
    case 'int2': case 'int4': case 'date': return 1;
    case 'int8': case 'timestamp': case 'timestamptz': return 2;
    default: return null;
  }
}

/** Total words of a key tuple of these types (null: some key is not integer-like). */
export function keyTypesWidth(types: readonly SqlType[]): number | null {
  if (types.length === 0) return null;
  let w = 0;
  for (const t of types) {
    const x = typeWords(t);
    if (x === null) return null;
    w += x;
  }
  return w;
}

export function keyWidth(keys: readonly Vector[]): number | null {
  return keyTypesWidth(keys.map((k) => k.type));
}

export function keyWordColumns(keys: readonly Vector[]): WordColumn[] {
  return keys.map((k) => {
    const d = k.data;
    if (d instanceof Int32Array) return { words: 1, data: d };
    if (d instanceof Int16Array) return { words: 1, data: Int32Array.from(d) };
    if (d instanceof BigInt64Array) return { words: 2, data: new Int32Array(d.buffer, d.byteOffset, d.length * 2) };
    throw new Error(`not an integer key vector: ${k.type.kind}`);
  });
}

/** A 32-bit finalizer (murmur3 fmix32) for hashing key words. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
