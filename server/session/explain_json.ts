/** EXPLAIN (FORMAT JSON): the plan tree as PostgreSQL-style JSON ("Plan", "Plans", "Actual Rows", ...). */
import type { QueryStats } from '../../executor/instrument/stats.js';
import { explainPlan } from '../../planner/explain.js';
import type { PhysicalPlan } from '../../planner/physical/plan.js';
import { physicalChildren } from '../../planner/physical/nodes.js';

function nodeJson(p: PhysicalPlan, stats: QueryStats | null, timing: boolean): Record<string, unknown> {
  const line = explainPlan(p)[0]!.replace(/ {2}\(rows=\d+\)$/, '');
  const out: Record<string, unknown> = {
    'Node Type': line.split('  ')[0],
    Description: line,
    'Plan Rows': Math.round(p.estimatedRows),
  };
  if (stats !== null) {
    const s = stats.byNode.get(p);
    const loops = s?.loops ?? 0;
    const per = (x: number): number => (loops === 0 ? 0 : x / loops);
    if (timing) {
      out['Actual Startup Time'] = Number(per(s?.startupMs ?? 0).toFixed(3));
      out['Actual Total Time'] = Number(per(s?.totalMs ?? 0).toFixed(3));
    }
    out['Actual Rows'] = Math.round(per(s?.rows ?? 0));
    out['Actual Loops'] = loops;
    if (s !== undefined) {
      if (s.memoryBytes > 0) out['Memory Bytes'] = s.memoryBytes;
      for (const [k, v] of s.extra) out[k] = v;
    }
  }
  if (p.kind === 'scan') {
    out['Files Scanned'] = p.files.length;
    out['Files Skipped'] = p.source.totalFiles - p.files.length;
  }
  const kids = physicalChildren(p);
  if (kids.length > 0) out['Plans'] = kids.map((c) => nodeJson(c, stats, timing));
  return out;
}

export function explainJson(plan: PhysicalPlan, planningMs: number, stats: QueryStats | null, timing: boolean, summary: boolean): string {
  const top: Record<string, unknown> = { Plan: nodeJson(plan, stats, timing) };
  if (summary) top['Planning Time'] = Number(planningMs.toFixed(3));
  if (summary && stats !== null) top['Execution Time'] = Number(stats.totalMs.toFixed(3));
  return JSON.stringify([top], null, 2);
}
