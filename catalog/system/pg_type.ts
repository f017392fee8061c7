/** pg_catalog.pg_type: PostgreSQL 15's built-in types (builtin_types.ts). */
import { BUILTIN_TYPES } from './builtin_types.js';
import { OWNER_OID } from './oids.js';
import type { SystemTableDef } from './table_def.js';

const ROWS = BUILTIN_TYPES.map((t) => ({
  oid: t[0], typname: t[1], typnamespace: 11, typowner: OWNER_OID, typlen: t[2], typbyval: t[3], typtype: t[4], typcategory: t[5],
  typispreferred: t[6], typisdefined: true, typdelim: t[7], typrelid: 0, typsubscript: t[8], typelem: t[9], typarray: t[10],
  typinput: t[11], typoutput: t[12], typreceive: t[13], typsend: t[14], typmodin: t[15], typmodout: t[16], typanalyze: t[17],
  typalign: t[18], typstorage: t[19], typnotnull: false, typbasetype: t[20], typtypmod: -1, typndims: 0, typcollation: t[21],
  typdefaultbin: null, typdefault: null, typacl: null,
}));

export const PG_TYPE: SystemTableDef = { schema: 'pg_catalog', name: 'pg_type', rows: () => ROWS };
