/**
 * Bind-time lookups in the statement's SystemCatalog: reg* input (`'s.t'::regclass`), to_regclass/to_regtype,
 * and CASE expressions that map OIDs to catalog facts for per-row system functions (obj_description, ...).
 */
import type { Datum } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { oidTypeName, T, type OidTypeName, type SqlType } from '../../../common/types.js';
import { BUILTIN_TYPES } from '../../../catalog/system/builtin_types.js';
import { quoteIdentifier, splitIdentifier } from '../../../catalog/system/ident.js';
import { DEFAULT_SESSION, SystemCatalog } from '../../../catalog/system/system_catalog.js';
import { OWNER_OID } from '../../../catalog/system/oids.js';
import { DATABASE_OWNER_ROLE } from '../../../catalog/system/pg_namespace.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import type { BindContext, PgNode } from './scope.js';

const EMPTY = new SystemCatalog([], [], ['public'], DEFAULT_SESSION);

export function systemOf(ctx: BindContext): SystemCatalog {
  return ctx.system ?? EMPTY;
}

export function constant(value: Datum, type: SqlType): BoundExpr {
  return { kind: 'const', value, type };
}

/** The text of a constant argument (a literal, or a literal cast), or undefined when the argument is not constant. */
export function constText(e: BoundExpr): string | null | undefined {
  if (e.kind === 'const') return e.value === null ? null : String(e.value);
  if (e.kind === 'cast' && e.arg.kind === 'const') return e.arg.value === null ? null : String(e.arg.value);
  return undefined;
}

export function requireConst(e: BoundExpr, what: string, p: number | undefined): string | null {
  const v = constText(e);
  if (v === undefined) throw new QueryError(SQLSTATE.feature_not_supported, `${what} of a non-constant value is not supported`, { position: p });
  return v;
}

/** CASE key WHEN k1 THEN v1 ... ELSE otherwise END (keys of `keyType`; no pairs: just `otherwise`, else NULL) */
function caseOf(key: BoundExpr, keyType: SqlType, pairs: readonly (readonly [Datum, Datum])[], type: SqlType, otherwise: BoundExpr | null): BoundExpr {
  if (pairs.length === 0) return otherwise ?? constant(null, type);
  return {
    kind: 'case',
    whens: pairs.map(([k, v]) => ({ when: { kind: 'compare', op: '=', left: key, right: constant(k, keyType), type: T.bool }, then: constant(v, type) })),
    else: otherwise,
    type,
  };
}

/** CASE arg WHEN k1 THEN v1 ... ELSE otherwise END over int8 keys */
export function lookupCase(arg: BoundExpr, pairs: readonly (readonly [number, Datum])[], type: SqlType, ctx: BindContext, otherwise: BoundExpr | null = null): BoundExpr {
  return caseOf(coerceToType(arg, T.int8, 'implicit', ctx), T.int8, pairs.map(([k, v]) => [BigInt(k), v] as const), type, otherwise);
}

// ---- reg* input ----

export function regclassOid(ctx: BindContext, text: string, missingOk: boolean, p?: number): number | null {
  if (/^\d+$/.test(text.trim())) return Number(text);
  const r = systemOf(ctx).resolveRelationText(text);
  if (r === null) throw new QueryError('42602', `invalid name syntax`, { position: p });
  if (r === undefined) {
    if (missingOk) return null;
    throw new QueryError(SQLSTATE.undefined_table, `relation "${text}" does not exist`, { position: p });
  }
  return r.oid;
}

const TYPE_ALIASES: Readonly<Record<string, string>> = {
  integer: 'int4', int: 'int4', smallint: 'int2', bigint: 'int8', real: 'float4', float: 'float8', 'double precision': 'float8',
  boolean: 'bool', decimal: 'numeric', 'character varying': 'varchar', character: 'bpchar', char: 'bpchar',
  'timestamp without time zone': 'timestamp', 'timestamp with time zone': 'timestamptz', 'time without time zone': 'time',
  'time with time zone': 'timetz', '"char"': 'char',
};

