/** pg_catalog.pg_settings: the session's settings (SHOW ALL), with source 'session'. */
import type { SystemTableDef } from './table_def.js';

export const PG_SETTINGS: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_settings',
  rows: (sys) => sys.session.settings().map(([name, setting]) => ({
    name, setting, unit: null, category: 'Pier', short_desc: null, extra_desc: null, context: 'user', vartype: 'string',
    source: 'session', min_val: null, max_val: null, enumvals: null, boot_val: setting, reset_val: setting, sourcefile: null,
    sourceline: null, pending_restart: false,
  })),
};
