/**
 * The hash table of a hash / semi join: built once over the build side's key vectors, probed per batch,
 * producing (probe row, build row) index pairs. Rows with a NULL key never match (and are not stored).
 *
 * Keys made only of integer-like columns (int2/int4/date/int8/timestamp[tz]) use an open-addressing table
 * over typed arrays: each row's key is a tuple of int32 words (a 64-bit value is two words), distinct keys
 * are numbered, and the build rows of one key form a chain (in build order). Other keys use a JS Map.
 */
import type { SqlType } from '../../common/types.js';
import type { Vector } from '../../common/vector.js';
import { IntJoinTable } from './int_join_table.js';
import type { IntTableData, JoinTable } from './join_table_types.js';
import { keyTypesWidth, typeWords } from './key_words.js';
import { MapJoinTable } from './map_join_table.js';

export type { IntTableData, JoinTable } from './join_table_types.js';

/** The shareable form of a table (null: a generic table, which each thread builds itself). */
export function shareJoinTable(t: JoinTable): IntTableData | null {
  return t instanceof IntJoinTable ? t.share() : null;
}

/** A table over shared data made by `shareJoinTable`. */
export function joinTableFromData(d: IntTableData): JoinTable {
  return new IntJoinTable([], 0, d);
}

/**
 * Build a table over `keys` (the build side's key vectors, `n` rows); `probeTypes`: the types of the keys it
 * will be probed with (the integer table needs the same word layout on both sides).
 */
export function buildJoinTable(keys: readonly Vector[], n: number, probeTypes: readonly SqlType[]): JoinTable {
  if (intKeysCompatible(keys.map((k) => k.type), probeTypes)) return new IntJoinTable(keys, n);
  return new MapJoinTable(keys, n);
}

/** Whether both key tuples are integer-like with the same word layout. */
export function intKeysCompatible(build: readonly SqlType[], probe: readonly SqlType[]): boolean {
  if (build.length !== probe.length || keyTypesWidth(build) === null) return false;
  return build.every((t, i) => typeWords(t) === typeWords(probe[i]!));
}
