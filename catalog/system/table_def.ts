/** An emulated system relation: its rows computed from a SystemCatalog (columns come from columns.ts). */
import type { SystemCatalog } from './system_catalog.js';

export type SystemRow = Readonly<Record<string, unknown>>;

export interface SystemTableDef {
  readonly schema: 'pg_catalog' | 'information_schema';
  readonly name: string;
  /** rows as plain JS values by column name (missing columns are NULL; numbers become bigint for oid columns) */
  rows(sys: SystemCatalog): readonly SystemRow[];
}
