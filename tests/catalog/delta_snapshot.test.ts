/**
 * Log state → catalog snapshot: column mapping (physical Parquet names, partition values and stats keyed by
 * physical names, exposed by logical names), deletion vectors resolved to store keys. Uses the conformance
 * golden tables (skipped when absent).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../storage/object_store/local.js';
import { loadSnapshot } from '../../storage/delta/snapshot.js';
import { physicalColumnNames } from '../../storage/delta/column_mapping.js';
import { toTableSnapshot } from '../../catalog/delta_snapshot.js';
import { withMetadataColumns } from '../../catalog/metadata_columns.js';

const GOLDEN = resolve(import.meta.dirname, '../..', process.env['PIER_CONFORMANCE_DIR'] ?? '../shared/conformance', 'golden');
const snapshotOf = async (name: string) => toTableSnapshot(await loadSnapshot(new LocalObjectStore(join(GOLDEN, name)), 'delta'));

describe('column mapping names', () => {
  const schema = { type: 'struct' as const, fields: [
    { name: 'a', type: 'integer', nullable: true, metadata: { 'delta.columnMapping.id': 1, 'delta.columnMapping.physicalName': 'col-1' } },
    { name: 'b', type: 'string', nullable: true, metadata: {} },
  ] };
  it('uses physical names in name and id mode, logical names without mapping', () => {
    expect(physicalColumnNames(schema, { 'delta.columnMapping.mode': 'name' })).toEqual(['col-1', 'b']);
    expect(physicalColumnNames(schema, { 'delta.columnMapping.mode': 'id' })).toEqual(['col-1', 'b']);
    expect(physicalColumnNames(schema, {})).toEqual(['a', 'b']);
  });
});

describe.skipIf(!existsSync(GOLDEN))('catalog snapshots of golden tables', () => {
  it('maps partition values and stats of a column-mapped table to logical names', async () => {
    const snap = await snapshotOf('dv-with-columnmapping');
    expect(snap.fields.map((f) => f.name)).toEqual(['part', 'col1', 'col2']);
    expect(snap.fileColumnNames?.every((n) => n.startsWith('col-'))).toBe(true);
    expect(snap.partitionColumns).toEqual(['part']);
    for (const f of snap.files) {
      expect(typeof f.partitionValues['part']).toBe('number');
      expect(Object.keys(f.stats?.min ?? {}).sort()).toEqual(['col1', 'col2']);
    }
    const withDv = snap.files.filter((f) => f.deletionVector !== undefined);
    expect(withDv).toHaveLength(2);
    expect(withDv[0]!.deletionVector).toMatchObject({ kind: 'file', cardinality: 1 });
    expect((withDv[0]!.deletionVector as { path: string }).path).toMatch(/^delta\/deletion_vector_[0-9a-f-]{36}\.bin$/);
  });

  it('leaves unmapped tables without fileColumnNames', async () => {
    const snap = await snapshotOf('basic-decimal-table');
    expect(snap.fileColumnNames).toBeUndefined();
  });

  it('withMetadataColumns appends _pier_file and _pier_row, keeping physical names aligned', async () => {
    const snap = withMetadataColumns(await snapshotOf('dv-with-columnmapping'));
    expect(snap.metadataColumns).toBe(true);
    expect(snap.fields.map((f) => f.name)).toEqual(['part', 'col1', 'col2', '_pier_file', '_pier_row']);
    expect(snap.fileColumnNames).toHaveLength(5);
    expect(withMetadataColumns(snap)).toBe(snap);
  });
});
