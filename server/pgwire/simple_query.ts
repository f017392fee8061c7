/**
 * Simple query protocol: every statement of the Query message in turn — RowDescription, DataRows,
 * CommandComplete (or EmptyQueryResponse); the first error stops the rest (the caller reports it
 * and sends ReadyForQuery).
 */
import type { Session } from '../session/api.js';
import type { PortalIo } from './portal.js';
import { Portal } from './portal.js';
import { rowDescription, TEXT_FORMAT } from './row_encoder.js';

export async function runSimpleQuery(session: Session, sql: string, io: PortalIo, setRunning: (p: Portal | null) => void): Promise<void> {
  const statements = await session.prepare(sql, [], false);
  if (statements.length === 0) {
    io.out.emptyQueryResponse();
    return;
  }
  for (const stmt of statements) {
    const formats = new Array<number>(stmt.fields?.length ?? 0).fill(TEXT_FORMAT);
    const portal = new Portal('', stmt, [], formats);
    setRunning(portal);
    try {
      if (!stmt.empty && stmt.fields !== null) io.out.rowDescription(rowDescription(stmt.fields, formats));
      await portal.run(io, 0);
    } catch (err) {
      await portal.close(err);
      throw err;
    } finally {
      setRunning(null);
    }
  }
}
