/**
 * Lowering of a Project of plain column references over a filtered scan that drops some of the scan's columns
 * (the shape projection push-down leaves when columns are used only by the scan's filter,
 * planner/optimizer/scan_filter_only.ts): one physical scan that reads and filters on every column and returns only
 * the projected ones (`ScanOutput`, planner/physical/nodes.ts), so partial aggregation and broadcast-join probes
 * still run in its tasks, and the dropped columns are neither copied after the filter nor sent to the main thread.
 */
import type { LogicalPlan } from '../logical/nodes.js';
import type { PhysicalPlan } from './nodes.js';

type Project = Extract<LogicalPlan, { kind: 'project' }>;

/** The fused scan, or null when `p` is not such a Project. */
export function lowerScanProjection(p: Project, estimatedRows: number): PhysicalPlan | null {
  const scan = p.input;
  if (scan.kind !== 'scan' || scan.filter === null || p.exprs.length >= scan.columns.length) return null;
  const columns: number[] = [];
  for (const e of p.exprs) {
    if (e.kind !== 'column' || columns.includes(e.index)) return null;
    columns.push(e.index);
  }
  return {
    ...scan,
    schema: p.schema,
    estimatedRows,
    partialAggregate: null,
    output: { columns, readSchema: scan.schema },
  };
}

type PhysicalScan = Extract<PhysicalPlan, { kind: 'scan' }>;

/** The fields of the columns a physical scan reads (what its filter is over). */
export function scanReadSchema(p: PhysicalScan): PhysicalScan['schema'] {
  return p.output?.readSchema ?? p.schema;
}

/** For each output column of a physical scan, its index among the read columns. */
export function scanOutputColumns(p: PhysicalScan): readonly number[] {
  return p.output?.columns ?? p.columns.map((_, i) => i);
}
