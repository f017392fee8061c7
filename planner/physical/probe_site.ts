/**
 * Where a hash / semi join probes (for EXPLAIN), mirroring executor/operators/{hash_join,semi_join}.ts: a
 * broadcast hash join that need not emit unmatched build rows, and a semi / anti join, hand their probe to
 * their probe child — a scan (without LIMIT) runs it in its tasks on the worker threads, another such join
 * passes it on; any other child makes the probe run on the main thread. (Assumes worker threads; semi
 * joins ship their built side only when it is small or all fixed-width, decided when it is built.)
 */
import type { PhysicalPlan } from './plan.js';

function handsDown(p: PhysicalPlan): PhysicalPlan | null {
  if (p.kind === 'semi_join') return p.left;
  if (p.kind !== 'hash_join' || p.distribution !== 'broadcast') return null;
  const buildLeft = p.buildSide === 'left';
  const keepBuild = p.joinType === 'full' || (buildLeft ? p.joinType === 'left' : p.joinType === 'right');
  if (keepBuild) return null;
  return buildLeft ? p.right : p.left;
}

/** 'scan tasks' / 'main thread' for joins, null for other nodes. */
export function probeSite(p: PhysicalPlan): 'scan tasks' | 'main thread' | null {
  if (p.kind !== 'hash_join' && p.kind !== 'semi_join') return null;
  let child = handsDown(p);
  while (child !== null) {
    if (child.kind === 'scan') return child.limit === null ? 'scan tasks' : 'main thread';
    child = handsDown(child);
  }
  return 'main thread';
}

/** The EXPLAIN detail line of a join: where its probe runs. */
export function probeSiteDetail(p: PhysicalPlan): string | null {
  const site = probeSite(p);
  if (site === null) return null;
  return site === 'scan tasks' ? 'Probe: in scan tasks (worker threads)' : 'Probe: main thread';
}

/**
 * The EXPLAIN detail line of a hash aggregate over joins whose probes run in the scan tasks: the groups are
 * folded there too (executor/join/aggregate_input.ts; projections in between are substituted, unless they hold
 * subqueries).
 */
export function aggregateSiteDetail(p: PhysicalPlan): string | null {
  if (p.kind !== 'hash_aggregate' || p.mode !== 'single') return null;
  let input = p.input;
  while (input.kind === 'project') input = input.input;
  if ((input.kind !== 'hash_join' && input.kind !== 'semi_join') || probeSite(input) !== 'scan tasks') return null;
  return 'Partial Aggregate: in scan tasks under the joins (worker threads)';
}
