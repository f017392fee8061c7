/** pg_catalog.pg_class: every relation (tables relkind 'r', views 'v'), access method "delta" for tables. */
import { DELTA_AM_OID, OWNER_OID } from './oids.js';
import type { SystemTableDef } from './table_def.js';

export const PG_CLASS: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_class',
  rows: (sys) => sys.relations.map((r) => ({
    oid: r.oid, relname: r.name, relnamespace: r.namespaceOid, reltype: 0, reloftype: 0, relowner: OWNER_OID,
    relam: r.kind === 'r' && !r.system ? DELTA_AM_OID : r.kind === 'r' ? 2 : 0, relfilenode: r.kind === 'r' ? r.oid : 0,
    reltablespace: 0, relpages: 0, reltuples: -1, relallvisible: 0, reltoastrelid: 0, relhasindex: false, relisshared: false,
    relpersistence: r.schema.startsWith('pg_temp') ? 't' : 'p', relkind: r.kind, relnatts: r.fields.length, relchecks: 0, relhasrules: r.kind === 'v', relhastriggers: false,
    relhassubclass: false, relrowsecurity: false, relforcerowsecurity: false, relispopulated: true, relreplident: r.kind === 'r' && !r.system ? 'd' : 'n',
    relispartition: false, relrewrite: 0, relfrozenxid: 0, relminmxid: 0, relacl: null, reloptions: null, relpartbound: null,
  })),
};
