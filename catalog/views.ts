/**
 * Views: stored as their defining SQL and result columns in `<schema>/.pier_views/<name>.json` under the
 * warehouse root (no Delta table), expanded at bind time as a derived table (planner/bind/select/bind_view.ts).
 */
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { Field } from '../common/types.js';
import type { ObjectStore } from '../storage/object_store/store.js';
import type { TableRef } from './catalog.js';

export interface ViewInfo {
  readonly name: string;
  /** result columns (names after the optional column list) */
  readonly fields: readonly Field[];
  /** the defining SELECT, as written */
  readonly definition: string;
}

export const VIEWS_FOLDER = '.pier_views';

export function viewKey(ref: TableRef): string {
  return `${ref.schema}/${VIEWS_FOLDER}/${encodeURIComponent(ref.name)}.json`;
}

function valid(ref: TableRef): boolean {
  return ref.schema.length > 0 && ref.name.length > 0 && !ref.schema.includes('/');
}

export async function readView(store: ObjectStore, ref: TableRef): Promise<ViewInfo | null> {
  if (!valid(ref) || (await store.head(viewKey(ref))) === null) return null;
  const obj = JSON.parse(new TextDecoder().decode(await store.get(viewKey(ref)))) as { definition: string; fields: Field[] };
  return { name: ref.name, fields: obj.fields, definition: obj.definition };
}

export async function listViews(store: ObjectStore, schema: string): Promise<ViewInfo[]> {
  if (schema.length === 0 || schema.includes('/')) return [];
  const prefix = `${schema}/${VIEWS_FOLDER}/`;
  const out: ViewInfo[] = [];
  for (const o of await store.list(prefix)) {
    const file = o.path.slice(prefix.length);
    if (!file.endsWith('.json') || file.includes('/')) continue;
    const v = await readView(store, { schema, name: decodeURIComponent(file.slice(0, -5)) });
    if (v !== null) out.push(v);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** CREATE [OR REPLACE] VIEW: 42P07 when the view exists and `orReplace` is false. */
export async function writeView(store: ObjectStore, ref: TableRef, view: ViewInfo, orReplace: boolean): Promise<void> {
  const body = new TextEncoder().encode(JSON.stringify({ definition: view.definition, fields: view.fields }));
  if (orReplace) {
    await store.put(viewKey(ref), body);
    return;
  }
  if (!(await store.putIfAbsent(viewKey(ref), body))) throw new QueryError(SQLSTATE.duplicate_table, `relation "${ref.name}" already exists`);
}

export async function deleteView(store: ObjectStore, ref: TableRef): Promise<boolean> {
  if (!valid(ref) || (await store.head(viewKey(ref))) === null) return false;
  await store.delete(viewKey(ref));
  return true;
}
