/** pg_catalog.pg_proc: the built-in functions clients look up (builtin_procs.ts), all in pg_catalog. */
import { BUILTIN_PROCS } from './builtin_procs.js';
import { OWNER_OID } from './oids.js';
import type { SystemTableDef } from './table_def.js';

const ROWS = BUILTIN_PROCS.map((p) => ({
  oid: p[0], proname: p[1], pronamespace: 11, proowner: OWNER_OID, prolang: 12, procost: 1, prorows: p[4] ? 1000 : 0, provariadic: 0,
  prosupport: '-', prokind: p[2], prosecdef: false, proleakproof: false, proisstrict: p[3], proretset: p[4], provolatile: p[5],
  proparallel: 's', pronargs: p[6], pronargdefaults: 0, prorettype: p[7], proargtypes: p[8], proallargtypes: null, proargmodes: null,
  proargnames: null, proargdefaults: null, protrftypes: null, prosrc: p[9], probin: null, prosqlbody: null, proconfig: null, proacl: null,
}));

export const PG_PROC: SystemTableDef = { schema: 'pg_catalog', name: 'pg_proc', rows: () => ROWS };
