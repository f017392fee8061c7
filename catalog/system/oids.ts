/**
 * Stable OIDs for the objects of Pier's catalog.
 *
 * Choice: OIDs are derived, not persisted. A user schema's OID is a hash (FNV-1a, 32 bit) of `n:<schema>`, a
 * relation's of `r:<schema>.<name>`, mapped into [16384, 2^31) — the range PostgreSQL gives user objects — so the
 * same object has the same OID in every session, after restarts and on every server sharing the warehouse.
 * Collisions are resolved by probing (+1) in name order within one catalog snapshot, so they stay stable as
 * long as the colliding objects exist. Built-in objects use PostgreSQL's own OIDs (pg_catalog 11, public 2200,
 * pg_class 1259, types from pg_type).
 */

export const FIRST_USER_OID = 16384;
const RANGE = 0x7fffffff - FIRST_USER_OID;

export const WELL_KNOWN_NAMESPACES: Readonly<Record<string, number>> = {
  pg_catalog: 11,
  pg_toast: 99,
  public: 2200,
  information_schema: 13207,
};

/** The bootstrap superuser (owner of everything). */
export const OWNER_OID = 10;
export const DATABASE_OID = 5;
/** pg_am row of the access method Pier's tables use ("delta"), and PostgreSQL's heap / btree */
export const DELTA_AM_OID = 7016;
export const HEAP_AM_OID = 2;
export const BTREE_AM_OID = 403;
/** pg_class.oid of pg_class, pg_namespace, pg_type, pg_proc (pg_description.classoid, obj_description catalogs) */
export const CATALOG_RELATION_OIDS: Readonly<Record<string, number>> = {
  pg_class: 1259, pg_attribute: 1249, pg_type: 1247, pg_proc: 1255, pg_namespace: 2615, pg_database: 1262,
  pg_description: 2609, pg_authid: 1260, pg_am: 2601, pg_index: 2610, pg_constraint: 2606, pg_attrdef: 2604,
  pg_auth_members: 1261, pg_depend: 2608, pg_rewrite: 2618, pg_enum: 3501, pg_range: 3541, pg_collation: 3456,
  pg_extension: 3079, pg_inherits: 2611, pg_trigger: 2620, pg_policy: 3256, pg_statistic_ext: 3381, pg_opclass: 2616,
  pg_sequence: 2224, pg_foreign_table: 3118, pg_publication: 6104, pg_publication_namespace: 6237,
  pg_publication_rel: 6106, pg_shdescription: 2396, pg_tablespace: 1213, pg_operator: 2617, pg_cast: 2605,
  pg_language: 2612, pg_partitioned_table: 3350, pg_foreign_server: 1417, pg_foreign_data_wrapper: 2328,
  pg_event_trigger: 3466, pg_aggregate: 2600, pg_init_privs: 3394, pg_shdepend: 1214, pg_default_acl: 826,
  pg_statistic_ext_data: 3429, pg_conversion: 2607,
};

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function hashedOid(key: string): number {
  return FIRST_USER_OID + (fnv1a(key) % RANGE);
}

/** Assigns hashed OIDs to keys (in sorted key order), probing past OIDs already taken. */
export class OidAllocator {
  private readonly taken = new Set<number>();

  constructor(reserved: Iterable<number> = []) {
    for (const o of reserved) this.taken.add(o);
  }

  assign(keys: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const k of [...keys].sort()) {
      let oid = hashedOid(k);
      while (this.taken.has(oid)) oid = oid + 1 >= 0x7fffffff ? FIRST_USER_OID : oid + 1;
      this.taken.add(oid);
      out.set(k, oid);
    }
    return out;
  }
}
