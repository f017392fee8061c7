/** pg_catalog.pg_namespace: pg_catalog, pg_toast, information_schema and the warehouse's schemas. */
import { OWNER_OID } from './oids.js';
import type { SystemTableDef } from './table_def.js';

/** pg_database_owner: owns public, as in PostgreSQL 15 */
export const DATABASE_OWNER_ROLE = 6171;

export const PG_NAMESPACE: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_namespace',
  rows: (sys) => sys.namespaces.map((n) => ({ oid: n.oid, nspname: n.name, nspowner: n.name === 'public' ? DATABASE_OWNER_ROLE : OWNER_OID })),
};
