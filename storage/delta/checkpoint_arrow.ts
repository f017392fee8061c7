/**
 * The Arrow shape of a classic Delta checkpoint (PROTOCOL.md "Checkpoint Schema"): one row per action, one
 * struct column per action type (txn, add, remove, metaData, protocol), exactly one non-null per row. Maps
 * (partitionValues, tags, configuration, format.options) are Arrow maps of string → string; add.stats is the
 * JSON text. Optional add fields (deletionVector, baseRowId, …) get a column only when some file has them.
 */
import { Bool, Field, Int32, Int64, List, Map_, Struct, Table, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import type { AddFile, Metadata, Protocol, RemoveFile, Txn } from './actions.js';

export interface CheckpointContents {
  readonly protocol: Protocol;
  readonly metadata: Metadata;
  readonly txns: readonly Txn[];
  readonly adds: readonly AddFile[];
  /** tombstones still within the retention period */
  readonly removes: readonly RemoveFile[];
}

const f = (name: string, type: DataType): Field => new Field(name, type, true);
const stringMap = (): Map_ => new Map_(new Field('key_value', new Struct([new Field('key', new Utf8(), false), new Field('value', new Utf8(), true)]), false), false);
const stringList = (): List => new List(new Field('element', new Utf8(), true));

const DV_TYPE = new Struct([
  f('storageType', new Utf8()), f('pathOrInlineDv', new Utf8()), f('offset', new Int32()),
  f('sizeInBytes', new Int32()), f('cardinality', new Int64()), f('maxRowIndex', new Int64()),
]);

const toMap = (o: Readonly<Record<string, string | null>> | null | undefined): Map<string, string | null> | null =>
  o === null || o === undefined ? null : new Map(Object.entries(o));
const big = (n: number | null | undefined): bigint | null => (n === null || n === undefined ? null : BigInt(Math.trunc(n)));

function dvValue(dv: unknown): Record<string, unknown> | null {
  if (dv === null || dv === undefined || typeof dv !== 'object') return null;
  const d = dv as Record<string, unknown>;
  const num = (k: string): number | null => (typeof d[k] === 'number' ? (d[k] as number) : null);
  return {
    storageType: d['storageType'] ?? null, pathOrInlineDv: d['pathOrInlineDv'] ?? null, offset: num('offset'),
    sizeInBytes: num('sizeInBytes'), cardinality: big(num('cardinality')), maxRowIndex: big(num('maxRowIndex')),
  };
}

/** The checkpoint rows as an Arrow table: protocol, metaData, txns, adds, removes. */
export function checkpointTable(c: CheckpointContents): Table {
  const hasDv = c.adds.some((a) => a.deletionVector != null) || c.removes.some((r) => r.deletionVector != null);
  const hasRowIds = c.adds.some((a) => a.baseRowId !== undefined || a.defaultRowCommitVersion !== undefined);
  const hasClustering = c.adds.some((a) => a.clusteringProvider !== undefined);
  const addFields = [
    f('path', new Utf8()), f('partitionValues', stringMap()), f('size', new Int64()), f('modificationTime', new Int64()),
    f('dataChange', new Bool()), f('stats', new Utf8()), f('tags', stringMap()),
    ...(hasDv ? [f('deletionVector', DV_TYPE)] : []),
    ...(hasRowIds ? [f('baseRowId', new Int64()), f('defaultRowCommitVersion', new Int64())] : []),
    ...(hasClustering ? [f('clusteringProvider', new Utf8())] : []),
  ];
  const removeFields = [
    f('path', new Utf8()), f('deletionTimestamp', new Int64()), f('dataChange', new Bool()), f('extendedFileMetadata', new Bool()),
    f('partitionValues', stringMap()), f('size', new Int64()), ...(hasDv ? [f('deletionVector', DV_TYPE)] : []),
  ];
  const txnType = new Struct([f('appId', new Utf8()), f('version', new Int64()), f('lastUpdated', new Int64())]);
  const addType = new Struct(addFields);
  const removeType = new Struct(removeFields);
  const metaType = new Struct([
    f('id', new Utf8()), f('name', new Utf8()), f('description', new Utf8()),
    f('format', new Struct([f('provider', new Utf8()), f('options', stringMap())])), f('schemaString', new Utf8()),
    f('partitionColumns', stringList()), f('configuration', stringMap()), f('createdTime', new Int64()),
  ]);
  const protocolType = new Struct([
    f('minReaderVersion', new Int32()), f('minWriterVersion', new Int32()), f('readerFeatures', stringList()), f('writerFeatures', stringList()),
  ]);

  const rows: { txn?: unknown; add?: unknown; remove?: unknown; metaData?: unknown; protocol?: unknown }[] = [];
  const p = c.protocol;
  rows.push({ protocol: { minReaderVersion: p.minReaderVersion, minWriterVersion: p.minWriterVersion, readerFeatures: p.readerFeatures ? [...p.readerFeatures] : null, writerFeatures: p.writerFeatures ? [...p.writerFeatures] : null } });
  const m = c.metadata;
  rows.push({
    metaData: {
      id: m.id, name: m.name ?? null, description: m.description ?? null,
      format: { provider: m.format.provider, options: toMap(m.format.options ?? {}) }, schemaString: m.schemaString,
      partitionColumns: [...m.partitionColumns], configuration: toMap(m.configuration ?? {}), createdTime: big(m.createdTime),
    },
  });
  for (const t of c.txns) rows.push({ txn: { appId: t.appId, version: big(t.version), lastUpdated: big(t.lastUpdated) } });
  for (const a of c.adds) {
    rows.push({
      add: {
        path: a.path, partitionValues: toMap(a.partitionValues ?? {}), size: big(a.size), modificationTime: big(a.modificationTime),
        dataChange: false, stats: a.stats ?? null, tags: toMap(a.tags),
        ...(hasDv ? { deletionVector: dvValue(a.deletionVector) } : {}),
        ...(hasRowIds ? { baseRowId: big(a.baseRowId), defaultRowCommitVersion: big(a.defaultRowCommitVersion) } : {}),
        ...(hasClustering ? { clusteringProvider: a.clusteringProvider ?? null } : {}),
      },
    });
  }
  for (const r of c.removes) {
    rows.push({
      remove: {
        path: r.path, deletionTimestamp: big(r.deletionTimestamp), dataChange: false, extendedFileMetadata: r.extendedFileMetadata ?? null,
        partitionValues: toMap(r.partitionValues), size: big(r.size), ...(hasDv ? { deletionVector: dvValue(r.deletionVector) } : {}),
      },
    });
  }
  const col = (key: keyof (typeof rows)[number], type: DataType) => vectorFromArray(rows.map((r) => r[key] ?? null), type);
  return new Table({
    txn: col('txn', txnType), add: col('add', addType), remove: col('remove', removeType),
    metaData: col('metaData', metaType), protocol: col('protocol', protocolType),
  });
}
