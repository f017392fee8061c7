/**
 * System information and catalog functions (current_user, version(), pg_get_userbyid, obj_description,
 * format_type, to_regclass, has_*_privilege, ...). Session facts and catalog lookups are resolved at bind time
 * from the statement's SystemCatalog: constants, or CASE expressions over OIDs for per-row arguments.
 */
import { QueryError } from '../../../common/errors.js';
import { arrayType, T, type OidTypeName } from '../../../common/types.js';
import { PROCESS_START } from '../../../catalog/system/system_catalog.js';
import { roleName } from '../../../catalog/system/roles.js';
import { DATABASE_OWNER_ROLE } from '../../../catalog/system/pg_namespace.js';
import { OWNER_OID } from '../../../catalog/system/oids.js';
import type { BoundExpr } from './bound_expr.js';
import { ADVISORY_RESOLVERS } from './func_advisory.js';
import { coerceToType } from './coerce.js';
import { asText, call, fit, fixed, overloads, type Resolver } from './func_helpers.js';
import type { BindContext } from './scope.js';
import { constant, constText, lookupCase, regclassOid, regnamespaceOid, regtypeOid, regtypeSpellings, requireConst, systemOf, textLookupCase } from './system_lookup.js';

declare const PIER_VERSION: string | undefined;
const VERSION = `PostgreSQL 15.0 (Pier ${typeof PIER_VERSION === 'string' ? PIER_VERSION : '0.1.0'}) on ${process.arch}-${process.platform}, Delta Lake lakehouse server`;

const TEXT_ARR = arrayType(T.text);
let txid = 1000n;

const sessionConst = (value: (ctx: BindContext) => string): Resolver => (args, ctx) => (args.length === 0 ? constant(value(ctx), T.text) : null);

const nullText: Resolver = () => constant(null, T.text);
const alwaysTrue = (min: number, max: number): Resolver => (args) => (args.length >= min && args.length <= max ? constant(true, T.bool) : null);

const onOid = (f: (arg: BoundExpr, ctx: BindContext, rest: readonly BoundExpr[]) => BoundExpr, min = 1, max = 1): Resolver => (args, ctx) => {
  if (args.length < min || args.length > max) return null;
  const t = args[0]!.type.kind;
  if (t !== 'int8' && t !== 'int4' && t !== 'int2' && t !== 'unknown') return null;
  return f(coerceToType(args[0]!, T.int8, 'implicit', ctx), ctx, args.slice(1));
};

function searchPathArray(ctx: BindContext, implicit: boolean): string[] {
  const path = systemOf(ctx).effectiveSearchPath();
  return implicit ? path : path.filter((s) => s !== 'pg_catalog' || systemOf(ctx).searchPath.includes('pg_catalog'));
}

const currentSetting: Resolver = (args, ctx, p) => {
  if (args.length < 1 || args.length > 2) return null;
  const name = requireConst(args[0]!, 'current_setting', p);
  if (name === null) return constant(null, T.text);
  const missingOk = args.length === 2 && constText(args[1]!) === 'true';
  try {
    return constant(systemOf(ctx).session.setting(name), T.text);
  } catch (e) {
    if (missingOk && e instanceof QueryError) return constant(null, T.text);
    throw e;
  }
};

const setConfig: Resolver = (args, ctx, p) => {
  if (args.length !== 3) return null;
  const name = requireConst(args[0]!, 'set_config', p);
  const value = requireConst(args[1]!, 'set_config', p);
  const session = systemOf(ctx).session;
  if (name === null || session.setSetting === undefined) return constant(value, T.text);
  return constant(session.setSetting(name, value ?? ''), T.text);
};

const objDescription: Resolver = onOid((oid, ctx, rest) => {
  const cat = rest.length === 0 ? 'pg_class' : constText(rest[0]!);
  if (cat !== 'pg_class') return constant(null, T.text);
  const pairs = systemOf(ctx).relations.filter((r) => r.comment !== null).map((r) => [r.oid, r.comment] as const);
  return lookupCase(oid, pairs, T.text, ctx);
}, 1, 2);

const colDescription: Resolver = (args, ctx, p) => {
  const a = fit(args, [T.int8, T.int4], ctx, p);
  if (a === null) return null;
  const whens: { when: BoundExpr; then: BoundExpr }[] = [];
  for (const r of systemOf(ctx).relations) {
    r.fields.forEach((f, i) => {
      const c = r.columnComments[f.name];
      if (c === undefined) return;
      whens.push({
        when: { kind: 'and', type: T.bool, args: [
          { kind: 'compare', op: '=', left: a[0]!, right: constant(BigInt(r.oid), T.int8), type: T.bool },
          { kind: 'compare', op: '=', left: a[1]!, right: constant(i + 1, T.int4), type: T.bool },
        ] },
        then: constant(c, T.text),
      });
    });
  }
  return whens.length === 0 ? constant(null, T.text) : { kind: 'case', whens, else: null, type: T.text };
};

