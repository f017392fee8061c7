/** pg_catalog.pg_database: the one database the session is connected to. */
import { DATABASE_OID, OWNER_OID } from './oids.js';
import type { SystemTableDef } from './table_def.js';

export const PG_DATABASE: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_database',
  rows: (sys) => [{
    oid: DATABASE_OID, datname: sys.session.database, datdba: OWNER_OID, encoding: 6, datlocprovider: 'c', datistemplate: false,
    datallowconn: true, datconnlimit: -1, datfrozenxid: 0, datminmxid: 1, dattablespace: 1663, datcollate: 'C.UTF-8', datctype: 'C.UTF-8',
    daticulocale: null, datcollversion: null, datacl: null,
  }],
};
