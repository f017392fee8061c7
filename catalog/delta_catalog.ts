/**
 * DeltaCatalog: the Catalog over a warehouse root (an ObjectStore). Layout:
 *   <schema>/.pier_schema                 marker, so that empty schemas survive a restart
 *   <schema>/<table>/_delta_log/NNN.json  a Delta table (Parquet data files beside the log)
 *   <schema>/.pier_external/<table>.json  an external table: {"location":"file:///abs/path"} (or s3://…),
 *                                        written by CREATE TABLE … LOCATION; DROP TABLE deletes only this file
 *                                        (external_tables.ts)
 * A folder holding Delta tables but no marker (written by another engine) is a schema too.
 * `public` always exists. The catalog keeps no state besides open table handles: everything is read back
 * from the store, so a new DeltaCatalog over the same root sees everything.
 */
import type { Catalog, CreateTableSpec, Table, TableRef } from './catalog.js';
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { ObjectStore } from '../storage/object_store/store.js';
import { createTable as createDeltaTable, DeltaTableExistsError } from '../storage/delta/transaction.js';
import { latestVersion, loadSnapshot } from '../storage/delta/snapshot.js';
import { fieldsToDeltaSchema } from './delta_types.js';
import { normalizeLocation, openLocation, readRegistration, registrationKey, tableOfRegistration, writeRegistration } from './external_tables.js';
import { checkExistingSchema, snapshotForRegistration } from './external_schema.js';
import { DeltaTable } from './delta_table.js';
import { renameDeltaTable } from './rename_table.js';
import { deleteView, listViews, readView, writeView, type ViewInfo } from './views.js';
import { checkObjectName, SCHEMA_MARKER, schemaMarkerKey, tablePath } from './names.js';

export interface DeltaCatalogOptions {
  /** schemas that always exist (default ['public']) */
  readonly builtinSchemas?: readonly string[];
}

export class DeltaCatalog implements Catalog {
  private readonly tables = new Map<string, DeltaTable>();
  private readonly builtin: readonly string[];

  constructor(readonly store: ObjectStore, options: DeltaCatalogOptions = {}) {
    this.builtin = options.builtinSchemas ?? ['public'];
  }

