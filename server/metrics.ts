/**
 * Pier's Prometheus metrics (prom-client, a registry of its own): statements by kind and outcome with latency
 * histograms, rows / bytes / files scanned and skipped, commits and their rebases, serialization conflicts,
 * worker pool size, process memory, and per-table file counts. The session, the scan operator and the commit
 * path report through small hooks (`statementFinished`, executor/instrument/scan_observer.ts,
 * storage/delta/commit_observer.ts); per-table numbers are read on scrape through `TableStatsSource`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { setScanObserver } from '../executor/instrument/scan_observer.js';
import { addCommitObserver } from '../storage/delta/commit_observer.js';

export type StatementOutcomeLabel = 'ok' | 'error' | 'canceled' | 'conflict';

/** Per-table numbers read when /metrics is scraped (IO behind this interface). */
export interface TableStatsSource {
  tableFileCounts(): Promise<readonly { readonly schema: string; readonly table: string; readonly files: number; readonly bytes: number; readonly smallFiles: number }[]>;
}

export class PierMetrics {
  readonly registry = new Registry();
  private readonly statements = new Counter({ name: 'pier_statements_total', help: 'Statements run, by kind and outcome', labelNames: ['kind', 'outcome'] as const, registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'pier_statement_duration_seconds', help: 'Statement latency, by kind', labelNames: ['kind'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [this.registry],
  });
  private readonly rowsScanned = new Counter({ name: 'pier_scan_rows_total', help: 'Rows produced by table scans (after filters)', registers: [this.registry] });
  private readonly bytesScanned = new Counter({ name: 'pier_scan_bytes_total', help: 'Bytes of the data files scans read', registers: [this.registry] });
  private readonly filesRead = new Counter({ name: 'pier_scan_files_read_total', help: 'Data files scans read', registers: [this.registry] });
  private readonly filesSkipped = new Counter({ name: 'pier_scan_files_skipped_total', help: 'Data files skipped by partition and statistics pruning', registers: [this.registry] });
  private readonly commits = new Counter({ name: 'pier_commits_total', help: 'Delta commits, by operation', labelNames: ['operation'] as const, registers: [this.registry] });
  private readonly retries = new Counter({ name: 'pier_commit_retries_total', help: 'Times a commit was rebased onto a newer version', registers: [this.registry] });
  private readonly conflicts = new Counter({ name: 'pier_commit_conflicts_total', help: 'Statements that failed with a serialization conflict (40001)', registers: [this.registry] });
  private readonly maintenance = new Counter({ name: 'pier_maintenance_jobs_total', help: 'OPTIMIZE / VACUUM runs (SQL, admin API, auto-compaction), by operation and outcome', labelNames: ['operation', 'outcome'] as const, registers: [this.registry] });
  private tableSource: TableStatsSource | null = null;
  private cachedTableStats: { readonly at: number; readonly stats: ReturnType<TableStatsSource['tableFileCounts']> } | null = null;
  private poolThreads = 0;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'pier_process_' });
    const self = this;
    new Gauge({ name: 'pier_memory_bytes', help: 'Process memory, by kind (rss, heapUsed, heapTotal, external, arrayBuffers)', labelNames: ['kind'] as const, registers: [this.registry],
      collect() {
        const m = process.memoryUsage();
        for (const [k, v] of Object.entries(m)) this.set({ kind: k }, v);
      } });
    // the three per-table gauges share one read of the table stats per scrape (a commit of this process
    // drops it, so a scrape right after a commit sees the new version)
    const tableStats = async () => {
      if (self.tableSource === null) return [];
      if (self.cachedTableStats === null || Date.now() - self.cachedTableStats.at > 1000) {
        self.cachedTableStats = { at: Date.now(), stats: self.tableSource.tableFileCounts().catch(() => []) };
      }
      return self.cachedTableStats.stats;
    };
    const perTable = (name: string, help: string, value: (t: Awaited<ReturnType<TableStatsSource['tableFileCounts']>>[number]) => number) =>
      new Gauge({ name, help, labelNames: ['schema', 'table'] as const, registers: [this.registry],
        async collect() {
          const stats = await tableStats();
          this.reset();
          for (const t of stats) this.set({ schema: t.schema, table: t.table }, value(t));
        } });
    perTable('pier_table_files', 'Data files of the current version, by table', (t) => t.files);
    perTable('pier_table_bytes', 'Bytes of the data files of the current version, by table', (t) => t.bytes);
    perTable('pier_table_small_files', 'Data files under 3/4 of the target file size, by table', (t) => t.smallFiles);
    new Gauge({ name: 'pier_worker_pool_threads', help: 'Threads of the worker pool (0: inline)', registers: [this.registry], collect() { this.set(self.poolThreads); } });
  }

  /** Report scans and commits of this process here (the hooks are process-wide). */
  install(): this {
    setScanObserver((r) => {
      this.rowsScanned.inc(r.rows);
      this.bytesScanned.inc(r.bytes);
      this.filesRead.inc(r.filesRead);
      this.filesSkipped.inc(Math.max(0, r.filesSkipped));
    });
    addCommitObserver((e) => {
      this.commits.inc({ operation: e.operation });
      if (e.retries > 0) this.retries.inc(e.retries);
      this.cachedTableStats = null;
    });
    return this;
  }

  setTableSource(s: TableStatsSource): void { this.tableSource = s; }
  setPoolThreads(n: number): void { this.poolThreads = n; }

  statementFinished(kind: string, outcome: StatementOutcomeLabel, seconds: number): void {
    this.statements.inc({ kind, outcome });
    this.latency.observe({ kind }, seconds);
    if (outcome === 'conflict') this.conflicts.inc();
  }

  maintenanceRun(operation: 'OPTIMIZE' | 'VACUUM', outcome: 'ok' | 'error' | 'canceled'): void {
    this.maintenance.inc({ operation, outcome });
  }

  render(): Promise<string> { return this.registry.metrics(); }
  get contentType(): string { return this.registry.contentType; }
}

/** The process's metrics (one server per process). */
export const metrics = new PierMetrics();

/** The outcome label of a statement's error (undefined: success). */
export function outcomeOf(error: unknown): StatementOutcomeLabel {
  if (error === undefined || error === null) return 'ok';
  const code = (error as { sqlstate?: string }).sqlstate;
  if (code === '40001') return 'conflict';
  if (code === '57014') return 'canceled';
  return 'error';
}
