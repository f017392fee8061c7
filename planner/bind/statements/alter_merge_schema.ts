/** INSERT with columns the table lacks: allowed when the table's mergeSchema property is on. */
import type { Table } from '../../../catalog/catalog.js';
import { mergeSchemaEnabled } from '../../../catalog/schema_evolution.js';

export async function mergeSchemaAllowed(table: Table, version: number): Promise<boolean> {
  if (table.deltaSnapshot === undefined) return false;
  return mergeSchemaEnabled((await table.deltaSnapshot(version)).metadata.configuration);
}
