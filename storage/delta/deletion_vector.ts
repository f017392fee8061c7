/**
 * Deletion vectors (PROTOCOL.md "Deletion Vectors"): the descriptor in add/remove actions, resolved on the
 * main thread to plain data a scan task can load (`DeletionVectorRef`), and loading the deleted row indexes.
 * - storageType 'i': inline, pathOrInlineDv is the Z85-encoded RoaringBitmapArray (sizeInBytes bytes);
 * - 'u': a file in the table folder: pathOrInlineDv = <random prefix><20 Z85 chars = UUID>, file
 *   `<prefix>/deletion_vector_<uuid>.bin`;
 * - 'p': an absolute path (URI) of the file.
 * A DV file is a version byte (1), then per DV at `offset`: size u32 BE | RoaringBitmapArray | CRC-32 u32 BE.
 */
import type { ObjectStore } from '../object_store/store.js';
import { decodeRoaringBitmapArray } from './roaring.js';

export interface DeletionVectorDescriptor {
  readonly storageType: string;
  readonly pathOrInlineDv: string;
  readonly offset?: number | null;
  readonly sizeInBytes: number;
  readonly cardinality: number;
  readonly maxRowIndex?: number | null;
}

/** What a scan task needs to load a file's deletion vector (plain data: goes to workers). */
export type DeletionVectorRef =
  | { readonly kind: 'inline'; readonly data: string; readonly sizeInBytes: number; readonly cardinality: number }
  | { readonly kind: 'file'; readonly path: string; readonly offset: number; readonly sizeInBytes: number; readonly cardinality: number };

export class DeletionVectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeletionVectorError';
  }
}

const Z85_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
const Z85_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < Z85_CHARS.length; i++) Z85_VALUE[Z85_CHARS.charCodeAt(i)] = i;

/** Z85 text (length a multiple of 5) → bytes (4 per 5 characters, big-endian). */
export function z85Decode(text: string): Uint8Array {
  if (text.length % 5 !== 0) throw new DeletionVectorError(`Z85 text length ${text.length} is not a multiple of 5`);
  const out = new Uint8Array((text.length / 5) * 4);
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let v = 0;
    for (let k = 0; k < 5; k++) {
      const c = text.charCodeAt(i + k);
      const d = c < 128 ? Z85_VALUE[c]! : -1;
      if (d < 0) throw new DeletionVectorError(`invalid Z85 character "${text[i + k]}"`);
      v = v * 85 + d;
    }
    if (v > 0xffffffff) throw new DeletionVectorError('invalid Z85 block');
    out[o] = v >>> 24; out[o + 1] = (v >>> 16) & 255; out[o + 2] = (v >>> 8) & 255; out[o + 3] = v & 255;
  }
  return out;
}

/** 16 bytes → canonical lowercase UUID text. */
function uuidText(b: Uint8Array): string {
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The relative path (from the table root) of a 'u' deletion vector's file. */
export function relativeDvPath(pathOrInlineDv: string): string {
  if (pathOrInlineDv.length < 20) throw new DeletionVectorError(`invalid deletion vector path "${pathOrInlineDv}"`);
  const prefix = pathOrInlineDv.slice(0, pathOrInlineDv.length - 20);
  const uuid = uuidText(z85Decode(pathOrInlineDv.slice(-20)));
  return `${prefix === '' ? '' : `${prefix}/`}deletion_vector_${uuid}.bin`;
}

/**
 * Descriptor → ref. `resolve` maps a path relative to the table root (for 'u') or an absolute URI (for 'p')
 * to a store key.
 */
export function resolveDeletionVector(dv: DeletionVectorDescriptor, resolve: (relativeOrAbsolute: string) => string): DeletionVectorRef {
  switch (dv.storageType) {
    case 'i': return { kind: 'inline', data: dv.pathOrInlineDv, sizeInBytes: dv.sizeInBytes, cardinality: dv.cardinality };
    case 'u': return { kind: 'file', path: resolve(relativeDvPath(dv.pathOrInlineDv)), offset: dv.offset ?? 1, sizeInBytes: dv.sizeInBytes, cardinality: dv.cardinality };
    case 'p': return { kind: 'file', path: resolve(dv.pathOrInlineDv), offset: dv.offset ?? 1, sizeInBytes: dv.sizeInBytes, cardinality: dv.cardinality };
    default: throw new DeletionVectorError(`unknown deletion vector storage type "${dv.storageType}"`);
  }
}

/** A string identifying a DV (for caches). */
export function deletionVectorKey(ref: DeletionVectorRef): string {
  return ref.kind === 'inline' ? `i:${ref.data}` : `f:${ref.path}@${ref.offset}`;
}

/** The deleted row indexes (ascending) of a deletion vector. */
export async function loadDeletionVector(store: ObjectStore, ref: DeletionVectorRef): Promise<number[]> {
  let bytes: Uint8Array;
  if (ref.kind === 'inline') {
    bytes = z85Decode(ref.data).subarray(0, ref.sizeInBytes);
  } else {
    const head = await store.getRange(ref.path, ref.offset, ref.offset + 4 + ref.sizeInBytes);
    const size = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0, false);
    if (size !== ref.sizeInBytes) throw new DeletionVectorError(`deletion vector in ${ref.path} at ${ref.offset} has size ${size}, expected ${ref.sizeInBytes}`);
    bytes = head.subarray(4, 4 + size);
  }
  const rows = decodeRoaringBitmapArray(bytes);
  if (rows.length !== ref.cardinality) throw new DeletionVectorError(`deletion vector holds ${rows.length} rows, its descriptor says ${ref.cardinality}`);
  return rows;
}
