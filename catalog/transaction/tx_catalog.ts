/**
 * The catalog a statement sees inside a transaction block: tables are TxTables (pinned snapshot + staged
 * changes, writes staged); everything else passes through to the warehouse catalog. Tables a statement creates
 * (CREATE TABLE, CTAS) are returned as they are: DDL commits immediately. While `state.direct` is set (a DDL
 * statement runs, after the block's staged changes were committed), tables are handed out unwrapped.
 */
import type { Catalog, CreateTableSpec, Table, TableRef } from '../catalog.js';
import type { ViewInfo } from '../views.js';
import { TransactionState } from './transaction_state.js';
import { TxTable } from './tx_table.js';

export class TxCatalog implements Catalog {
  readonly listViews?: (schema: string) => Promise<ViewInfo[]>;
  readonly getView?: (ref: TableRef) => Promise<ViewInfo | null>;
  readonly createView?: (ref: TableRef, view: ViewInfo, orReplace: boolean) => Promise<void>;
  readonly dropView?: (ref: TableRef) => Promise<boolean>;
  readonly renameRelation?: (ref: TableRef, newName: string) => Promise<void>;

  constructor(private readonly base: Catalog, readonly state: TransactionState = new TransactionState()) {
    // optional members exist exactly when the warehouse catalog has them
    if (base.listViews !== undefined) this.listViews = (s) => base.listViews!(s);
    if (base.getView !== undefined) this.getView = (r) => base.getView!(r);
    if (base.createView !== undefined) this.createView = (r, v, o) => base.createView!(r, v, o);
    if (base.dropView !== undefined) this.dropView = (r) => base.dropView!(r);
    if (base.renameRelation !== undefined) {
      this.renameRelation = async (r, n) => {
        state.requireNothingStaged(r, 'ALTER TABLE ... RENAME');
        await base.renameRelation!(r, n);
        state.unpin(r);
        state.unpin({ schema: r.schema, name: n });
      };
    }
  }

  listSchemas(): Promise<string[]> { return this.base.listSchemas(); }
  schemaExists(name: string): Promise<boolean> { return this.base.schemaExists(name); }
  createSchema(name: string, ifNotExists: boolean): Promise<boolean> { return this.base.createSchema(name, ifNotExists); }
  dropSchema(name: string, ifExists: boolean, cascade: boolean): Promise<boolean> { return this.base.dropSchema(name, ifExists, cascade); }
  listTables(schema: string): Promise<string[]> { return this.base.listTables(schema); }

  async getTable(ref: TableRef): Promise<Table | null> {
    const t = await this.base.getTable(ref);
    if (t === null || this.state.direct) return t;
    return new TxTable(t, this.state);
  }

  async createTable(spec: CreateTableSpec): Promise<Table | null> {
    const t = await this.base.createTable(spec);
    this.state.unpin(spec.ref);
    return t;
  }

  async dropTable(ref: TableRef, ifExists: boolean): Promise<boolean> {
    this.state.requireNothingStaged(ref, 'DROP TABLE');
    const dropped = await this.base.dropTable(ref, ifExists);
    this.state.unpin(ref);
    return dropped;
  }
}