export function regtypeOid(ctx: BindContext, text: string, missingOk: boolean, p?: number): number | null {
  if (/^\d+$/.test(text.trim())) return Number(text);
  let t = text.trim().toLowerCase().replace(/^pg_catalog\./, '').replace(/\s*\(.*\)\s*$/, '');
  let array = false;
  if (t.endsWith('[]')) { array = true; t = t.slice(0, -2).trim(); }
  const name = TYPE_ALIASES[t] ?? t.replace(/^"(.*)"$/, '$1');
  const row = BUILTIN_TYPES.find((r) => r[1] === name);
  const oid = row === undefined ? undefined : array ? row[10] : row[0];
  if (oid === undefined || oid === 0) {
    if (missingOk) return null;
    throw new QueryError(SQLSTATE.undefined_object, `type "${text}" does not exist`, { position: p });
  }
  return oid;
}

let spellings: readonly (readonly [string, Datum])[] | null = null;

/**
 * The spellings of the built-in types that to_regtype resolves without the catalog — names, `pg_catalog.`-qualified
 * names, SQL aliases (`integer`, `character varying`, …) and their `[]` arrays — with their OIDs: the lookup
 * table for a to_regtype argument only known at run time (a parameter: psycopg's TypeInfo.fetch). Other
 * spellings (upper case, type modifiers) give NULL there.
 */
export function regtypeSpellings(): readonly (readonly [string, Datum])[] {
  if (spellings !== null) return spellings;
  const out = new Map<string, number>();
  const add = (name: string, oid: number, arrayOid: number): void => {
    for (const prefix of ['', 'pg_catalog.']) {
      if (!out.has(prefix + name)) out.set(prefix + name, oid);
      if (arrayOid !== 0 && !out.has(`${prefix}${name}[]`)) out.set(`${prefix}${name}[]`, arrayOid);
    }
  };
  for (const row of BUILTIN_TYPES) add(row[1], row[0], row[10]);
  for (const [alias, name] of Object.entries(TYPE_ALIASES)) {
    const row = BUILTIN_TYPES.find((r) => r[1] === name);
    if (row !== undefined) add(alias, row[0], row[10]);
  }
  spellings = [...out].map(([k, oid]) => [k, BigInt(oid)] as const);
  return spellings;
}

/** CASE arg WHEN 'k1' THEN v1 ... END over text keys (exact match; no match or NULL: NULL) */
export function textLookupCase(arg: BoundExpr, pairs: readonly (readonly [string, Datum])[], type: SqlType, ctx: BindContext): BoundExpr {
  return caseOf(coerceToType(arg, T.text, 'implicit', ctx), T.text, pairs, type, null);
}

export function regnamespaceOid(ctx: BindContext, text: string, missingOk: boolean, p?: number): number | null {
  if (/^\d+$/.test(text.trim())) return Number(text);
  const parts = splitIdentifier(text);
  const ns = parts?.length === 1 ? systemOf(ctx).namespace(parts[0]!) : undefined;
  if (ns === undefined) {
    if (missingOk) return null;
    throw new QueryError(SQLSTATE.undefined_object, `schema "${text}" does not exist`, { position: p });
  }
  return ns.oid;
}

export function regroleOid(ctx: BindContext, text: string, missingOk: boolean, p?: number): number | null {
  if (/^\d+$/.test(text.trim())) return Number(text);
  const parts = splitIdentifier(text);
  if (parts?.length === 1 && parts[0] === systemOf(ctx).session.user) return OWNER_OID;
  if (missingOk) return null;
  throw new QueryError(SQLSTATE.undefined_object, `role "${text}" does not exist`, { position: p });
}

/** `x::regclass` and friends: constant names are looked up now (OIDs: int8 tagged with the reg type); numbers pass as OIDs. */
export function bindRegCast(kind: string, arg: BoundExpr, ctx: BindContext, p: number | undefined): BoundExpr | null {
  const lookups: Record<string, (ctx: BindContext, text: string, missingOk: boolean, p?: number) => number | null> = {
    regclass: regclassOid, regtype: regtypeOid, regnamespace: regnamespaceOid, regrole: regroleOid,
  };
  if (kind === 'regproc' || kind === 'regprocedure') {
    const type: SqlType = kind === 'regproc' ? { kind: 'text', regName: 'regproc' } : T.text;
    if (arg.type.kind === 'int8' || arg.type.kind === 'int4') return { kind: 'cast', arg, type, mode: 'explicit' };
    if (arg.type.kind === 'text' && arg.type.regName === 'regproc') return arg;
    const v = requireConst(arg, 'regproc input', p);
    return constant(v === null ? null : v.replace(/^pg_catalog\./, '').replace(/\(.*\)$/, ''), type);
  }
  const f = lookups[kind];
  if (f === undefined) return null;
  const type: SqlType = { kind: 'int8', oidType: kind as OidTypeName };
  if (arg.type.kind === 'int2' || arg.type.kind === 'int4' || arg.type.kind === 'int8' || arg.type.kind === 'numeric') return coerceToType(arg, type, 'explicit', ctx, p);
  if (kind === 'regclass' && constText(arg) === undefined && arg.kind !== 'param') return regclassPerRow(arg, type, ctx);
  const v = requireConst(arg, `${kind} input`, p);
  return constant(v === null ? null : BigInt(f(ctx, v, false, p)!), type);
}

