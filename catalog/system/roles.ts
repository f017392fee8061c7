/** pg_authid, pg_roles and pg_user: the session user is the one (superuser) role; pg_database_owner as in PostgreSQL. */
import { DATABASE_OWNER_ROLE } from './pg_namespace.js';
import { OWNER_OID } from './oids.js';
import type { SystemCatalog } from './system_catalog.js';
import type { SystemRow, SystemTableDef } from './table_def.js';

function roles(sys: SystemCatalog): SystemRow[] {
  const su = { rolsuper: true, rolinherit: true, rolcreaterole: true, rolcreatedb: true, rolcanlogin: true, rolreplication: true, rolbypassrls: true, rolconnlimit: -1, rolvaliduntil: null };
  return [
    { oid: OWNER_OID, rolname: sys.session.user, ...su },
    { oid: DATABASE_OWNER_ROLE, rolname: 'pg_database_owner', ...su, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: false, rolreplication: false, rolbypassrls: false },
  ];
}

/** the name pg_get_userbyid prints */
export function roleName(sys: SystemCatalog, oid: number): string {
  return roles(sys).find((r) => r['oid'] === oid)?.['rolname'] as string ?? `unknown (OID=${oid})`;
}

export const PG_AUTHID: SystemTableDef = { schema: 'pg_catalog', name: 'pg_authid', rows: (sys) => roles(sys).map((r) => ({ ...r, rolpassword: null })) };
export const PG_ROLES: SystemTableDef = { schema: 'pg_catalog', name: 'pg_roles', rows: (sys) => roles(sys).map((r) => ({ ...r, rolpassword: '********', rolconfig: null })) };
export const PG_USER: SystemTableDef = {
  schema: 'pg_catalog',
  name: 'pg_user',
  rows: (sys) => roles(sys).filter((r) => r['rolcanlogin']).map((r) => ({
    usename: r['rolname'], usesysid: r['oid'], usecreatedb: r['rolcreatedb'], usesuper: r['rolsuper'], userepl: r['rolreplication'],
    usebypassrls: r['rolbypassrls'], passwd: '********', valuntil: null, useconfig: null,
  })),
};
