/**
 * Time travel targets → versions of a Delta table, with Databricks' errors:
 *   Cannot time travel Delta table to version 9. Available versions: [0, 4].
 *   The provided timestamp (…) is after the latest version available to this table (…). …
 *   The provided timestamp (…) is before the earliest version available to this table (…). …
 */
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { ObjectStore } from '../storage/object_store/store.js';
import { listingLatest, listLog } from '../storage/delta/replay.js';
import { earliestReconstructable, versionAtTimestamp } from '../storage/delta/timestamp_version.js';
import type { TimeTravelTarget } from './catalog.js';

/** `2024-01-01 10:00:00.123` (UTC), as Delta prints timestamps in these messages. */
export function formatMillis(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export async function resolveDeltaVersion(store: ObjectStore, path: string, tableName: string, target: TimeTravelTarget): Promise<number> {
  const missing = (): QueryError => new QueryError(SQLSTATE.undefined_table, `relation "${tableName}" does not exist`);
  if (target.kind === 'version') {
    const listing = await listLog(store, path);
    const earliest = earliestReconstructable(listing);
    if (earliest === null) throw missing();
    const latest = listingLatest(listing);
    if (target.version < earliest || target.version > latest) {
      throw new QueryError(SQLSTATE.invalid_parameter_value, `Cannot time travel Delta table to version ${target.version}. Available versions: [${earliest}, ${latest}].`);
    }
    return target.version;
  }
  const ms = Number(target.micros / 1000n);
  const shown = formatMillis(ms);
  const r = await versionAtTimestamp(store, path, ms);
  switch (r.kind) {
    case 'version': return r.version;
    case 'noTable': throw missing();
    case 'tooLate': {
      const latest = formatMillis(r.latestTimestamp);
      throw new QueryError(SQLSTATE.invalid_parameter_value, `The provided timestamp (${shown}) is after the latest version available to this table (${latest}). Please use a timestamp before or at ${latest}.`);
    }
    case 'tooEarly': {
      const earliest = formatMillis(r.earliestTimestamp);
      throw new QueryError(SQLSTATE.invalid_parameter_value, `The provided timestamp (${shown}) is before the earliest version available to this table (${earliest}). Please use a timestamp after ${earliest}.`);
    }
  }
}