/** The reg* type a TypeName names (regclass, pg_catalog.regtype, ...), or null. Arrays of them are not reg casts. */
export function regTypeKind(typeName: PgNode): string | null {
  const tn = (typeName['TypeName'] ?? typeName) as PgNode;
  if (Array.isArray(tn['arrayBounds']) && tn['arrayBounds'].length > 0) return null;
  const names = ((tn['names'] ?? []) as PgNode[]).map((n) => String(n['String']?.['sval'] ?? ''));
  if (names.length === 2 && names[0] !== 'pg_catalog') return null;
  const last = names[names.length - 1] ?? '';
  return ['regclass', 'regtype', 'regnamespace', 'regrole', 'regproc', 'regprocedure'].includes(last) ? last : null;
}

/** `x::regclass::text` (and regtype, regnamespace, regrole): the name PostgreSQL's output function prints for the OID. */
export function regToText(kind: string, oid: BoundExpr, ctx: BindContext): BoundExpr | null {
  const sys = systemOf(ctx);
  const asText: BoundExpr = { kind: 'cast', arg: oid, type: T.text, mode: 'explicit' };
  switch (kind) {
    case 'regclass': {
      const pairs = sys.relations.map((r) => [r.oid, sys.isVisible(r) ? quoteIdentifier(r.name) : `${quoteIdentifier(r.schema)}.${quoteIdentifier(r.name)}`] as const);
      return lookupCase(oid, pairs, T.text, ctx, asText);
    }
    case 'regnamespace':
      return lookupCase(oid, sys.namespaces.map((n) => [n.oid, quoteIdentifier(n.name)] as const), T.text, ctx, asText);
    case 'regrole':
      return lookupCase(oid, [[OWNER_OID, quoteIdentifier(sys.session.user)], [DATABASE_OWNER_ROLE, 'pg_database_owner']], T.text, ctx, asText);
    case 'regtype':
      return { kind: 'call', fn: 'format_type', args: [coerceToType(oid, T.int8, 'implicit', ctx), constant(null, T.int4)], type: T.text };
    default:
      return null;
  }
}

/** The reg* type (regclass, regtype, regnamespace, regrole) an expression's type is tagged with, or null. */
export function regKindOfType(t: SqlType): string | null {
  const n = oidTypeName(t);
  return n === null || n === 'oid' || n === 'regproc' ? null : n;
}

/**
 * `expr::regclass` of a computed name (Metabase: `format('%I.%I', schema, table)::regclass`): a CASE over the
 * spellings regclass input accepts for each relation (`s.t` always, `t` when visible; quoted where needed).
 * A name no relation has gives NULL where PostgreSQL raises 42P01.
 */
function regclassPerRow(arg: BoundExpr, type: SqlType, ctx: BindContext): BoundExpr {
  const sys = systemOf(ctx);
  const text = coerceToType(arg, T.text, 'explicit', ctx);
  const whens: { when: BoundExpr; then: BoundExpr }[] = [];
  for (const r of sys.relations) {
    const names = [`${quoteIdentifier(r.schema)}.${quoteIdentifier(r.name)}`];
    if (sys.isVisible(r)) names.push(quoteIdentifier(r.name));
    for (const name of names) {
      whens.push({ when: { kind: 'compare', op: '=', left: text, right: constant(name, T.text), type: T.bool }, then: constant(BigInt(r.oid), type) });
    }
  }
  if (whens.length === 0) return constant(null, type);
  return { kind: 'case', whens, else: null, type };
}
