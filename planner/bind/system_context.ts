/**
 * The statement's SystemCatalog (catalog/system): loaded before binding when the statement may use the
 * emulated catalogs or the system functions (a cheap test of the SQL text), or on first use by a FROM reference,
 * and kept on the BindContext so expression binding (synchronous) can read it.
 */
import { DEFAULT_SESSION, loadSystemCatalog, type SystemCatalog } from '../../catalog/system/system_catalog.js';
import type { PlanContext } from '../api.js';

const MENTIONS = /pg_|information_schema|reg(class|type|proc|namespace|role)|current_(user|role|schemas?|database|catalog|setting)|session_user|\buser\b|\bversion\s*\(|_description|format_type|privilege|to_reg|set_config|\boid\b/i;

export function mayUseSystemCatalog(sql: string): boolean {
  return MENTIONS.test(sql);
}

const LOADING = new WeakMap<object, Promise<SystemCatalog>>();

export async function systemCatalogOf(ctx: PlanContext): Promise<SystemCatalog> {
  const have = ctx.bind.system;
  if (have !== undefined) return have;
  let p = LOADING.get(ctx.bind);
  if (p === undefined) {
    p = loadSystemCatalog(ctx.catalog, ctx.searchPath, ctx.session ?? DEFAULT_SESSION);
    LOADING.set(ctx.bind, p);
  }
  const sys = await p;
  (ctx.bind as { system?: SystemCatalog }).system = sys;
  return sys;
}

/** Load the SystemCatalog up front when the statement text suggests it is needed. */
export async function prepareSystemCatalog(ctx: PlanContext): Promise<void> {
  if (ctx.bind.system === undefined && mayUseSystemCatalog(ctx.bind.sql)) await systemCatalogOf(ctx);
}