const userById: Resolver = onOid((oid, ctx) => lookupCase(oid, [[OWNER_OID, roleName(systemOf(ctx), OWNER_OID)], [DATABASE_OWNER_ROLE, 'pg_database_owner']], T.text, ctx,
  call('concat', [constant('unknown (OID=', T.text), { kind: 'cast', arg: oid, type: T.text, mode: 'explicit' }, constant(')', T.text)], T.text)));

const tableIsVisible: Resolver = onOid((oid, ctx) => {
  const sys = systemOf(ctx);
  const visible = sys.relations.filter((r) => sys.isVisible(r)).map((r) => constant(BigInt(r.oid), T.int8));
  return visible.length === 0 ? constant(false, T.bool) : { kind: 'in_list', arg: oid, list: visible, negated: false, type: T.bool };
});

/** every type and function Pier lists lives in pg_catalog, which is always searched */
const notNull: Resolver = onOid((oid) => ({ kind: 'case', whens: [{ when: { kind: 'is_null', arg: oid, negated: false, type: T.bool }, then: constant(null, T.bool) }], else: constant(true, T.bool), type: T.bool }));

const viewDef: Resolver = (args, ctx, p) => {
  if (args.length < 1 || args.length > 2) return null;
  const sys = systemOf(ctx);
  const t = args[0]!.type.kind;
  if (t === 'text' || (t === 'unknown' && !/^\d+$/.test(constText(args[0]!) ?? ''))) {
    const v = requireConst(args[0]!, 'pg_get_viewdef', p);
    const oid = v === null ? null : regclassOid(ctx, v, false, p);
    return constant(oid === null ? null : sys.relationByOid(oid)?.viewDefinition ?? null, T.text);
  }
  const pairs = sys.relations.filter((r) => r.viewDefinition !== null).map((r) => [r.oid, r.viewDefinition] as const);
  return lookupCase(args[0]!, pairs, T.text, ctx);
};

const relationSize: Resolver = onOid((oid, ctx) => lookupCase(oid, systemOf(ctx).relations.map((r) => [r.oid, BigInt(r.sizeBytes)] as const), T.int8, ctx));

const toReg = (f: typeof regclassOid, kind: OidTypeName): Resolver => (args, ctx, p) => {
  if (args.length !== 1) return null;
  // a type name known only at run time (a parameter): looked up among the built-in types' spellings then
  if (kind === 'regtype' && constText(args[0]!) === undefined) return textLookupCase(args[0]!, regtypeSpellings(), { kind: 'int8', oidType: kind }, ctx);
  const v = requireConst(args[0]!, 'to_reg*', p);
  const oid = v === null ? null : f(ctx, v, true, p);
  return constant(oid === null ? null : BigInt(oid), { kind: 'int8', oidType: kind });
};

