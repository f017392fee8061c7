/** pg_catalog.pg_attribute: the columns of every relation (attnum from 1; no system columns). */
import type { SystemTableDef } from './table_def.js';
import { attributeFacts } from './type_info.js';

export const PG_ATTRIBUTE: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_attribute',
  rows: (sys) => sys.relations.flatMap((r) => r.fields.map((f, i) => ({
    attrelid: r.oid, attname: f.name, ...attributeFacts(f.type), attstattarget: -1, attnum: i + 1, attcacheoff: -1,
    attcompression: '', attnotnull: !f.nullable, atthasdef: false, atthasmissing: false, attidentity: '', attgenerated: '',
    attisdropped: false, attislocal: true, attinhcount: 0, attacl: null, attoptions: null, attfdwoptions: null, attmissingval: null,
  }))),
};
