/** pg_catalog.pg_tablespace: PostgreSQL's two built-in tablespaces (pg_database.dattablespace is pg_default). */
import { OWNER_OID } from './oids.js';
import type { SystemTableDef } from './table_def.js';

const ROWS = [
  { oid: 1663, spcname: 'pg_default', spcowner: OWNER_OID, spcacl: null, spcoptions: null },
  { oid: 1664, spcname: 'pg_global', spcowner: OWNER_OID, spcacl: null, spcoptions: null },
];

export const PG_TABLESPACE: SystemTableDef = { schema: 'pg_catalog', name: 'pg_tablespace', rows: () => ROWS };