export const SYSTEM_RESOLVERS: Record<string, Resolver> = {
  ...ADVISORY_RESOLVERS,
  current_database: sessionConst((ctx) => systemOf(ctx).session.database),
  current_catalog: sessionConst((ctx) => systemOf(ctx).session.database),
  current_user: sessionConst((ctx) => systemOf(ctx).session.user),
  session_user: sessionConst((ctx) => systemOf(ctx).session.user),
  current_role: sessionConst((ctx) => systemOf(ctx).session.user),
  user: sessionConst((ctx) => systemOf(ctx).session.user),
  current_schema: (args, ctx) => (args.length === 0 ? constant(systemOf(ctx).effectiveSearchPath().find((s) => s !== 'pg_catalog' || systemOf(ctx).searchPath[0] === 'pg_catalog') ?? null, T.text) : null),
  current_schemas: (args, ctx) => {
    if (args.length !== 1) return null;
    const v = constText(args[0]!);
    return constant(searchPathArray(ctx, v === 'true' || v === 't'), TEXT_ARR);
  },
  version: sessionConst(() => VERSION),
  pg_backend_pid: (args, ctx) => (args.length === 0 ? constant(systemOf(ctx).session.backendPid, T.int4) : null),
  pg_postmaster_start_time: (args) => (args.length === 0 ? constant(PROCESS_START, T.timestamptz) : null),
  pg_is_in_recovery: (args) => (args.length === 0 ? constant(false, T.bool) : null),
  txid_current: (args) => (args.length === 0 ? constant(++txid, T.int8) : null),
  current_setting: currentSetting,
  set_config: setConfig,
  pg_get_userbyid: userById,
  pg_table_is_visible: tableIsVisible,
  pg_type_is_visible: notNull,
  pg_function_is_visible: notNull,
  obj_description: objDescription,
  col_description: colDescription,
  shobj_description: (args) => (args.length === 2 ? constant(null, T.text) : null),
  pg_get_expr: (args, ctx, p) => (args.length >= 2 && args.length <= 3 ? asText(args[0]!, ctx, p) : null),
  pg_get_indexdef: nullText,
  pg_get_constraintdef: nullText,
  pg_get_triggerdef: nullText,
  pg_get_ruledef: nullText,
  pg_get_serial_sequence: (args) => (args.length === 2 ? constant(null, T.text) : null),
  pg_get_statisticsobjdef_columns: nullText,
  pg_get_function_result: nullText,
  pg_get_function_arguments: nullText,
  pg_get_function_identity_arguments: nullText,
  pg_get_viewdef: viewDef,
  // temporary schemas: pg_temp_<pid>; the session's own one is on its search path (statements/temp_tables.ts)
  pg_is_other_temp_schema: onOid((oid, ctx) => {
    const sys = systemOf(ctx);
    const others = sys.namespaces.filter((n) => n.name.startsWith('pg_temp_') && !sys.searchPath.includes(n.name));
    return lookupCase(oid, others.map((n) => [n.oid, true] as const), T.bool, ctx, constant(false, T.bool));
  }),
  pg_my_temp_schema: (args, ctx) => {
    if (args.length !== 0) return null;
    const sys = systemOf(ctx);
    const mine = sys.namespaces.find((n) => n.name.startsWith('pg_temp_') && sys.searchPath.includes(n.name));
    return constant(BigInt(mine?.oid ?? 0), T.int8);
  },
  pg_relation_is_publishable: (args) => (args.length === 1 ? constant(false, T.bool) : null),
  has_table_privilege: alwaysTrue(2, 3),
  has_schema_privilege: alwaysTrue(2, 3),
  has_database_privilege: alwaysTrue(2, 3),
  has_column_privilege: alwaysTrue(3, 4),
  has_function_privilege: alwaysTrue(2, 3),
  has_sequence_privilege: alwaysTrue(2, 3),
  has_type_privilege: alwaysTrue(2, 3),
  has_any_column_privilege: alwaysTrue(2, 3),
  pg_has_role: alwaysTrue(2, 3),
  pg_encoding_to_char: onOid((e, ctx) => lookupCase(e, [[6, 'UTF8'], [0, 'SQL_ASCII']], T.text, ctx, constant('', T.text))),
  pg_char_to_encoding: (args, ctx, p) => (args.length === 1 ? lookupCaseText(args[0]!, ctx, p) : null),
  to_regclass: toReg(regclassOid, 'regclass'),
  to_regtype: toReg(regtypeOid, 'regtype'),
  to_regnamespace: toReg(regnamespaceOid, 'regnamespace'),
  // Delta partitioning is not PostgreSQL declarative partitioning (every table is relkind 'r'); no index statistics
  pg_get_partkeydef: onOid(() => constant(null, T.text)),
  pg_stat_get_numscans: onOid(() => constant(0n, T.int8)),
  format_type: overloads(fixed('format_type', [T.int8, T.int4], T.text)),
  parse_ident: overloads(fixed('parse_ident', [T.text], TEXT_ARR), fixed('parse_ident', [T.text, T.bool], TEXT_ARR)),
  pg_size_pretty: overloads(fixed('pg_size_pretty', [T.int8], T.text)),
  pg_table_size: relationSize,
  pg_indexes_size: onOid(() => constant(0n, T.int8)),
  /** the data files of every table's current version */
  pg_database_size: (args, ctx) => (args.length === 1 ? constant(BigInt(systemOf(ctx).relations.reduce((s, r) => s + r.sizeBytes, 0)), T.int8) : null),
  pg_relation_size: relationSize,
  pg_total_relation_size: relationSize,
};

function lookupCaseText(arg: BoundExpr, ctx: BindContext, p: number | undefined): BoundExpr {
  const v = requireConst(arg, 'pg_char_to_encoding', p);
  return constant(v === null ? null : v.toUpperCase() === 'UTF8' ? 6 : v.toUpperCase() === 'SQL_ASCII' ? 0 : -1, T.int4);
}

/** SQLValueFunction ops (CURRENT_USER, CURRENT_CATALOG, ...) → resolver names */
export const SQL_VALUE_FUNCTIONS: Readonly<Record<string, string>> = {
  SVFOP_CURRENT_ROLE: 'current_role', SVFOP_CURRENT_USER: 'current_user', SVFOP_USER: 'user', SVFOP_SESSION_USER: 'session_user',
  SVFOP_CURRENT_CATALOG: 'current_catalog', SVFOP_CURRENT_SCHEMA: 'current_schema',
};

export function bindSqlValueFunction(op: string, ctx: BindContext): BoundExpr | null {
  const name = SQL_VALUE_FUNCTIONS[op];
  return name === undefined ? null : SYSTEM_RESOLVERS[name]!([], ctx, undefined);
}

