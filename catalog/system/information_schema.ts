/** information_schema.schemata, tables, columns and views, computed from the same relations as pg_class. */
import type { RelationInfo, SystemCatalog } from './system_catalog.js';
import type { SystemTableDef } from './table_def.js';
import { columnTypeFacts } from './type_info.js';

const yes = (b: boolean): string => (b ? 'YES' : 'NO');

export const IS_SCHEMATA: SystemTableDef = {
  schema: 'information_schema',
  name: 'schemata',
  rows: (sys) => sys.namespaces.map((n) => ({
    catalog_name: sys.session.database, schema_name: n.name, schema_owner: n.name === 'public' ? 'pg_database_owner' : sys.session.user,
    default_character_set_catalog: null, default_character_set_schema: null, default_character_set_name: null, sql_path: null,
  })),
};

export const IS_TABLES: SystemTableDef = {
  schema: 'information_schema',
  name: 'tables',
  rows: (sys) => sys.relations.map((r) => ({
    table_catalog: sys.session.database, table_schema: r.schema, table_name: r.name,
    table_type: r.kind === 'v' ? 'VIEW' : 'BASE TABLE', self_referencing_column_name: null, reference_generation: null,
    user_defined_type_catalog: null, user_defined_type_schema: null, user_defined_type_name: null,
    is_insertable_into: yes(r.kind === 'r'), is_typed: 'NO', commit_action: null,
  })),
};

function columnRows(sys: SystemCatalog, r: RelationInfo): Record<string, unknown>[] {
  return r.fields.map((f, i) => ({
    table_catalog: sys.session.database, table_schema: r.schema, table_name: r.name, column_name: f.name, ordinal_position: i + 1,
    column_default: null, is_nullable: yes(f.nullable), ...columnTypeFacts(f.type), udt_catalog: sys.session.database,
    udt_schema: 'pg_catalog', dtd_identifier: String(i + 1), is_self_referencing: 'NO', is_identity: 'NO', identity_cycle: 'NO',
    is_generated: 'NEVER', is_updatable: yes(r.kind === 'r'),
  }));
}

export const IS_COLUMNS: SystemTableDef = {
  schema: 'information_schema',
  name: 'columns',
  rows: (sys) => sys.relations.flatMap((r) => columnRows(sys, r)),
};

export const IS_VIEWS: SystemTableDef = {
  schema: 'information_schema',
  name: 'views',
  rows: (sys) => sys.relations.filter((r) => r.kind === 'v').map((r) => ({
    table_catalog: sys.session.database, table_schema: r.schema, table_name: r.name, view_definition: r.viewDefinition,
    check_option: 'NONE', is_updatable: 'NO', is_insertable_into: 'NO', is_trigger_updatable: 'NO', is_trigger_deletable: 'NO',
    is_trigger_insertable_into: 'NO',
  })),
};
