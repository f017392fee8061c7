/**
 * Test support: a tiny in-memory Catalog whose tables are real Parquet files (written with
 * storage/parquet/write.ts) in a temp folder, with partition values and min/max/nullCount stats,
 * plus helpers to plan and run SQL through planQuery/executePlan.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateDay, Float64, Int64, Table, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import { loadModule, parseSync } from 'libpg-query';
import type { Catalog, DataFile, Table as PierTable, TableSnapshot } from '../../../catalog/catalog.js';
import type { Datum } from '../../../common/datum.js';
import type { Field } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum } from '../../../common/vector.js';
import { executePlan } from '../../../executor/execute.js';
import type { WorkerPool } from '../../../executor/pool.js';
import { createWorkerPool } from '../../../executor/pool.js';
import type { PlanContext } from '../../../planner/api.js';
import { planQuery } from '../../../planner/plan_query.js';
import { explainPlan } from '../../../planner/explain.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';

export type Row = readonly Datum[];

/** A nullable column. */
export function nullableField(name: string, type: Field['type']): Field {
  return { name, type, nullable: true };
}

function arrowType(f: Field): DataType {
  switch (f.type.kind) {
    case 'int8': return new Int64();
    case 'float8': return new Float64();
    case 'text': return new Utf8();
    case 'date': return new DateDay();
    default: throw new Error(`tiny_lake: unsupported type ${f.type.kind}`);
  }
}

function arrowValue(f: Field, v: Datum): unknown {
  if (v === null) return null;
  if (f.type.kind === 'date') return new Date((v as number) * 86400000);
  return v;
}

function cmp(a: Datum, b: Datum): number {
  return (a as number | bigint | string) < (b as number | bigint | string) ? -1 : (a as number | bigint | string) > (b as number | bigint | string) ? 1 : 0;
}

export interface TinyTableSpec {
  readonly schema: string;
  readonly name: string;
  readonly fields: readonly Field[];
  readonly partitionColumns?: readonly string[];
  /** one data file per entry */
  readonly files: readonly (readonly Row[])[];
}

export class TinyLake {
  readonly root = mkdtempSync(join(tmpdir(), 'pier-tiny-'));
  readonly store = new LocalObjectStore(this.root);
  private readonly tables = new Map<string, TableSnapshot>();

  async addTable(spec: TinyTableSpec): Promise<void> {
    const parts = spec.partitionColumns ?? [];
    const dataFields = spec.fields.filter((f) => !parts.includes(f.name));
    const files: DataFile[] = [];
    let n = 0;
    for (const rows of spec.files) {
      const cols: Record<string, ReturnType<typeof vectorFromArray>> = {};
      for (const f of dataFields) {
        const i = spec.fields.indexOf(f);
        cols[f.name] = vectorFromArray(rows.map((r) => arrowValue(f, r[i]!)), arrowType(f));
      }
      const bytes = writeParquetBytes(new Table(cols));
      const path = `${spec.schema}/${spec.name}/part-${n++}.parquet`;
      await this.store.put(path, bytes);
      const partitionValues: Record<string, Datum> = {};
      for (const p of parts) partitionValues[p] = rows[0]![spec.fields.findIndex((f) => f.name === p)]!;
      const min: Record<string, Datum> = {};
      const max: Record<string, Datum> = {};
      const nullCount: Record<string, number> = {};
      for (const f of dataFields) {
        const i = spec.fields.indexOf(f);
        const vals = rows.map((r) => r[i]!).filter((v) => v !== null);
        nullCount[f.name] = rows.length - vals.length;
        if (vals.length > 0) {
          min[f.name] = vals.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
          max[f.name] = vals.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
        }
      }
      files.push({ path, size: bytes.length, partitionValues, stats: { numRecords: rows.length, min, max, nullCount } });
    }
    this.tables.set(`${spec.schema}.${spec.name}`, { version: 0, fields: spec.fields, partitionColumns: parts, files, store: this.store });
  }

  catalog(): Catalog {
    const get = async (ref: { schema: string; name: string }): Promise<PierTable | null> => {
      const snap = this.tables.get(`${ref.schema}.${ref.name}`);
      if (!snap) return null;
      return { ref, location: `file://${this.root}`, snapshot: async () => snap, append: async () => { throw new Error('read-only'); } };
    };
    const no = async (): Promise<never> => { throw new Error('not in tiny lake'); };
    return {
      listSchemas: async () => [...new Set([...this.tables.keys()].map((k) => k.split('.')[0]!))],
      schemaExists: async (s) => [...this.tables.keys()].some((k) => k.startsWith(`${s}.`)),
      createSchema: no, dropSchema: no, createTable: no, dropTable: no,
      listTables: async (s) => [...this.tables.keys()].filter((k) => k.startsWith(`${s}.`)).map((k) => k.split('.')[1]!),
      getTable: get,
    };
  }
}

/** The catalog of a TinyLake holding these tables. */
export async function tinyCatalog(...tables: readonly TinyTableSpec[]): Promise<Catalog> {
  const lake = new TinyLake();
  for (const t of tables) await lake.addTable(t);
  return lake.catalog();
}

let loaded = false;
export async function parseSelect(sql: string): Promise<Record<string, any>> {
  if (!loaded) {
    await loadModule();
    loaded = true;
  }
  return parseSync(sql).stmts[0].stmt;
}

export function planContext(catalog: Catalog, sql: string): PlanContext {
  return { catalog, searchPath: ['public'], bind: { params: [], values: DEFAULT_VALUE_CONTEXT, sql }, parallelism: 2 };
}

/** The EXPLAIN lines of a query planned over `catalog`. */
export async function explainSql(catalog: Catalog, sql: string): Promise<string[]> {
  const planned = await planQuery(await parseSelect(sql), planContext(catalog, sql));
  return explainPlan(planned.plan);
}

export async function runSql(catalog: Catalog, sql: string, pool?: WorkerPool): Promise<{ names: string[]; rows: Datum[][] }> {
  const stmt = await parseSelect(sql);
  const planned = await planQuery(stmt, planContext(catalog, sql));
  const p = pool ?? createWorkerPool({ threads: 0 });
  const rows: Datum[][] = [];
  const ctx = { eval: { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n }, pool: p, signal: new AbortController().signal };
  for await (const b of executePlan(planned.plan, ctx)) {
    for (let r = 0; r < b.length; r++) rows.push(b.columns.map((c) => getDatum(c, r)));
  }
  return { names: planned.fields.map((f) => f.name), rows };
}

export const D = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000);

/** sales.orders (partitioned by day, 3 files) and sales.customers (1 file). */
export async function salesLake(): Promise<TinyLake> {
  const lake = new TinyLake();
  const f = nullableField;
  await lake.addTable({
    schema: 'sales',
    name: 'orders',
    fields: [f('id', T.int8), f('customer', T.text), f('amount', T.float8), f('day', T.date)],
    partitionColumns: ['day'],
    files: [
      [[1n, 'ann', 10, D('2024-01-01')], [3n, 'ann', 21, D('2024-01-01')]],
      [[2n, 'bob', null, D('2024-01-02')], [4n, 'bob', 40, D('2024-01-02')]],
      [[5n, 'cat', 5, D('2024-01-03')]],
    ],
  });
  await lake.addTable({
    schema: 'sales',
    name: 'customers',
    fields: [f('name', T.text), f('city', T.text)],
    files: [[['ann', 'Oslo'], ['bob', 'Lima'], ['dan', 'Rome']]],
  });
  return lake;
}
