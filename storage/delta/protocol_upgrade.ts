/**
 * Protocol upgrades when a table starts using a feature (Delta PROTOCOL.md, "Protocol Evolution" and
 * "Table Features"). A table on legacy versions moves to the feature's legacy versions when it has them
 * (checkConstraints → writer 3, columnMapping → reader 2 / writer 5); a feature with no legacy version
 * (typeWidening, …), or a table already on table features (reader 3 / writer 7), lists the feature by name,
 * and a legacy table converted to table features lists every feature its old versions implied.
 */
import type { Protocol } from './actions.js';

export type UpgradeFeature = 'appendOnly' | 'invariants' | 'checkConstraints' | 'columnMapping' | 'typeWidening';

/** Legacy (reader, writer) versions that enable a feature; null for table-features-only features. */
const LEGACY: Readonly<Record<UpgradeFeature, readonly [number, number] | null>> = {
  appendOnly: [1, 2],
  invariants: [1, 2],
  checkConstraints: [1, 3],
  columnMapping: [2, 5],
  typeWidening: null,
};

/** Features that readers must understand too. */
const READER_WRITER = new Set<string>(['columnMapping', 'typeWidening', 'timestampNtz', 'deletionVectors', 'v2Checkpoint', 'vacuumProtocolCheck', 'typeWidening-preview']);

/** The writer features legacy writer versions imply. */
function impliedWriterFeatures(p: Protocol): string[] {
  const out: string[] = [];
  if (p.minWriterVersion >= 2) out.push('appendOnly', 'invariants');
  if (p.minWriterVersion >= 3) out.push('checkConstraints');
  if (p.minWriterVersion >= 4) out.push('changeDataFeed', 'generatedColumns');
  if (p.minWriterVersion >= 5) out.push('columnMapping');
  if (p.minWriterVersion >= 6) out.push('identityColumns');
  return out;
}

export function usesTableFeatures(p: Protocol): boolean {
  return p.minWriterVersion >= 7;
}

/** True when the protocol already enables `feature`. */
export function protocolSupports(p: Protocol, feature: UpgradeFeature): boolean {
  if (usesTableFeatures(p)) return (p.writerFeatures ?? []).includes(feature);
  const legacy = LEGACY[feature];
  return legacy !== null && p.minReaderVersion >= legacy[0] && p.minWriterVersion >= legacy[1];
}

/** The protocol with `feature` enabled; the same object when nothing changes. */
export function withFeature(p: Protocol, feature: UpgradeFeature): Protocol {
  if (protocolSupports(p, feature)) return p;
  const legacy = LEGACY[feature];
  if (!usesTableFeatures(p) && legacy !== null) {
    return { minReaderVersion: Math.max(p.minReaderVersion, legacy[0]), minWriterVersion: Math.max(p.minWriterVersion, legacy[1]) };
  }
  const writer = new Set([...(usesTableFeatures(p) ? p.writerFeatures ?? [] : impliedWriterFeatures(p)), feature]);
  const reader = new Set(p.minReaderVersion >= 3 ? p.readerFeatures ?? [] : p.minReaderVersion >= 2 ? ['columnMapping'] : []);
  if (READER_WRITER.has(feature)) reader.add(feature);
  // a reader-writer feature needs reader version 3; otherwise keep the legacy reader version (1 or 2)
  const needsReaderFeatures = reader.size > 0 && [...reader].some((f) => f !== 'columnMapping') || p.minReaderVersion >= 3;
  if (needsReaderFeatures) {
    return { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: [...reader], writerFeatures: [...writer] };
  }
  return { minReaderVersion: Math.max(p.minReaderVersion, reader.has('columnMapping') ? 2 : 1), minWriterVersion: 7, writerFeatures: [...writer] };
}

/** The protocol a new table needs for the features its configuration turns on (CHECK constraints, appendOnly, type widening). */
export function withConfiguredFeatures(p: Protocol, configuration: Readonly<Record<string, string>>): Protocol {
  let out = p;
  const keys = Object.keys(configuration);
  if (keys.some((k) => k.toLowerCase().startsWith('delta.constraints.'))) out = withFeature(out, 'checkConstraints');
  if ((configuration['delta.appendOnly'] ?? '').toLowerCase() === 'true') out = withFeature(out, 'appendOnly');
  if ((configuration['delta.enableTypeWidening'] ?? '').toLowerCase() === 'true') out = withFeature(out, 'typeWidening');
  if (['name', 'id'].includes((configuration['delta.columnMapping.mode'] ?? '').toLowerCase())) out = withFeature(out, 'columnMapping');
  return out;
}
