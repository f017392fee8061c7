/** pg_catalog.pg_tables, pg_views and pg_stat_user_tables: views over the relations of pg_class. */
import type { SystemTableDef } from './table_def.js';

export const PG_TABLES: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_tables',
  rows: (sys) => sys.relations.filter((r) => r.kind === 'r').map((r) => ({
    schemaname: r.schema, tablename: r.name, tableowner: sys.session.user, tablespace: null, hasindexes: false, hasrules: false,
    hastriggers: false, rowsecurity: false,
  })),
};

export const PG_VIEWS: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_views',
  rows: (sys) => sys.relations.filter((r) => r.kind === 'v').map((r) => ({
    schemaname: r.schema, viewname: r.name, viewowner: sys.session.user, definition: r.viewDefinition,
  })),
};

export const PG_STAT_USER_TABLES: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_stat_user_tables',
  rows: (sys) => sys.relations.filter((r) => r.kind === 'r' && !r.system).map((r) => ({
    relid: r.oid, schemaname: r.schema, relname: r.name, seq_scan: 0, seq_tup_read: 0, idx_scan: null, idx_tup_fetch: null,
    n_tup_ins: 0, n_tup_upd: 0, n_tup_del: 0, n_tup_hot_upd: 0, n_live_tup: 0, n_dead_tup: 0, n_mod_since_analyze: 0,
    n_ins_since_vacuum: 0, vacuum_count: 0, autovacuum_count: 0, analyze_count: 0, autoanalyze_count: 0,
  })),
};
