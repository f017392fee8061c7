import { describe, expect, it } from 'vitest';
import { withConfiguredFeatures, withFeature } from '../../../storage/delta/protocol_upgrade.js';
import { enableColumnMapping, physicalLayout, assignColumnMapping } from '../../../storage/delta/column_mapping_write.js';
import { tableFromArrays } from 'apache-arrow';

describe('protocol upgrades', () => {
  it('uses legacy versions when the feature has them', () => {
    expect(withFeature({ minReaderVersion: 1, minWriterVersion: 2 }, 'checkConstraints')).toEqual({ minReaderVersion: 1, minWriterVersion: 3 });
    expect(withFeature({ minReaderVersion: 1, minWriterVersion: 3 }, 'columnMapping')).toEqual({ minReaderVersion: 2, minWriterVersion: 5 });
    const same = { minReaderVersion: 2, minWriterVersion: 5 };
    expect(withFeature(same, 'checkConstraints')).toBe(same);
  });

  it('moves to table features for typeWidening, listing what the legacy versions implied', () => {
    expect(withFeature({ minReaderVersion: 2, minWriterVersion: 5 }, 'typeWidening')).toEqual({
      minReaderVersion: 3, minWriterVersion: 7,
      readerFeatures: ['columnMapping', 'typeWidening'],
      writerFeatures: ['appendOnly', 'invariants', 'checkConstraints', 'changeDataFeed', 'generatedColumns', 'columnMapping', 'typeWidening'],
    });
  });

  it('adds a feature by name to a table-features protocol', () => {
    const p = { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['timestampNtz'], writerFeatures: ['timestampNtz'] };
    expect(withFeature(p, 'columnMapping')).toEqual({ minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['timestampNtz', 'columnMapping'], writerFeatures: ['timestampNtz', 'columnMapping'] });
    expect(withFeature(p, 'checkConstraints')).toEqual({ minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['timestampNtz'], writerFeatures: ['timestampNtz', 'checkConstraints'] });
  });

  it('derives a new table protocol from its configuration', () => {
    expect(withConfiguredFeatures({ minReaderVersion: 1, minWriterVersion: 2 }, { 'delta.constraints.c': 'a > 0' })).toEqual({ minReaderVersion: 1, minWriterVersion: 3 });
    expect(withConfiguredFeatures({ minReaderVersion: 1, minWriterVersion: 2 }, {})).toEqual({ minReaderVersion: 1, minWriterVersion: 2 });
  });
});

describe('column mapping on the write side', () => {
  const schema = { type: 'struct' as const, fields: [
    { name: 'a', type: 'integer', nullable: true, metadata: {} },
    { name: 'p', type: 'string', nullable: true, metadata: {} },
  ] };

  it('turns mapping on keeping current names as physical names', () => {
    const on = enableColumnMapping(schema, {});
    expect(on.configuration).toEqual({ 'delta.columnMapping.mode': 'name', 'delta.columnMapping.maxColumnId': '2' });
    expect(on.schema.fields.map((f) => f.metadata)).toEqual([
      { 'delta.columnMapping.id': 1, 'delta.columnMapping.physicalName': 'a' },
      { 'delta.columnMapping.id': 2, 'delta.columnMapping.physicalName': 'p' },
    ]);
    const added = assignColumnMapping({ name: 'n', type: 'long', nullable: true, metadata: {} }, on.configuration);
    expect(added.maxColumnId).toBe(3);
    expect(added.field.metadata['delta.columnMapping.physicalName']).toMatch(/^col-[0-9a-f-]{36}$/);
  });

  it('renames data columns to physical names with field ids', () => {
    const on = enableColumnMapping(schema, {});
    const renamed = { ...on.schema, fields: [{ ...on.schema.fields[0]!, name: 'alpha' }, { ...on.schema.fields[1]!, name: 'part' }] };
    expect(physicalLayout(schema, {}, ['p'])).toBeNull();
    const layout = physicalLayout(renamed, on.configuration, ['part'])!;
    expect(layout.partitionColumns).toEqual(['p']);
    const out = layout.toPhysical(tableFromArrays({ alpha: Int32Array.from([1, 2]), part: ['x', 'y'] }));
    expect(out.schema.fields.map((f) => f.name)).toEqual(['a', 'p']);
    expect(out.schema.fields.map((f) => f.metadata.get('PARQUET:field_id'))).toEqual(['1', '2']);
    expect(out.getChild('a')!.toArray()).toEqual(Int32Array.from([1, 2]));
    expect(out.numRows).toBe(2);
  });
});
