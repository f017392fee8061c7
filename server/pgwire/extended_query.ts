/**
 * Extended query protocol state: named/unnamed prepared statements and portals, and the handlers
 * for Parse, Bind, Describe, Execute and Close. Errors are thrown; the connection reports them and
 * discards messages until Sync.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { typeOid } from '../../common/types.js';
import type { PreparedStatement, Session } from '../session/api.js';
import type { FrontendMessage } from './codec/frontend_messages.js';
import { decodeParams } from './param_decoder.js';
import type { PortalIo } from './portal.js';
import { Portal } from './portal.js';
import { expandFormats, rowDescription } from './row_encoder.js';

type Msg<K extends FrontendMessage['kind']> = Extract<FrontendMessage, { kind: K }>;

export class ExtendedQuery {
  private readonly statements = new Map<string, PreparedStatement>();
  private readonly portals = new Map<string, Portal>();
  /** the portal whose Execute is running now (for cancel) */
  running: Portal | null = null;

  constructor(private readonly session: Session, private readonly io: PortalIo) {}

  async parse(m: Msg<'parse'>): Promise<void> {
    if (m.name !== '' && this.statements.has(m.name)) {
      throw new QueryError('42P05', `prepared statement "${m.name}" already exists`);
    }
    const [stmt] = await this.session.prepare(m.sql, m.paramTypeOids, true);
    if (stmt === undefined) throw new Error('session.prepare returned no statement');
    this.statements.set(m.name, stmt);
    this.io.out.parseComplete();
  }

  private statement(name: string): PreparedStatement {
    const s = this.statements.get(name);
    if (s === undefined) {
      throw new QueryError(SQLSTATE.invalid_sql_statement_name, name === '' ? 'unnamed prepared statement does not exist' : `prepared statement "${name}" does not exist`);
    }
    return s;
  }

  private portal(name: string): Portal {
    const p = this.portals.get(name);
    if (p === undefined) throw new QueryError(SQLSTATE.invalid_cursor_name, `portal "${name}" does not exist`);
    return p;
  }

  async bind(m: Msg<'bind'>): Promise<void> {
    const stmt = this.statement(m.statement);
    if (m.portal !== '' && this.portals.has(m.portal)) {
      throw new QueryError('42P03', `cursor "${m.portal}" already exists`);
    }
    const params = decodeParams(m.statement, stmt.paramTypes, m.paramFormats, m.params, this.session.valueContext());
    const ncols = stmt.fields?.length ?? 0;
    const formats = expandFormats(m.resultFormats, ncols, () =>
      new QueryError(SQLSTATE.protocol_violation, `bind message has ${m.resultFormats.length} result formats but query has ${ncols} columns`),
    );
    const old = this.portals.get(m.portal);
    if (old !== undefined) await old.close();
    this.portals.set(m.portal, new Portal(m.portal, stmt, params, formats));
    this.io.out.bindComplete();
  }

  describe(m: Msg<'describe'>): void {
    const out = this.io.out;
    if (m.target === 'S') {
      const stmt = this.statement(m.name);
      out.parameterDescription(stmt.paramTypes.map(typeOid));
      if (stmt.fields === null) out.noData();
      else out.rowDescription(rowDescription(stmt.fields, null));
    } else {
      const cursor = this.portals.has(m.name) ? null : (this.session.cursorFields?.(m.name) ?? null);
      if (cursor !== null) {
        out.rowDescription(rowDescription(cursor, null));
        return;
      }
      const p = this.portal(m.name);
      const fields = p.statement.fields;
      if (fields === null) out.noData();
      else out.rowDescription(rowDescription(fields, p.formats));
    }
  }

  async execute(m: Msg<'execute'>): Promise<void> {
    const p = this.portal(m.portal);
    this.running = p;
    try {
      await p.run(this.io, m.maxRows);
    } finally {
      this.running = null;
    }
  }

  async close(m: Msg<'close'>): Promise<void> {
    if (m.target === 'S') {
      this.statements.delete(m.name);
    } else {
      const p = this.portals.get(m.name);
      this.portals.delete(m.name);
      if (p !== undefined) await p.close();
    }
    this.io.out.closeComplete();
  }

  /** DISCARD ALL / DEALLOCATE ALL: every prepared statement goes. */
  deallocateAll(): void {
    this.statements.clear();
  }

  /** Drop the unnamed statement and portal (a simple Query does that). */
  async dropUnnamed(): Promise<void> {
    this.statements.delete('');
    const p = this.portals.get('');
    this.portals.delete('');
    if (p !== undefined) await p.close();
  }

  /** End of an implicit transaction (Sync outside a transaction block): portals go away. */
  async closePortals(reason?: unknown): Promise<void> {
    const all = [...this.portals.values()];
    this.portals.clear();
    for (const p of all) await p.close(reason);
  }
}
