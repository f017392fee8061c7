/**
 * EXPLAIN ANALYZE text: per node `(actual time=startup..total rows=r loops=l)` as PostgreSQL prints it (time in
 * ms, per loop; rows per loop), plus detail lines: scans' files and counters, join strategy, memory.
 */
import type { ExplainAnnotation } from '../../planner/explain.js';
import type { PhysicalPlan } from '../../planner/physical/plan.js';
import type { OperatorStats, QueryStats } from './stats.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)}kB`;
  return `${(n / (1024 * 1024)).toFixed(1)}MB`;
}

const ms = (x: number): string => x.toFixed(3);

function details(p: PhysicalPlan, s: OperatorStats): string[] {
  const out: string[] = [];
  if (p.kind === 'scan') {
    const bytes = p.files.reduce((a, f) => a + f.size, 0);
    out.push(`Files: ${p.files.length} scanned, ${p.source.totalFiles - p.files.length} skipped (${formatBytes(bytes)})`);
    if (p.partialAggregate) out.push('Partial Aggregate: in workers (rows = partial groups)');
  }
  if (p.kind === 'nested_loop_join') out.push('Join Strategy: nested loop');
  if (p.kind === 'semi_join') out.push(`Join Strategy: hash ${p.anti ? 'anti' : 'semi'}${p.nullAware ? ' (null-aware)' : ''}`);
  const rg = s.extra.get('row_groups');
  if (rg !== undefined) out.push(`Row Groups: ${rg} scanned, ${s.extra.get('row_groups_skipped') ?? 0} skipped`);
  const read = s.extra.get('bytes_read');
  if (read !== undefined) out.push(`Bytes Read: ${formatBytes(read)}`);
  const hits = s.extra.get('cache_hits');
  const misses = s.extra.get('cache_misses');
  if (hits !== undefined || misses !== undefined) out.push(`Cache: hits=${hits ?? 0} misses=${misses ?? 0}`);
  if (s.memoryBytes > 0) out.push(`Memory: ${formatBytes(s.memoryBytes)}`);
  return out;
}

export function analyzeAnnotator(stats: QueryStats, timing = true): (p: PhysicalPlan) => ExplainAnnotation {
  return (p) => {
    const s = stats.byNode.get(p);
    if (s === undefined || s.loops === 0) return { suffix: '(never executed)', details: [] };
    const per = (x: number): number => x / s.loops;
    return {
      suffix: timing
        ? `(actual time=${ms(per(s.startupMs))}..${ms(per(s.totalMs))} rows=${Math.round(per(s.rows))} loops=${s.loops})`
        : `(actual rows=${Math.round(per(s.rows))} loops=${s.loops})`,
      details: details(p, s),
    };
  };
}
