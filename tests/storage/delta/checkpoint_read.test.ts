/**
 * Log replay with checkpoints: classic, multi-part and v2 checkpoints, `_last_checkpoint` hints (stale or
 * corrupt ones change nothing), log compaction files, log cleanup. Synthetic listings for segment selection;
 * the conformance golden tables (skipped when absent) for real checkpoint files.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { buildLogSegment, DeltaVersionNotFoundError, type LogListing } from '../../../storage/delta/replay.js';
import { loadSnapshot, latestVersion } from '../../../storage/delta/snapshot.js';
import { parseLastCheckpoint, readLastCheckpoint } from '../../../storage/delta/last_checkpoint.js';

const GOLDEN = resolve(import.meta.dirname, '../../..', process.env['PIER_CONFORMANCE_DIR'] ?? '../shared/conformance', 'golden');
const HAVE = existsSync(GOLDEN);
const golden = (name: string) => ({ store: new LocalObjectStore(join(GOLDEN, name)), path: 'delta' });

const f = (version: number, path: string) => ({ version, path, size: 1, lastModified: 0 });

describe('_last_checkpoint', () => {
  it('reads the Spark and delta-rs forms and v2 hints', () => {
    expect(parseLastCheckpoint('{"version":10,"size":12,"parts":2,"sizeInBytes":3}')).toEqual({ version: 10, size: 12, parts: 2, v2Path: null });
    expect(parseLastCheckpoint('{"version":3,"size":5}')).toEqual({ version: 3, size: 5, parts: null, v2Path: null });
    expect(parseLastCheckpoint('{"version":2,"size":9,"v2Checkpoint":{"path":"00000000000000000002.checkpoint.x.json"}}')?.v2Path).toBe('00000000000000000002.checkpoint.x.json');
  });

  it('ignores corrupt hints', () => {
    expect(parseLastCheckpoint('{"version":')).toBeNull();
    expect(parseLastCheckpoint('[]')).toBeNull();
    expect(parseLastCheckpoint('{"version":-1}')).toBeNull();
    expect(parseLastCheckpoint('{"version":1,"parts":0}')).toBeNull();
  });
});

describe('log segments', () => {
  const listing = (names: readonly string[]): LogListing => {
    const commits = names.filter((n) => /^\d{20}\.json$/.test(n)).map((n) => f(Number(n.slice(0, 20)), `t/_delta_log/${n}`));
    return { commits, checkpoints: [], checkpointRefs: [], compactions: [] };
  };
  const v = (n: number) => String(n).padStart(20, '0');

  it('starts from the newest complete checkpoint at or before the version', () => {
    const l: LogListing = {
      ...listing([0, 1, 2, 3, 4, 5].map((n) => `${v(n)}.json`)),
      checkpointRefs: [
        { kind: 'classic', version: 2, parts: [f(2, 'a')] },
        { kind: 'v2', version: 4, format: 'json', file: f(4, 'b') },
      ],
    };
    const s = buildLogSegment('t', l);
    expect(s.version).toBe(5);
    expect(s.checkpoint?.version).toBe(4);
    expect(s.commits.map((c) => c.version)).toEqual([5]);
    const s3 = buildLogSegment('t', l, 3);
    expect(s3.checkpoint?.version).toBe(2);
    expect(s3.commits.map((c) => c.version)).toEqual([3]);
    expect(buildLogSegment('t', l, 1).checkpoint).toBeNull();
  });

  it('refuses versions before the oldest checkpoint once early commits are cleaned up', () => {
    const l: LogListing = { ...listing([`${v(5)}.json`, `${v(6)}.json`]), checkpointRefs: [{ kind: 'classic', version: 5, parts: [f(5, 'a')] }] };
    expect(buildLogSegment('t', l, 6).checkpoint?.version).toBe(5);
    expect(() => buildLogSegment('t', l, 3)).toThrow(DeltaVersionNotFoundError);
    expect(() => buildLogSegment('t', l, 3)).toThrow(/available: 5 to 6/);
  });

  it('fills a gap with a log compaction file and reports a missing commit otherwise', () => {
    const base = listing([`${v(0)}.json`, `${v(3)}.json`]);
    expect(() => buildLogSegment('t', base)).toThrow(/missing commit 1/);
    const l: LogListing = { ...base, compactions: [{ ...f(1, 't/_delta_log/x.compacted.json'), endVersion: 2 }] };
    expect(buildLogSegment('t', l).commits.map((c) => c.path)).toEqual(['t/_delta_log/00000000000000000000.json', 't/_delta_log/x.compacted.json', 't/_delta_log/00000000000000000003.json']);
  });
});

describe.skipIf(!HAVE)('checkpoints of the golden tables', () => {
  it('multi-part classic checkpoint', async () => {
    const { store, path } = golden('multi-part-checkpoint');
    const s = await loadSnapshot(store, path);
    expect(s.version).toBe(1);
    expect(s.files).toHaveLength(10);
    expect(s.metadata.configuration['delta.checkpointInterval']).toBe('1');
  });

  it('v2 checkpoints in JSON and Parquet with sidecars', async () => {
    for (const name of ['v2-checkpoint-json', 'v2-checkpoint-parquet']) {
      const { store, path } = golden(name);
      const s = await loadSnapshot(store, path);
      expect(s.version).toBe(2);
      expect(s.protocol.readerFeatures).toContain('v2Checkpoint');
      expect(s.files).toHaveLength(4);
      expect(() => s.checkReadable()).not.toThrow();
    }
  });

  it('a corrupt (empty) _last_checkpoint is ignored: the listing finds the checkpoint and later commits', async () => {
    const { store, path } = golden('corrupted-last-checkpoint-kernel');
    expect(await readLastCheckpoint(store, `${path}/_delta_log`)).toBeNull();
    expect((await readLastCheckpoint(golden('multi-part-checkpoint').store, 'delta/_delta_log'))?.parts).toBe(2);
    const s = await loadSnapshot(store, path);
    expect(s.version).toBe(11);
    expect(await latestVersion(store, path)).toBe(11);
  });

  it('a checkpoint without protocol or metadata is an error', async () => {
    for (const [name, what] of [['deltalog-state-reconstruction-from-checkpoint-missing-protocol', 'protocol'], ['deltalog-state-reconstruction-from-checkpoint-missing-metadata', 'metaData']] as const) {
      const { store, path } = golden(name);
      await expect(loadSnapshot(store, path)).rejects.toThrow(new RegExp(`no ${what} action`));
    }
  });

  it('non-contiguous versions are refused', async () => {
    const { store, path } = golden('versions-not-contiguous');
    await expect(loadSnapshot(store, path)).rejects.toThrow(/missing commit 1/);
  });

  it('older versions of a table replay from the commits', async () => {
    const { store, path } = golden('only-checkpoint-files');
    const v0 = await loadSnapshot(store, path, 0);
    const v2 = await loadSnapshot(store, path, 2);
    expect(v0.version).toBe(0);
    expect(v2.files.length).toBeGreaterThan(0);
  });

  it('refuses reader versions and features it does not have, naming them', async () => {
    const { store, path } = golden('deltalog-invalid-protocol-version');
    const s = await loadSnapshot(store, path);
    expect(() => s.checkReadable()).toThrow(/reader version 99 is not supported/);
  });
});
