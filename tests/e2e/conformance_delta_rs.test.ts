/**
 * Delta conformance (delta-rs' test tables, no expected rows; and DAT's basic_append, which has them): each
 * table is registered with CREATE TABLE … LOCATION and read through the wire. It must read, returning as many
 * rows as its log says it holds (add stats' numRecords minus deletion-vector cardinalities, when every file
 * has stats), or fail with the error listed in EXPECTED_ERRORS (a clear message naming the feature).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { REPO_ROOT, pierWithClient } from '../support/pier.js';
import { LocalObjectStore } from '../../storage/object_store/local.js';
import { loadSnapshot } from '../../storage/delta/snapshot.js';
import { canonicalWireRows, sortedRows } from './conformance/normalize.js';

const CONFORMANCE = resolve(REPO_ROOT, process.env['PIER_CONFORMANCE_DIR'] ?? '../shared/conformance');
const DELTA_RS = join(CONFORMANCE, 'delta-rs-tables');
const DAT = join(CONFORMANCE, 'dat');
const HAVE = existsSync(DELTA_RS);

type Failure = { readonly code: string; readonly message: RegExp };
/** delta-rs table → the error it must fail with, and why */
const feature = (m: RegExp): Failure => ({ code: '0A000', message: m });
// log-only tables (no data files): the log replays (checkpoints etc.), then the scan names the missing file;
// 58P01 whether the scan runs on the main thread or on a worker thread (the SQLSTATE crosses the boundary)
const logOnly: Failure = { code: '58P01', message: /data file ".*" of the table is missing/ };
const EXPECTED_ERRORS: Readonly<Record<string, Failure>> = {
  checkpoint_with_partitions: logOnly,
  checkpoints: logOnly,
  checkpoints_vacuumed: logOnly,
  latest_not_checkpointed: logOnly,
  simple_table_features: feature(/Delta reader version 5 is not supported/),
  'spark-shredded-variant-preview-delta': feature(/Delta reader feature "variantShredding-preview" is not supported/),
  'spark-variant-checkpoint': feature(/Delta reader feature "variantType-preview" is not supported/),
  'spark-variant-stable-feature-checkpoint': feature(/Delta reader feature "variantType" is not supported/),
  'table-with-domain-metadata': logOnly,
  with_checkpoint_no_last_checkpoint: logOnly,
};

/** Rows the log says the latest version holds, or null when some file has no numRecords. */
async function rowsFromLog(dir: string): Promise<number | null> {
  const snap = await loadSnapshot(new LocalObjectStore(dir), '');
  let rows = 0;
  for (const f of snap.files) {
    if (!f.stats) return null;
    const n = (JSON.parse(f.stats) as { numRecords?: number }).numRecords;
    if (typeof n !== 'number') return null;
    rows += n - ((f.deletionVector as { cardinality?: number } | undefined)?.cardinality ?? 0);
  }
  return rows;
}

const tables = HAVE ? readdirSync(DELTA_RS).filter((n) => existsSync(join(DELTA_RS, n, '_delta_log'))).sort() : [];

describe.skipIf(!HAVE)('delta-rs test tables through the wire', () => {
  const env = pierWithClient();
  let n = 0;

  const read = async (dir: string): Promise<pg.QueryResult> => {
    const t = `drs_${n++}`;
    await env.client.query(`CREATE TABLE ${t} LOCATION '${dir.replace(/'/g, "''")}'`);
    return env.client.query({ text: `SELECT * FROM ${t}`, rowMode: 'array' });
  };

  for (const name of tables) {
    const failure = EXPECTED_ERRORS[name];
    it(`${name}${failure ? ' (refused)' : ''}`, async () => {
      const dir = join(DELTA_RS, name);
      if (failure !== undefined) {
        const err = await read(dir).then(() => null, (e: unknown) => e as { code?: string; message: string });
        expect(err, `${name} now reads: move it out of EXPECTED_ERRORS`).not.toBeNull();
        expect(err!.code).toMatch(new RegExp(`^(${failure.code})$`));
        expect(err!.message).toMatch(failure.message);
        return;
      }
      const res = await read(dir);
      const expected = await rowsFromLog(dir);
      if (expected !== null) expect(res.rows.length).toBe(expected);
      expect(res.fields.length).toBeGreaterThan(0);
    }, 30_000);
  }

  it.skipIf(!existsSync(join(DAT, 'basic_append')))('DAT basic_append returns its rows', async () => {
    const res = await read(join(DAT, 'basic_append', 'delta'));
    expect(res.fields.map((f) => f.name)).toEqual(['letter', 'number', 'a_float']);
    expect(sortedRows(canonicalWireRows(res))).toEqual(sortedRows([
      ['a', '1', '1.1'], ['b', '2', '2.2'], ['c', '3', '3.3'], ['d', '4', '4.4'], ['e', '5', '5.5'],
    ]));
  }, 30_000);
});
