/** TypeName node → SqlType (PostgreSQL names and aliases; typmods for numeric/varchar/char). */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { pos } from './errors.js';
import type { PgNode } from './scope.js';

function typmodInts(tn: PgNode): number[] {
  const mods = (tn['typmods'] ?? []) as PgNode[];
  return mods.map((m) => {
    const c = m['A_Const'] as PgNode | undefined;
    const v = c?.['ival']?.['ival'];
    if (c === undefined || (c['ival'] === undefined)) {
      throw new QueryError(SQLSTATE.syntax_error, 'type modifiers must be simple constants or identifiers', { position: pos(tn['location']) });
    }
    return typeof v === 'number' ? v : 0;
  });
}

export function bindTypeName(typeName: PgNode): SqlType {
  const tn = (typeName['TypeName'] ?? typeName) as PgNode;
  const names = ((tn['names'] ?? []) as PgNode[]).map((n) => String(n['String']?.['sval'] ?? ''));
  const name = names[names.length - 1] ?? '';
  const position = pos(tn['location']);
  if (Array.isArray(tn['arrayBounds']) && tn['arrayBounds'].length > 0) {
    // int[] / int[][]: Pier's arrays are one-dimensional values; PostgreSQL ignores declared dimensions too
    const { arrayBounds: _, ...rest } = tn;
    return { kind: 'array', element: bindTypeName({ TypeName: rest }) };
  }
  if (name.startsWith('_') && names.length === 1 && name.length > 1) {
    const el = bindTypeName({ TypeName: { ...tn, names: [{ String: { sval: name.slice(1) } }] } });
    return { kind: 'array', element: el };
  }
  const schema = names.length > 1 ? names[names.length - 2] : null;
  if (schema !== null && schema !== 'pg_catalog' && names.length > 1) {
    throw new QueryError(SQLSTATE.undefined_object, `type "${names.join('.')}" does not exist`, { position });
  }
  const mods = typmodInts(tn);
  switch (name) {
    case 'bool': case 'boolean': return T.bool;
    case 'int2': case 'smallint': return T.int2;
    case 'int4': case 'int': case 'integer': return T.int4;
    case 'int8': case 'bigint': return T.int8;
    case 'float4': case 'real': return T.float4;
    case 'float8': case 'float': case 'double precision': return T.float8;
    case 'numeric': case 'decimal': {
      if (mods.length === 0) return T.numeric;
      const p = mods[0]!;
      const s = mods[1] ?? 0;
      if (p < 1 || p > 1000) {
        throw new QueryError(SQLSTATE.invalid_parameter_value, `NUMERIC precision ${p} must be between 1 and 1000`, { position });
      }
      if (s < 0 || s > p) {
        throw new QueryError(SQLSTATE.invalid_parameter_value, `NUMERIC scale ${s} must be between 0 and precision ${p}`, { position });
      }
      return { kind: 'numeric', precision: p, scale: s };
    }
    case 'text': return T.text;
    case 'varchar': case 'character varying':
      return { kind: 'varchar', length: mods.length > 0 ? checkLength('varchar', mods[0]!, position) : null };
    case 'char':
      // `char(n)` arrives as pg_catalog.bpchar; a bare "char" is PostgreSQL's one-byte internal type (text here)
      if (names.length === 1) return T.text;
      return { kind: 'bpchar', length: mods.length > 0 ? checkLength('char', mods[0]!, position) : null };
    case 'bpchar': case 'character':
      return { kind: 'bpchar', length: mods.length > 0 ? checkLength('char', mods[0]!, position) : null };
    case 'date': return T.date;
    case 'timestamp': case 'timestamp without time zone': return T.timestamp;
    case 'timestamptz': case 'timestamp with time zone': return T.timestamptz;
    case 'interval': return T.interval;
    case 'bytea': return T.bytea;
    case 'json': return T.json;
    case 'jsonb': return T.jsonb;
    default: {
      // catalog types (catalog/system/system_types.ts): OIDs are bigint, names and node trees text
      const sys = SYSTEM_TYPE_NAMES[name];
      if (sys !== undefined) return sys;
      throw new QueryError(SQLSTATE.undefined_object, `type "${names.join('.')}" does not exist`, { position });
    }
  }
}

const SYSTEM_TYPE_NAMES: Readonly<Record<string, SqlType>> = {
  oid: { kind: 'int8', oidType: 'oid' }, regclass: { kind: 'int8', oidType: 'regclass' }, regtype: { kind: 'int8', oidType: 'regtype' },
  regnamespace: { kind: 'int8', oidType: 'regnamespace' }, regrole: { kind: 'int8', oidType: 'regrole' }, xid: T.int8, xid8: T.int8, cid: T.int8,
  regproc: { kind: 'text', regName: 'regproc' }, regprocedure: T.text, name: T.text, pg_node_tree: T.text, aclitem: T.text,
  int2vector: { kind: 'array', element: T.int2 }, oidvector: { kind: 'array', element: { kind: 'int8', oidType: 'oid' }, oidvector: true },
};

function checkLength(kind: string, n: number, position: number | undefined): number {
  if (n < 1) throw new QueryError(SQLSTATE.invalid_parameter_value, `length for type ${kind} must be at least 1`, { position });
  return n;
}
