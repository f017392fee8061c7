/**
 * pg_catalog.pg_settings: the session's settings (SHOW ALL), with source 'session', then PostgreSQL 15's
 * compile-time (`internal`) settings that drivers read from here (pgJDBC: max_index_keys for getImportedKeys).
 */
import type { SystemTableDef } from './table_def.js';

const INTERNAL: readonly (readonly [string, string, string])[] = [
  ['block_size', '8192', 'integer'], ['data_checksums', 'off', 'bool'], ['integer_datetimes', 'on', 'bool'],
  ['max_function_args', '100', 'integer'], ['max_identifier_length', '63', 'integer'], ['max_index_keys', '32', 'integer'],
  ['segment_size', '131072', 'integer'], ['wal_block_size', '8192', 'integer'],
];

export const PG_SETTINGS: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_settings',
  rows: (sys) => {
    const session = sys.session.settings();
    const have = new Set(session.map(([name]) => name));
    return [
      ...session.map(([name, setting]) => ({
        name, setting, unit: null, category: 'Pier', short_desc: null, extra_desc: null, context: 'user', vartype: 'string',
        source: 'session', min_val: null, max_val: null, enumvals: null, boot_val: setting, reset_val: setting, sourcefile: null,
        sourceline: null, pending_restart: false,
      })),
      ...INTERNAL.filter(([name]) => !have.has(name)).map(([name, setting, vartype]) => ({
        name, setting, unit: null, category: 'Preset Options', short_desc: null, extra_desc: null, context: 'internal', vartype,
        source: 'default', min_val: null, max_val: null, enumvals: null, boot_val: setting, reset_val: setting, sourcefile: null,
        sourceline: null, pending_restart: false,
      })),
    ];
  },
};
