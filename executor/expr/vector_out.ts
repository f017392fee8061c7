/** Output builders for compiled kernels. */
import type { Datum } from '../../common/datum.js';
import type { SqlType } from '../../common/types.js';
import type { Vector, VectorData } from '../../common/vector.js';
import { allocData } from '../../common/vector.js';

export class VectorBuilder {
  readonly data: VectorData;
  nulls: Uint8Array | null = null;
  private readonly isBool: boolean;
  constructor(readonly type: SqlType, readonly length: number) {
    this.data = allocData(type, length);
    this.isBool = type.kind === 'bool';
  }
  setNull(i: number): void {
    (this.nulls ??= new Uint8Array(this.length))[i] = 1;
  }
  set(i: number, v: Datum): void {
    if (v === null) this.setNull(i);
    else if (this.isBool) (this.data as Uint8Array)[i] = v ? 1 : 0;
    else (this.data as unknown as Datum[])[i] = v;
  }
  finish(): Vector {
    return { type: this.type, length: this.length, data: this.data, nulls: this.nulls };
  }
}

/** Union of null masks (null when no input has NULLs). */
export function orNulls(n: number, masks: readonly (Uint8Array | null)[]): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const m of masks) {
    if (m === null) continue;
    if (out === null) out = m.slice(0, n);
    else for (let i = 0; i < n; i++) out[i]! |= m[i]!;
  }
  return out;
}
