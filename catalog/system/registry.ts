/**
 * The emulated system relations by schema and name, and their rows as datums. pg_catalog relations are found
 * under pg_catalog and, unqualified, before any search_path schema (pg_catalog is implicitly first, as in
 * PostgreSQL); information_schema relations under information_schema.
 */
import type { Datum } from '../../common/datum.js';
import type { Field } from '../../common/types.js';
import { SYSTEM_COLUMNS } from './columns.js';
import { EMPTY_SYSTEM_TABLES } from './empty_tables.js';
import { IS_COLUMNS, IS_SCHEMATA, IS_TABLES, IS_VIEWS } from './information_schema.js';
import { PG_AM } from './pg_am.js';
import { PG_ATTRIBUTE } from './pg_attribute.js';
import { PG_CLASS } from './pg_class.js';
import { PG_COLLATION } from './pg_collation.js';
import { PG_DATABASE } from './pg_database.js';
import { PG_DESCRIPTION } from './pg_description.js';
import { PG_NAMESPACE } from './pg_namespace.js';
import { PG_PROC } from './pg_proc.js';
import { PG_SETTINGS } from './pg_settings.js';
import { PG_STAT_USER_TABLES, PG_TABLES, PG_VIEWS } from './pg_tables.js';
import { PG_TYPE } from './pg_type.js';
import { PG_TABLESPACE } from './pg_tablespace.js';
import { PG_AUTHID, PG_ROLES, PG_USER } from './roles.js';
import type { SystemCatalog } from './system_catalog.js';
import { parseColumns, toDatum } from './system_types.js';
import type { SystemTableDef } from './table_def.js';

const DEFS = new Map<string, SystemTableDef>();
for (const d of [
  ...EMPTY_SYSTEM_TABLES, PG_NAMESPACE, PG_CLASS, PG_ATTRIBUTE, PG_TYPE, PG_DESCRIPTION, PG_AM, PG_DATABASE, PG_AUTHID, PG_ROLES,
  PG_USER, PG_PROC, PG_SETTINGS, PG_TABLES, PG_VIEWS, PG_STAT_USER_TABLES, PG_COLLATION, PG_TABLESPACE, IS_SCHEMATA, IS_TABLES, IS_COLUMNS, IS_VIEWS,
]) {
  if (SYSTEM_COLUMNS[`${d.schema}.${d.name}`] !== undefined) DEFS.set(`${d.schema}.${d.name}`, d);
}

export interface SystemTable {
  readonly schema: string;
  readonly name: string;
  readonly fields: readonly Field[];
  rows(sys: SystemCatalog): Datum[][];
}

const FIELDS = new Map<string, Field[]>();

/** The system relation `schema.name`, or (schema null) the pg_catalog relation `name`; null when none. */
export function findSystemTable(schema: string | null, name: string): SystemTable | null {
  const key = `${schema ?? 'pg_catalog'}.${name}`;
  const def = DEFS.get(key);
  if (def === undefined) return null;
  let fields = FIELDS.get(key);
  if (fields === undefined) {
    fields = parseColumns(SYSTEM_COLUMNS[key]!);
    FIELDS.set(key, fields);
  }
  const fs = fields;
  return {
    schema: def.schema,
    name: def.name,
    fields: fs,
    rows: (sys) => def.rows(sys).map((r) => fs.map((f) => toDatum(f.type, r[f.name]))),
  };
}
