/** The join table contract (executor/join/join_table.ts builds one) and the shared form of an integer table. */
import type { WordFilter } from './word_filter.js';
import type { Vector } from '../../common/vector.js';
import type { PairBuffer } from '../operators/join_output.js';
import type { KeyRange } from './key_range.js';

export interface JoinTable {
  /** number of build rows stored (rows with a non-NULL key) */
  readonly size: number;
  /** whether some build row had a NULL key (for NOT IN) */
  readonly hadNullKey: boolean;
  /** Append (probe row, build row) for every match of probe rows [0, n). */
  probe(keys: readonly Vector[], n: number, out: PairBuffer): void;
  /**
   * Mark probe rows that have at least one match (matched[i] = 1), rows with a NULL key in `nullRows`
   * (when given).
   */
  probeExists(keys: readonly Vector[], n: number, matched: Uint8Array, nullRows: Uint8Array | null): void;
  /** Append (probe row, build row) pairs for probe rows [from, n), stopping after the probe row where out.n ≥ limit; returns the next probe row. */
  probeChunk(keys: readonly Vector[], n: number, out: PairBuffer, from: number, limit: number): number;
}

/** A built integer table as plain data over SharedArrayBuffers (what a join stage carries to the workers). */
export interface IntTableData {
  readonly kind: 'int';
  readonly size: number;
  readonly hadNullKey: boolean;
  readonly width: number;
  readonly slots: Int32Array;
  readonly keyWords: Int32Array;
  readonly head: Int32Array;
  readonly next: Int32Array;
  /** the direct index of a one-column key (executor/join/key_range.ts), its array shared too */
  readonly range?: KeyRange | null;
  /** the pre-filter bitmap (a one-column key's range bitmap or a multi-word key's word filter: executor/join/word_filter.ts), shared too */
  readonly filter?: WordFilter | null;
}
