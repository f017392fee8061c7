/** Sessions for authenticated connections: pid/secret allocation and CancelRequest routing. */
import { randomInt } from 'node:crypto';
import { QueryError } from '../../common/errors.js';
import type { Session, SessionFactory, StartupInfo } from './api.js';
import type { Engine } from './engine.js';
import { PierSession } from './session.js';

export class PierSessionFactory implements SessionFactory {
  private readonly sessions = new Map<number, PierSession>();
  private nextPid = 10_000 + randomInt(10_000);

  constructor(readonly engine: Engine) {}

  async create(info: StartupInfo): Promise<Session> {
    if (info.database !== this.engine.database) {
      throw new QueryError('3D000', `database "${info.database}" does not exist`, { severity: 'FATAL' });
    }
    let pid = this.nextPid++;
    while (this.sessions.has(pid)) pid = this.nextPid++;
    if (this.nextPid > 2_000_000_000) this.nextPid = 10_000;
    const secret = randomInt(1, 2 ** 31 - 1);
    const session = new PierSession(this.engine, info, pid, secret, () => {
      if (this.sessions.get(pid) === session) this.sessions.delete(pid);
    });
    this.sessions.set(pid, session);
    return session;
  }

  cancel(processId: number, secretKey: number): void {
    const s = this.sessions.get(processId);
    if (s !== undefined && s.secretKey === secretKey) s.cancelRunning();
  }

  /** open sessions (for admin/metrics) */
  get sessionCount(): number {
    return this.sessions.size;
  }
}
