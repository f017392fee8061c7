/**
 * Simple query protocol: every statement of the Query message in turn — RowDescription, DataRows,
 * CommandComplete (or EmptyQueryResponse); the first error stops the rest (the caller reports it
 * and sends ReadyForQuery). Several statements run in PostgreSQL's implicit transaction block: committed after
 * the last one, rolled back at the first error (the session's startImplicitTransaction / endImplicitTransaction).
 */
import type { Session } from '../session/api.js';
import type { PortalIo } from './portal.js';
import { Portal } from './portal.js';

export async function runSimpleQuery(session: Session, sql: string, io: PortalIo, setRunning: (p: Portal | null) => void): Promise<void> {
  const statements = await session.prepare(sql, [], false);
  if (statements.length === 0) {
    io.out.emptyQueryResponse();
    return;
  }
  const implicit = statements.filter((s) => !s.empty).length > 1;
  for (const stmt of statements) {
    if (implicit) await session.startImplicitTransaction?.();
    // A statement is planned when it runs (it may use a table an earlier statement of the string created), so its
    // RowDescription comes from the running execution, not from the prepared statement.
    const portal = new Portal('', stmt, [], null);
    setRunning(portal);
    try {
      await portal.run(io, 0);
    } catch (err) {
      await portal.close(err);
      // the implicit block is rolled back; the statement's error is the one reported
      if (implicit) await session.endImplicitTransaction?.(false).catch(() => undefined);
      throw err;
    } finally {
      setRunning(null);
    }
  }
  if (implicit) await session.endImplicitTransaction?.(true);
}
