/**
 * ALTER TABLE … RENAME TO inside one schema of a warehouse (DeltaCatalog layout). An external table only
 * moves its registration. A managed table's folder is copied object by object (the store has no rename):
 * data files first, then the log in version order, so the new name is a complete table as soon as its first
 * commit exists; then the old log is deleted first and its data files after it. A crash half-way leaves a
 * readable table under one of the names and at worst orphan files.
 */
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { ObjectStore } from '../storage/object_store/store.js';
import type { TableRef } from './catalog.js';
import { readRegistration, registrationKey } from './external_tables.js';
import { checkObjectName, tablePath } from './names.js';

export async function renameDeltaTable(store: ObjectStore, ref: TableRef, newName: string): Promise<void> {
  checkObjectName(newName, 'table');
  const target: TableRef = { schema: ref.schema, name: newName };
  const reg = await readRegistration(store, ref.schema, ref.name);
  if (reg !== null) {
    const body = await store.get(registrationKey(ref.schema, ref.name));
    if (!(await store.putIfAbsent(registrationKey(target.schema, target.name), body))) throw exists(newName);
    await store.delete(registrationKey(ref.schema, ref.name));
    return;
  }
  const from = `${tablePath(ref.schema, ref.name)}/`;
  const to = `${tablePath(target.schema, target.name)}/`;
  if ((await store.list(to)).length > 0) throw exists(newName);
  const objects = await store.list(from);
  const isLog = (p: string): boolean => p.startsWith(`${from}_delta_log/`);
  const ordered = [...objects.filter((o) => !isLog(o.path)), ...objects.filter((o) => isLog(o.path)).sort((a, b) => (a.path < b.path ? -1 : 1))];
  for (const o of ordered) {
    const dest = to + o.path.slice(from.length);
    if (!(await store.putIfAbsent(dest, await store.get(o.path)))) throw exists(newName);
  }
  for (const o of objects.filter((x) => isLog(x.path))) await store.delete(o.path);
  for (const o of objects.filter((x) => !isLog(x.path))) await store.delete(o.path);
}

function exists(name: string): QueryError {
  return new QueryError(SQLSTATE.duplicate_table, `relation "${name}" already exists`);
}
