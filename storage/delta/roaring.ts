/**
 * Decoding Delta's RoaringBitmapArray (PROTOCOL.md "Deletion Vector Format"): a 64-bit row-index set stored as
 *   magic u32 LE (1681511377) | bitmap count u64 LE | per bitmap: key u32 LE (the high 32 bits) + a 32-bit
 *   Roaring bitmap in the portable serialization format.
 * Portable format (32-bit): cookie u32 LE; 12347 in the low 16 bits = has run containers (container count - 1
 * in the high 16 bits, then a bitset of which containers are runs), 12346 = no runs (container count u32
 * follows). Then per container key u16 + cardinality-1 u16; offsets (u32 each) when there are no runs or at
 * least 4 containers; then the containers: runs (count u16, then start u16 + length-1 u16 pairs), arrays
 * (cardinality ≤ 4096: sorted u16 values) or bitsets (1024 u64 LE words).
 */

export const ROARING_ARRAY_MAGIC = 1681511377;
const SERIAL_COOKIE_NO_RUNCONTAINER = 12346;
const SERIAL_COOKIE = 12347;
const NO_OFFSET_THRESHOLD = 4;

export class RoaringFormatError extends Error {
  constructor(message: string) {
    super(`invalid deletion vector: ${message}`);
    this.name = 'RoaringFormatError';
  }
}

class Reader {
  pos: number;
  constructor(readonly dv: DataView, start: number) { this.pos = start; }
  need(n: number): void { if (this.pos + n > this.dv.byteLength) throw new RoaringFormatError('truncated data'); }
  u16(): number { this.need(2); const v = this.dv.getUint16(this.pos, true); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.dv.getUint32(this.pos, true); this.pos += 4; return v; }
  u64(): number { this.need(8); const v = this.dv.getBigUint64(this.pos, true); this.pos += 8; return Number(v); }
}

/** One portable 32-bit Roaring bitmap at the reader's position → its values (ascending), each + `high`. */
function readRoaring32(r: Reader, high: number, out: number[]): void {
  const cookie = r.u32();
  let size: number;
  let runs: Uint8Array | null = null;
  if ((cookie & 0xffff) === SERIAL_COOKIE) {
    size = (cookie >>> 16) + 1;
    const bytes = (size + 7) >>> 3;
    r.need(bytes);
    runs = new Uint8Array(r.dv.buffer, r.dv.byteOffset + r.pos, bytes);
    r.pos += bytes;
  } else if (cookie === SERIAL_COOKIE_NO_RUNCONTAINER) {
    size = r.u32();
  } else {
    throw new RoaringFormatError(`unknown roaring cookie ${cookie}`);
  }
  const keys: number[] = [];
  const cards: number[] = [];
  for (let i = 0; i < size; i++) { keys.push(r.u16()); cards.push(r.u16() + 1); }
  if (runs === null || size >= NO_OFFSET_THRESHOLD) r.pos += 4 * size; // offsets: containers follow in order anyway
  for (let i = 0; i < size; i++) {
    const base = high + keys[i]! * 65536;
    const isRun = runs !== null && ((runs[i >>> 3]! >>> (i & 7)) & 1) === 1;
    if (isRun) {
      const n = r.u16();
      for (let k = 0; k < n; k++) {
        const start = r.u16();
        const len = r.u16() + 1;
        for (let v = 0; v < len; v++) out.push(base + start + v);
      }
    } else if (cards[i]! <= 4096) {
      for (let k = 0; k < cards[i]!; k++) out.push(base + r.u16());
    } else {
      r.need(8192);
      for (let w = 0; w < 2048; w++) {
        let word = r.dv.getUint32(r.pos + 4 * w, true);
        while (word !== 0) {
          const bit = 31 - Math.clz32(word & -word);
          out.push(base + w * 32 + bit);
          word &= word - 1;
        }
      }
      r.pos += 8192;
    }
  }
}

/** A serialized RoaringBitmapArray (starting with the magic number) → the sorted row indexes it holds. */
export function decodeRoaringBitmapArray(bytes: Uint8Array): number[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(dv, 0);
  const magic = r.u32();
  if (magic !== ROARING_ARRAY_MAGIC) throw new RoaringFormatError(`bad magic number ${magic}`);
  const count = r.u64();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = r.u32();
    readRoaring32(r, key * 4294967296, out);
  }
  return out;
}
