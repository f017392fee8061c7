/**
 * Auto-compaction: after a commit that added data files to a table with `delta.autoOptimize.autoCompact=true`,
 * when the partitions it touched hold at least `minNumFiles` small files (default 50, table property
 * `pier.autoCompact.minNumFiles` overrides), a bin-packing OPTIMIZE of those partitions runs in the background
 * (operationParameters.auto = true). One run per table at a time; errors are only logged.
 */
import { addCommitObserver, type CommitEvent } from '../commit_observer.js';
import { loadSnapshot } from '../snapshot.js';
import { groupByPartition, NEAR_TARGET, targetFileSize } from './optimize_plan.js';
import { optimizeTable, type OptimizeOptions } from './optimize.js';

export const DEFAULT_AUTO_COMPACT_MIN_FILES = 50;
const CONFIG_TTL_MS = 60_000;

export interface AutoCompactOptions {
  readonly defaultTargetFileSize?: number;
  readonly writeFiles?: OptimizeOptions['writeFiles'];
  readonly log: (level: 'info' | 'warn', message: string) => void;
}

export interface AutoCompaction {
  /** resolves when every background run started so far has ended (tests, shutdown) */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(true|1|yes|on)$/i.test(v.trim());
}

export function startAutoCompaction(options: AutoCompactOptions): AutoCompaction {
  const running = new Map<string, Promise<void>>();
  // tables known not to auto-compact (re-read after CONFIG_TTL_MS or a commit that changes metadata), so
  // plain INSERTs into other tables do not pay a log replay
  const off = new Map<string, number>();
  let stopped = false;
  const onCommit = (e: CommitEvent): void => {
    if (stopped || e.operation === 'OPTIMIZE') return;
    const key = `${JSON.stringify(e.store.descriptor)}|${e.tablePath}`;
    if (e.actions.some((a) => a.kind === 'metaData')) off.delete(key);
    const touched = e.actions.flatMap((a) => (a.kind === 'add' && a.add.dataChange ? [a.add.partitionValues] : []));
    if (touched.length === 0) return;
    const since = off.get(key);
    if (since !== undefined && Date.now() - since < CONFIG_TTL_MS) return;
    if (running.has(key)) return;
    const run = compact(e, touched, options, () => off.set(key, Date.now())).catch((err: unknown) => {
      options.log('warn', `auto-compaction of ${e.tablePath} failed: ${(err as Error).message ?? String(err)}`);
    }).finally(() => running.delete(key));
    running.set(key, run);
  };
  const remove = addCommitObserver(onCommit);
  return {
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },
    async stop() {
      stopped = true;
      remove();
      await Promise.allSettled([...running.values()]);
    },
  };
}

async function compact(e: CommitEvent, touched: readonly Readonly<Record<string, string | null>>[], options: AutoCompactOptions, markOff: () => void): Promise<void> {
  await Promise.resolve();
  const snap = await loadSnapshot(e.store, e.tablePath);
  const conf = snap.metadata.configuration;
  if (!isTrue(conf['delta.autoOptimize.autoCompact'])) { markOff(); return; }
  const minFiles = Number(conf['pier.autoCompact.minNumFiles'] ?? DEFAULT_AUTO_COMPACT_MIN_FILES);
  const target = targetFileSize(conf, options.defaultTargetFileSize);
  const cols = snap.partitionColumns;
  const keyOf = (v: Readonly<Record<string, string | null>>): string => JSON.stringify(cols.map((c) => v[c] ?? null));
  const wanted = new Set(touched.map(keyOf));
  const due = new Set<string>();
  for (const [k, files] of groupByPartition(snap.files, cols)) {
    if (!wanted.has(k)) continue;
    if (files.filter((f) => f.size < target * NEAR_TARGET).length >= (Number.isFinite(minFiles) && minFiles > 1 ? minFiles : DEFAULT_AUTO_COMPACT_MIN_FILES)) due.add(k);
  }
  if (due.size === 0) return;
  const res = await optimizeTable(e.store, e.tablePath, {
    partitionFilter: (v) => due.has(keyOf(v)),
    auto: true,
    ...(options.defaultTargetFileSize !== undefined ? { defaultTargetFileSize: options.defaultTargetFileSize } : {}),
    ...(options.writeFiles !== undefined ? { writeFiles: options.writeFiles } : {}),
  });
  if (res.version !== null) options.log('info', `auto-compaction of ${e.tablePath}: ${res.metrics.numFilesRemoved} files → ${res.metrics.numFilesAdded} (version ${res.version})`);
}
