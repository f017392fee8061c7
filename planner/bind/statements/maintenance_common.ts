/**
 * What OPTIMIZE and VACUUM share: the table's Delta location, session settings read as sizes / booleans,
 * and their result rows (one `text` column per field).
 */
import type { Table } from '../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { T, type Field } from '../../../common/types.js';
import type { Batch } from '../../../common/vector.js';
import { vectorFromDatums } from '../../../common/vector.js';
import type { ObjectStore } from '../../../storage/object_store/store.js';
import type { StatementEnv } from './context.js';

export function deltaLocationOf(table: Table, statement: string): { readonly store: ObjectStore; readonly path: string } {
  const loc = table.deltaLocation?.();
  if (loc === undefined) throw new QueryError(SQLSTATE.feature_not_supported, `${statement} is not supported on table "${table.ref.name}"`);
  return loc;
}

/** A boolean session setting; undefined when unset or not a boolean. */
export function booleanSetting(env: StatementEnv, name: string): boolean | undefined {
  const v = env.setting?.(name)?.trim().toLowerCase();
  if (v === undefined || v === '') return undefined;
  if (['on', 'true', 'yes', '1', 't', 'y'].includes(v)) return true;
  if (['off', 'false', 'no', '0', 'f', 'n'].includes(v)) return false;
  return undefined;
}

export function textFields(...names: string[]): Field[] {
  return names.map((name) => ({ name, type: T.text, nullable: true }));
}

/** Rows of text values → one batch. */
export function textBatch(rows: readonly (readonly (string | null)[])[], width: number): Batch {
  const columns = Array.from({ length: width }, (_, c) => vectorFromDatums(T.text, rows.map((r) => r[c] ?? null)));
  return { length: rows.length, columns };
}

/** `file:///abs/path/key` for a store key (how Databricks prints paths). */
export function keyUrl(store: ObjectStore, key: string): string {
  return store.descriptor.kind === 'local' ? `file://${store.descriptor.root.replace(/\/+$/, '')}/${key}` : key;
}
