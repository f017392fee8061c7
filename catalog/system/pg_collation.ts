/** pg_catalog.pg_collation: default, C and POSIX, with PostgreSQL's OIDs. */
import { OWNER_OID } from './oids.js';
import type { SystemTableDef } from './table_def.js';

const base = { collnamespace: 11, collowner: OWNER_OID, collisdeterministic: true, colliculocale: null, collversion: null };
const ROWS = [
  { oid: 100, collname: 'default', collprovider: 'd', collencoding: -1, collcollate: null, collctype: null, ...base },
  { oid: 950, collname: 'C', collprovider: 'c', collencoding: -1, collcollate: 'C', collctype: 'C', ...base },
  { oid: 951, collname: 'POSIX', collprovider: 'c', collencoding: -1, collcollate: 'POSIX', collctype: 'POSIX', ...base },
];

export const PG_COLLATION: SystemTableDef = { schema: 'pg_catalog', name: 'pg_collation', rows: () => ROWS };
