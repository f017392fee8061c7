/** Delta `add.stats` JSON → typed FileStats (top-level columns only; unusable values are left out). */
import type { FileStats } from './catalog.js';
import type { Datum } from '../common/datum.js';
import type { Field } from '../common/types.js';
import { parseStats } from '../storage/delta/stats.js';
import { statsValueToDatum } from './delta_types.js';

export function parseFileStats(json: string, fields: readonly Field[]): FileStats | null {
  let parsed;
  try {
    parsed = parseStats(json);
  } catch {
    return null; // stats are an optimisation: a file without readable stats is simply never skipped
  }
  const min: Record<string, Datum> = {};
  const max: Record<string, Datum> = {};
  const nullCount: Record<string, number> = {};
  for (const f of fields) {
    const lo = statsValueToDatum(parsed.minValues[f.name], f.type, 'min');
    const hi = statsValueToDatum(parsed.maxValues[f.name], f.type, 'max');
    if (lo !== null) min[f.name] = lo;
    if (hi !== null) max[f.name] = hi;
    const nc = parsed.nullCount[f.name];
    if (typeof nc === 'number') nullCount[f.name] = nc;
    else if (typeof nc === 'string' && /^\d+$/.test(nc)) nullCount[f.name] = Number(nc);
  }
  return { numRecords: parsed.numRecords, min, max, nullCount };
}
