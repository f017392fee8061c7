/**
 * DESCRIBE HISTORY t [LIMIT n]: one row per commit still in the log, newest first, with Databricks' columns.
 * Maps of commitInfo (operationParameters, operationMetrics, job, notebook) are rendered as JSON text.
 */
import type { Datum } from '../../../common/datum.js';
import { T, type Field } from '../../../common/types.js';
import { listLog } from '../../../storage/delta/replay.js';
import { readCommitHistory } from '../../../storage/delta/timestamp_version.js';
import type { ObjectStore } from '../../../storage/object_store/store.js';
import { field, jsonText, millisToMicros } from './describe_rows.js';

export const HISTORY_FIELDS: readonly Field[] = [
  field('version', T.int8), field('timestamp', T.timestamptz), field('userId', T.text), field('userName', T.text),
  field('operation', T.text), field('operationParameters', T.text), field('job', T.text), field('notebook', T.text),
  field('clusterId', T.text), field('readVersion', T.int8), field('isolationLevel', T.text), field('isBlindAppend', T.bool),
  field('operationMetrics', T.text), field('userMetadata', T.text), field('engineInfo', T.text),
];

const str = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));

export async function describeHistory(store: ObjectStore, path: string, limit: number | null): Promise<Datum[][]> {
  const listing = await listLog(store, path);
  // with LIMIT n only the newest n commits are read
  const history = await readCommitHistory(store, path, limit === null ? listing : { ...listing, commits: listing.commits.slice(-Math.max(limit, 1)) });
  const rows: Datum[][] = [];
  for (let i = history.length - 1; i >= 0 && (limit === null || rows.length < limit); i--) {
    const c = history[i]!;
    const ci = c.commitInfo ?? {};
    rows.push([
      BigInt(c.version), millisToMicros(c.timestamp), str(ci['userId']), str(ci['userName']),
      str(ci.operation), jsonText(ci.operationParameters), jsonText(ci['job']), jsonText(ci['notebook']),
      str(ci['clusterId']), typeof ci.readVersion === 'number' ? BigInt(ci.readVersion) : null, str(ci.isolationLevel),
      typeof ci.isBlindAppend === 'boolean' ? ci.isBlindAppend : null, jsonText(ci.operationMetrics), str(ci['userMetadata']),
      str(ci.engineInfo),
    ]);
  }
  return rows;
}
