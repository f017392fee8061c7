/** pg_catalog.pg_am: heap and btree as in PostgreSQL, and "delta", the access method of every Pier table. */
import { BTREE_AM_OID, DELTA_AM_OID, HEAP_AM_OID } from './oids.js';
import type { SystemTableDef } from './table_def.js';

const ROWS = [
  { oid: HEAP_AM_OID, amname: 'heap', amhandler: 'heap_tableam_handler', amtype: 't' },
  { oid: BTREE_AM_OID, amname: 'btree', amhandler: 'bthandler', amtype: 'i' },
  { oid: DELTA_AM_OID, amname: 'delta', amhandler: '-', amtype: 't' },
];

export const PG_AM: SystemTableDef = { schema: 'pg_catalog', name: 'pg_am', rows: () => ROWS };
