import { describe, expect, it } from 'vitest';
import { decodeRoaringBitmapArray, ROARING_ARRAY_MAGIC } from '../../../storage/delta/roaring.js';
import { loadDeletionVector, relativeDvPath, resolveDeletionVector, z85Decode } from '../../../storage/delta/deletion_vector.js';

/** Little-endian byte writer. */
class W {
  readonly bytes: number[] = [];
  u16(v: number): this { this.bytes.push(v & 255, (v >>> 8) & 255); return this; }
  u32(v: number): this { for (let i = 0; i < 4; i++) this.bytes.push((v >>> (8 * i)) & 255); return this; }
  u64(v: number): this { return this.u32(v).u32(0); }
  raw(b: Iterable<number>): this { for (const x of b) this.bytes.push(x); return this; }
  done(): Uint8Array { return Uint8Array.from(this.bytes); }
}

/** Portable Roaring (no runs) holding `values` (< 65536 each, sorted): one array container. */
function arrayBitmap(values: readonly number[]): number[] {
  const w = new W().u32(12346).u32(1).u16(0).u16(values.length - 1).u32(0);
  for (const v of values) w.u16(v);
  return w.bytes;
}

describe('RoaringBitmapArray decoding', () => {
  it('reads array containers under several 32-bit keys', () => {
    const bytes = new W().u32(ROARING_ARRAY_MAGIC).u64(2).u32(0).raw(arrayBitmap([1, 5, 9])).u32(1).raw(arrayBitmap([0, 3])).done();
    expect(decodeRoaringBitmapArray(bytes)).toEqual([1, 5, 9, 4294967296, 4294967299]);
  });

  it('reads run containers', () => {
    // cookie 12347 with 1 container; run bitset marks container 0; runs 10..14 and 100..100
    const bytes = new W().u32(ROARING_ARRAY_MAGIC).u64(1).u32(0)
      .u32(12347).raw([1]).u16(0).u16(5).u16(2).u16(10).u16(4).u16(100).u16(0).done();
    expect(decodeRoaringBitmapArray(bytes)).toEqual([10, 11, 12, 13, 14, 100]);
  });

  it('reads bitset containers (more than 4096 values) in the second 16-bit chunk', () => {
    const bits = new Uint8Array(8192);
    const want: number[] = [];
    for (let v = 0; v < 5000; v++) { bits[v >>> 3]! |= 1 << (v & 7); want.push(65536 + v); }
    bits[8191]! |= 0x80;
    want.push(65536 + 65535);
    const bytes = new W().u32(ROARING_ARRAY_MAGIC).u64(1).u32(0).u32(12346).u32(1).u16(1).u16(5000).u32(0).raw(bits).done();
    expect(decodeRoaringBitmapArray(bytes)).toEqual(want);
  });

  it('rejects a wrong magic number and truncated data', () => {
    expect(() => decodeRoaringBitmapArray(new W().u32(1).u64(0).done())).toThrow(/magic/);
    expect(() => decodeRoaringBitmapArray(new W().u32(ROARING_ARRAY_MAGIC).u64(1).u32(0).u32(12346).done())).toThrow(/truncated/);
  });
});

describe('deletion vector descriptors', () => {
  it('decodes Z85 (the spec example)', () => {
    expect([...z85Decode('HelloWorld')]).toEqual([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]);
    expect(() => z85Decode('abc')).toThrow(/multiple of 5/);
  });

  it('names the file of a "u" deletion vector from its prefix and Z85 UUID', () => {
    const uuid = '00000000000000000000'; // 16 zero bytes
    expect(relativeDvPath(uuid)).toBe('deletion_vector_00000000-0000-0000-0000-000000000000.bin');
    expect(relativeDvPath(`ab${uuid}`)).toBe('ab/deletion_vector_00000000-0000-0000-0000-000000000000.bin');
  });

  it('loads an inline deletion vector and checks its cardinality', async () => {
    const bitmap = new W().u32(ROARING_ARRAY_MAGIC).u64(1).u32(0).raw(arrayBitmap([2, 3])).done();
    const padded = new Uint8Array(Math.ceil(bitmap.length / 4) * 4);
    padded.set(bitmap);
    const z85 = z85Encode(padded);
    const ref = resolveDeletionVector({ storageType: 'i', pathOrInlineDv: z85, sizeInBytes: bitmap.length, cardinality: 2 }, (p) => p);
    const store = { get: () => { throw new Error('not used'); } } as never;
    expect(await loadDeletionVector(store, ref)).toEqual([2, 3]);
    await expect(loadDeletionVector(store, { ...ref, cardinality: 3 })).rejects.toThrow(/descriptor says 3/);
  });

  it('refuses unknown storage types', () => {
    expect(() => resolveDeletionVector({ storageType: 'x', pathOrInlineDv: '', sizeInBytes: 0, cardinality: 0 }, (p) => p)).toThrow(/storage type "x"/);
  });
});

function z85Encode(bytes: Uint8Array): string {
  const chars = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    let v = ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
    const block: string[] = [];
    for (let k = 0; k < 5; k++) { block.unshift(chars[v % 85]!); v = Math.floor(v / 85); }
    out += block.join('');
  }
  return out;
}