  /** Every schema folder and the tables under it, from one listing of the root. */
  private async scan(): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    for (const s of this.builtin) out.set(s, new Set());
    for (const o of await this.store.list('')) {
      const parts = o.path.split('/');
      const external = tableOfRegistration(parts);
      if (parts.length === 2 && parts[1] === SCHEMA_MARKER) {
        if (!out.has(parts[0]!)) out.set(parts[0]!, new Set());
      } else if (external !== null) {
        let set = out.get(parts[0]!);
        if (set === undefined) out.set(parts[0]!, (set = new Set()));
        set.add(external);
      } else if (parts.length >= 4 && parts[2] === '_delta_log' && /^\d{20}\.(json|checkpoint.*\.parquet)$/.test(parts[3]!)) {
        let set = out.get(parts[0]!);
        if (set === undefined) out.set(parts[0]!, (set = new Set()));
        set.add(parts[1]!);
      }
    }
    return out;
  }

  async listSchemas(): Promise<string[]> {
    return [...(await this.scan()).keys()].sort();
  }

  async schemaExists(name: string): Promise<boolean> {
    if (this.builtin.includes(name)) return true;
    if (name.length === 0 || name.includes('/')) return false;
    if ((await this.store.head(schemaMarkerKey(name))) !== null) return true;
    return (await this.listTables(name)).length > 0;
  }

  async createSchema(name: string, ifNotExists: boolean): Promise<boolean> {
    checkObjectName(name, 'schema');
    const exists = (await this.schemaExists(name)) || !(await this.store.putIfAbsent(schemaMarkerKey(name), new Uint8Array(0)));
    if (exists) {
      if (ifNotExists) return false;
      throw new QueryError(SQLSTATE.duplicate_schema, `schema "${name}" already exists`);
    }
    return true;
  }

  async dropSchema(name: string, ifExists: boolean, cascade: boolean): Promise<boolean> {
    if (!(await this.schemaExists(name))) {
      if (ifExists) return false;
      throw new QueryError(SQLSTATE.invalid_schema_name, `schema "${name}" does not exist`);
    }
    const tables = await this.listTables(name);
    if (tables.length > 0 && !cascade) {
      throw new QueryError(SQLSTATE.dependent_objects_still_exist, `cannot drop schema ${name} because other objects depend on it`, {
        detail: tables.map((t) => `table ${name}.${t} depends on schema ${name}`).join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      });
    }
    for (const t of tables) await this.dropTable({ schema: name, name: t }, true);
    // the builtin schemas cannot disappear; dropping them only empties them (PostgreSQL would drop public)
    await this.deletePrefix(`${name}/`);
    return true;
  }

  async listTables(schema: string): Promise<string[]> {
    if (schema.length === 0 || schema.includes('/')) return [];
    const names = new Set<string>();
    for (const o of await this.store.list(`${schema}/`)) {
      const parts = o.path.split('/');
      if (parts.length >= 4 && parts[2] === '_delta_log' && /^\d{20}\./.test(parts[3]!)) names.add(parts[1]!);
      const external = tableOfRegistration(parts);
      if (external !== null) names.add(external);
    }
    return [...names].sort();
  }

  async getTable(ref: TableRef): Promise<Table | null> {
    if (ref.schema.length === 0 || ref.name.length === 0 || ref.schema.includes('/') || ref.name.includes('/')) return null;
    const key = `${ref.schema}/${ref.name}`;
    const reg = await readRegistration(this.store, ref.schema, ref.name);
    if (reg !== null) {
      let t = this.tables.get(key);
      if (t === undefined || t.location !== reg.location) {
        const { store, path } = openLocation(reg.location);
        t = new DeltaTable(store, { schema: ref.schema, name: ref.name }, path);
        this.tables.set(key, t);
      }
      return t;
    }
    if ((await latestVersion(this.store, tablePath(ref.schema, ref.name))) < 0) {
      this.tables.delete(key);
      return null;
    }
    let t = this.tables.get(key);
    if (t === undefined) {
      t = new DeltaTable(this.store, { schema: ref.schema, name: ref.name }, tablePath(ref.schema, ref.name));
      this.tables.set(key, t);
    }
    return t;
  }

  async createTable(spec: CreateTableSpec): Promise<Table | null> {
    const { schema, name } = spec.ref;
    checkObjectName(name, 'table');
    if (!(await this.schemaExists(schema))) throw new QueryError(SQLSTATE.invalid_schema_name, `schema "${schema}" does not exist`);
    const duplicate = (): null => {
      if (spec.ifNotExists) return null;
      throw new QueryError(SQLSTATE.duplicate_table, `relation "${name}" already exists`);
    };
    if ((await this.getTable(spec.ref)) !== null) return duplicate();
    if (spec.location !== undefined) return this.createExternal(spec, duplicate);
    const path = tablePath(schema, name);
    // a folder left by a dropped or crashed table without a log is reused
    try {
      await createDeltaTable(this.store, path, {
        schema: fieldsToDeltaSchema(spec.fields),
        partitionColumns: spec.partitionColumns,
        configuration: spec.properties ?? {},
        description: spec.comment ?? null,
        name,
      });
    } catch (e) {
      if (e instanceof DeltaTableExistsError) return duplicate();
      throw e;
    }
    return (await this.getTable(spec.ref))!;
  }

  /** CREATE TABLE … LOCATION: register the Delta table there (its schema checked against given columns), or create it. */
  private async createExternal(spec: CreateTableSpec, duplicate: () => null): Promise<Table | null> {
    const location = normalizeLocation(spec.location!);
    const { store, path } = openLocation(location);
    if ((await latestVersion(store, path)) >= 0) {
      const snap = await snapshotForRegistration(store, path, location, loadSnapshot);
      if (spec.fields.length > 0) checkExistingSchema(snap, spec, location);
    } else {
      if (spec.fields.length === 0) {
        throw new QueryError(SQLSTATE.undefined_table, `no Delta table at location "${location}"; give a column list to create one there`);
      }
      try {
        await createDeltaTable(store, path, {
          schema: fieldsToDeltaSchema(spec.fields),
          partitionColumns: spec.partitionColumns,
          configuration: spec.properties ?? {},
          description: spec.comment ?? null,
          name: spec.ref.name,
        });
      } catch (e) {
        if (e instanceof QueryError) throw e;
        if (!(e instanceof DeltaTableExistsError)) throw new QueryError('58030', `could not create the Delta table at "${location}": ${(e as Error).message}`, { cause: e });
      }
    }
    if (!(await writeRegistration(this.store, spec.ref.schema, spec.ref.name, { location }))) return duplicate();
    return (await this.getTable(spec.ref))!;
  }

  async dropTable(ref: TableRef, ifExists: boolean): Promise<boolean> {
    const t = await this.getTable(ref);
    if (t === null) {
      if (ifExists) return false;
      throw new QueryError(SQLSTATE.undefined_table, `table "${ref.name}" does not exist`);
    }
    if ((await readRegistration(this.store, ref.schema, ref.name)) !== null) {
      // external: unregister only, the data stays where it is
      await this.store.delete(registrationKey(ref.schema, ref.name));
      this.tables.delete(`${ref.schema}/${ref.name}`);
      return true;
    }
    const path = tablePath(ref.schema, ref.name);
    // delete the log first (newest commit last is irrelevant: once 000...0.json is gone the table is gone),
    // so a crash half-way leaves at worst orphan data files, never a table missing some of its files
    const objects = await this.store.list(`${path}/`);
    const log = objects.filter((o) => o.path.startsWith(`${path}/_delta_log/`));
    for (const o of log) await this.store.delete(o.path);
    for (const o of objects) if (!o.path.startsWith(`${path}/_delta_log/`)) await this.store.delete(o.path);
    this.tables.delete(`${ref.schema}/${ref.name}`);
    return true;
  }

  // views: <schema>/.pier_views/<name>.json (catalog/views.ts)
  listViews(schema: string): Promise<ViewInfo[]> {
    return listViews(this.store, schema);
  }

  getView(ref: TableRef): Promise<ViewInfo | null> {
    return readView(this.store, ref);
  }

  async createView(ref: TableRef, view: ViewInfo, orReplace: boolean): Promise<void> {
    if (!(await this.schemaExists(ref.schema))) throw new QueryError(SQLSTATE.invalid_schema_name, `schema "${ref.schema}" does not exist`);
    if ((await this.getTable(ref)) !== null) throw new QueryError(SQLSTATE.duplicate_table, `relation "${ref.name}" already exists`);
    await writeView(this.store, ref, view, orReplace);
  }

  dropView(ref: TableRef): Promise<boolean> {
    return deleteView(this.store, ref);
  }

  /** a table (catalog/rename_table.ts) or a view */
  async renameRelation(ref: TableRef, newName: string): Promise<void> {
    const target = { schema: ref.schema, name: newName };
    if ((await this.getTable(target)) !== null || (await readView(this.store, target)) !== null) {
      throw new QueryError(SQLSTATE.duplicate_table, `relation "${newName}" already exists`);
    }
    const view = await readView(this.store, ref);
    if (view !== null) {
      await writeView(this.store, target, { ...view, name: newName }, false);
      await deleteView(this.store, ref);
      return;
    }
    await renameDeltaTable(this.store, ref, newName);
    this.tables.delete(`${ref.schema}/${ref.name}`);
  }

  private async deletePrefix(prefix: string): Promise<void> {
    for (const o of await this.store.list(prefix)) await this.store.delete(o.path);
  }
}
