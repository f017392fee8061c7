/** The emulated pg_catalog's building blocks: stable OIDs, identifiers, format_type, and a SystemCatalog over a catalog. */
import { describe, expect, it } from 'vitest';
import { FIRST_USER_OID, hashedOid, OidAllocator } from '../../../catalog/system/oids.js';
import { parseIdent, splitIdentifier } from '../../../catalog/system/ident.js';
import { formatTypeOid, prettySize } from '../../../executor/expr/functions/system.js';
import { DEFAULT_SESSION, loadSystemCatalog } from '../../../catalog/system/system_catalog.js';
import { findSystemTable } from '../../../catalog/system/registry.js';
import type { Catalog, Table } from '../../../catalog/catalog.js';
import { T } from '../../../common/types.js';

describe('OIDs', () => {
  it('are derived from names, in the user range, the same every time', () => {
    const a = hashedOid('r:sales.orders');
    expect(a).toBe(hashedOid('r:sales.orders'));
    expect(a).toBeGreaterThanOrEqual(FIRST_USER_OID);
    expect(a).toBeLessThan(2 ** 31);
    expect(a).not.toBe(hashedOid('r:sales.orders2'));
  });

  it('probe past taken OIDs in name order', () => {
    const taken = hashedOid('r:b');
    const m = new OidAllocator([taken]).assign(['r:b', 'r:a']);
    expect(m.get('r:b')).toBe(taken + 1);
    expect(m.get('r:a')).toBe(hashedOid('r:a'));
  });
});

describe('identifiers', () => {
  it('split, fold unquoted parts and keep quoted ones', () => {
    expect(splitIdentifier('Sales.Orders')).toEqual(['sales', 'orders']);
    expect(splitIdentifier('"My Schema"."T""x"')).toEqual(['My Schema', 'T"x']);
    expect(splitIdentifier('a.')).toBeNull();
    expect(parseIdent('"SomeSchema".someTable', true)).toEqual(['SomeSchema', 'sometable']);
    expect(() => parseIdent('a b', true)).toThrow(/not a valid identifier/);
  });
});

describe('format_type and pg_size_pretty', () => {
  it('print PostgreSQL names with type modifiers', () => {
    expect(formatTypeOid(1700, ((12 << 16) | 2) + 4)).toBe('numeric(12,2)');
    expect(formatTypeOid(1043, 14)).toBe('character varying(10)');
    expect(formatTypeOid(1042, 7)).toBe('character(3)');
    expect(formatTypeOid(1016, -1)).toBe('bigint[]');
    expect(formatTypeOid(18, null)).toBe('"char"');
    expect(formatTypeOid(26, null)).toBe('oid');
    expect(formatTypeOid(1, null)).toBe('???');
  });

  it('rounds sizes like PostgreSQL', () => {
    expect(prettySize(10239n)).toBe('10239 bytes');
    expect(prettySize(10240n)).toBe('10 kB');
    expect(prettySize(123456789n)).toBe('118 MB');
  });
});

describe('SystemCatalog', () => {
  const fields = [{ name: 'id', type: T.int8, nullable: false }, { name: 'name', type: T.text, nullable: true }];
  const table = (schema: string, name: string): Table => ({
    ref: { schema, name }, location: `file:///x/${schema}/${name}`,
    snapshot: async () => ({ version: 0, fields, partitionColumns: [], files: [{ path: 'a.parquet', size: 100, partitionValues: {}, stats: null }], store: {} as never }),
    append: async () => ({ rows: 0, version: 0 }),
  });
  const catalog = {
    listSchemas: async () => ['public', 'sales'],
    listTables: async (s: string) => (s === 'sales' ? ['orders'] : ['t']),
    getTable: async (ref: { schema: string; name: string }) => table(ref.schema, ref.name),
  } as unknown as Catalog;

  it('gives every relation one OID that pg_class and pg_attribute agree on, and resolves names through the search path', async () => {
    const sys = await loadSystemCatalog(catalog, ['public'], DEFAULT_SESSION);
    const again = await loadSystemCatalog(catalog, ['public'], DEFAULT_SESSION);
    const orders = sys.relation('sales', 'orders')!;
    expect(again.relation('sales', 'orders')!.oid).toBe(orders.oid);
    expect(sys.resolveRelationText('sales.orders')?.oid).toBe(orders.oid);
    expect(sys.resolveRelationText('orders')).toBeUndefined();
    expect(sys.resolveRelationText('pg_class')?.oid).toBe(1259);
    expect(sys.isVisible(sys.relation('public', 't')!)).toBe(true);
    expect(sys.isVisible(orders)).toBe(false);
    const pgClass = findSystemTable('pg_catalog', 'pg_class')!;
    const oidCol = pgClass.fields.findIndex((f) => f.name === 'oid');
    const nameCol = pgClass.fields.findIndex((f) => f.name === 'relname');
    const row = pgClass.rows(sys).find((r) => r[nameCol] === 'orders')!;
    expect(row[oidCol]).toBe(BigInt(orders.oid));
    const att = findSystemTable(null, 'pg_attribute')!;
    const rel = att.fields.findIndex((f) => f.name === 'attrelid');
    expect(att.rows(sys).filter((r) => r[rel] === BigInt(orders.oid))).toHaveLength(2);
    expect(orders.sizeBytes).toBe(100);
  });
});
