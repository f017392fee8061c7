import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { T, type Field } from '../../../common/types.js';
import { getDatum } from '../../../common/vector.js';
import { batchFromArrow } from '../../../executor/arrow/from_arrow.js';
import { deltaSchemaToFields } from '../../../catalog/delta_types.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { loadSnapshot } from '../../../storage/delta/snapshot.js';
import { parseStats } from '../../../storage/delta/stats.js';
import { ParquetReader } from '../../../storage/parquet/read.js';

const base = process.env['PIER_CONFORMANCE_DIR'] ?? '/work/shared/conformance';
const tableDir = path.join(base, 'dat', 'basic_append', 'delta');
const present = existsSync(path.join(tableDir, '_delta_log'));
if (!present) console.warn(`skipping basic_append conformance: ${tableDir} not found (set PIER_CONFORMANCE_DIR)`);

async function readRows(version?: number): Promise<unknown[][]> {
  const store = new LocalObjectStore(tableDir);
  const snap = await loadSnapshot(store, '', version);
  snap.checkReadable();
  const fields: Field[] = deltaSchemaToFields(snap.schema);
  const rows: unknown[][] = [];
  for (const f of snap.files) {
    const r = await ParquetReader.open(store, snap.fileKey(f.path), { size: f.size });
    try {
      for (let g = 0; g < r.meta.rowGroups.length; g++) {
        const b = batchFromArrow(await r.readRowGroup(g, fields.map((x) => x.name)), fields);
        for (let i = 0; i < b.length; i++) rows.push(b.columns.map((c) => getDatum(c, i)));
      }
    } finally {
      r.close();
    }
  }
  return rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

describe.skipIf(!present)('conformance: dat basic_append (written by Spark)', () => {
  it('reads the latest version', async () => {
    expect(await readRows()).toEqual([['a', 1n, 1.1], ['b', 2n, 2.2], ['c', 3n, 3.3], ['d', 4n, 4.4], ['e', 5n, 5.5]]);
  });

  it('reads version 0 (time travel) and its schema and stats', async () => {
    expect(await readRows(0)).toEqual([['a', 1n, 1.1], ['b', 2n, 2.2], ['c', 3n, 3.3]]);
    const snap = await loadSnapshot(new LocalObjectStore(tableDir), '', 0);
    expect(deltaSchemaToFields(snap.schema)).toEqual([
      { name: 'letter', type: T.text, nullable: true },
      { name: 'number', type: T.int8, nullable: true },
      { name: 'a_float', type: T.float8, nullable: true },
    ]);
    expect(snap.protocol).toEqual({ minReaderVersion: 1, minWriterVersion: 2 });
    const st = parseStats(snap.files[0]!.stats!);
    expect(st.numRecords).toBe(3);
    expect(st.maxValues).toEqual({ letter: 'c', number: 3, a_float: 3.3 });
  });
});
