/**
 * System relations that are always empty in Pier (no indexes, constraints, defaults, rules, triggers, policies,
 * sequences, foreign tables, enums, ranges, extensions, inheritance, publications...): clients join against them.
 */
import { SYSTEM_COLUMNS } from './columns.js';
import type { SystemTableDef } from './table_def.js';

const EMPTY = [
  'pg_index', 'pg_constraint', 'pg_attrdef', 'pg_auth_members', 'pg_matviews', 'pg_depend', 'pg_rewrite', 'pg_enum', 'pg_range',
  'pg_extension', 'pg_inherits', 'pg_trigger', 'pg_policy', 'pg_statistic_ext', 'pg_opclass', 'pg_sequence', 'pg_sequences',
  'pg_foreign_table', 'pg_publication', 'pg_publication_namespace', 'pg_publication_rel', 'pg_shdescription', 'pg_indexes',
  'pg_partitioned_table', 'pg_foreign_server', 'pg_foreign_data_wrapper', 'pg_event_trigger', 'pg_init_privs', 'pg_shdepend',
  'pg_user_mappings', 'pg_default_acl', 'pg_statistic_ext_data', 'pg_stats', 'pg_locks', 'pg_prepared_statements',
  'pg_aggregate', 'pg_cast', 'pg_operator', 'pg_conversion', 'pg_stat_activity', 'pg_timezone_names', 'pg_language',
];

export const EMPTY_SYSTEM_TABLES: readonly SystemTableDef[] = [
  ...EMPTY.map((name): SystemTableDef => ({ schema: 'pg_catalog', name, rows: () => [] })),
  ...Object.keys(SYSTEM_COLUMNS).filter((k) => k.startsWith('information_schema.')).map((k): SystemTableDef => ({
    schema: 'information_schema', name: k.slice('information_schema.'.length), rows: () => [],
  })),
];
