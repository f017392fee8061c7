/** Cardinality estimates: scans from Delta stats (numRecords), simple selectivities above them. */
import type { ScanFile } from '../../logical/nodes.js';

/** rows assumed for a file without stats */
export const UNKNOWN_FILE_ROWS = 1000;
export const FILTER_SELECTIVITY = 0.5;
export const GROUP_RATIO = 0.1;

export function scanRows(files: readonly ScanFile[], filtered: boolean, limit: number | null): number {
  let rows = files.reduce((s, f) => s + (f.numRecords ?? UNKNOWN_FILE_ROWS), 0);
  if (filtered) rows *= FILTER_SELECTIVITY;
  if (limit !== null) rows = Math.min(rows, limit);
  return rows;
}

export function filterRows(input: number): number {
  return input * FILTER_SELECTIVITY;
}

export function aggregateRows(input: number, groupKeys: number): number {
  if (groupKeys === 0) return 1;
  return Math.max(1, Math.min(input, Math.ceil(input * GROUP_RATIO)));
}

export function joinRows(kind: string, left: number, right: number, equi: boolean): number {
  if (kind === 'cross' || !equi) return kind === 'cross' ? left * right : Math.max(left, right, left * right * FILTER_SELECTIVITY);
  const inner = Math.max(left, right);
  switch (kind) {
    case 'left': return Math.max(inner, left);
    case 'right': return Math.max(inner, right);
    case 'full': return Math.max(inner, left + right);
    default: return inner;
  }
}

export function limitRows(input: number, limit: number | null, offset: number): number {
  const after = Math.max(0, input - offset);
  return limit === null ? after : Math.min(after, limit);
}
