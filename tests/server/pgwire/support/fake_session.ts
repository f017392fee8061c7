/**
 * Test-only SessionFactory whose "SQL" is a tiny command language with fixed results:
 *   series N        one int4 column n = 1..N (batches of 100), tag SELECT N
 *   echo $1 $2 ...  one row echoing the parameters (types from the Parse OIDs, default text)
 *   mixed           one row: int8, text, bool, float8, NULL text
 *   error parse     42601 at prepare (position 1)
 *   error run       22012 at execute
 *   error late      3 rows then 22012 from next()
 *   internal        a plain Error (→ XX000)
 *   sleep           waits until aborted, then throws a plain Error
 *   notice          a NoticeResponse, tag DO
 *   set tz X        ParameterStatus TimeZone=X, tag SET
 *   create          no rows, tag CREATE TABLE
 *   begin / commit  transaction status
 */
import type { Datum } from '../../../../common/datum.js';
import { QueryError } from '../../../../common/errors.js';
import type { Field, SqlType } from '../../../../common/types.js';
import { T, typeFromOid } from '../../../../common/types.js';
import type { ValueContext } from '../../../../common/values/context.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../../common/values/context.js';
import type { Batch } from '../../../../common/vector.js';
import { vectorFromDatums } from '../../../../common/vector.js';
import type { Execution, Notice, PreparedStatement, Session, SessionFactory, StartupInfo, TransactionStatus } from '../../../../server/session/api.js';

function execOf(fields: readonly Field[] | null, batches: () => AsyncGenerator<Batch>, tag: () => string, onClose?: () => void): Execution {
  const it = batches();
  return {
    fields,
    async next() {
      const r = await it.next();
      return r.done === true ? null : r.value;
    },
    commandTag: tag,
    async close() {
      onClose?.();
      await it.return(undefined);
    },
  };
}

function rows(fields: readonly Field[], data: readonly (readonly Datum[])[]): Batch {
  return { length: data.length, columns: fields.map((f, c) => vectorFromDatums(f.type, data.map((r) => r[c]!))) };
}

export class FakeSession implements Session {
  onParameterStatus: ((name: string, value: string) => void) | null = null;
  onNotice: ((notice: Notice) => void) | null = null;
  status: TransactionStatus = 'I';
  closed = false;
  constructor(readonly processId: number, readonly secretKey: number, readonly info: StartupInfo, private readonly factory: FakeSessionFactory) {}

  transactionStatus(): TransactionStatus {
    return this.status;
  }
  markFailed(): void {
    if (this.status === 'T') this.status = 'E';
  }
  valueContext(): ValueContext {
    return DEFAULT_VALUE_CONTEXT;
  }
  initialParameterStatus(): readonly [string, string][] {
    return [
      ['server_version', '15.0 (Pier)'],
      ['client_encoding', 'UTF8'],
      ['DateStyle', 'ISO, MDY'],
      ['integer_datetimes', 'on'],
      ['standard_conforming_strings', 'on'],
      ['TimeZone', 'UTC'],
      ['application_name', this.info.applicationName],
    ];
  }
  async close(): Promise<void> {
    this.closed = true;
  }

  async prepare(sql: string, paramTypeOids: readonly number[], single: boolean): Promise<PreparedStatement[]> {
    const parts = sql.split(';').map((s) => s.trim());
    const nonEmpty = parts.filter((s) => s !== '');
    if (single && nonEmpty.length > 1) throw new QueryError('42601', 'cannot insert multiple commands into a prepared statement');
    if (nonEmpty.length === 0) return [this.statement('', paramTypeOids)];
    return nonEmpty.map((s) => this.statement(s, paramTypeOids));
  }

  private statement(text: string, oids: readonly number[]): PreparedStatement {
    const words = text.split(/\s+/);
    const cmd = words[0]!.toLowerCase();
    const self = this;
    const base = (fields: readonly Field[] | null, paramTypes: readonly SqlType[], run: (params: readonly Datum[], signal: AbortSignal) => Promise<Execution>): PreparedStatement => ({
      sql: text,
      paramTypes,
      fields,
      empty: text === '',
      execute: run,
    });
    const noRows = (tag: string, effect?: () => void) =>
      base(null, [], async () => {
        effect?.();
        return execOf(null, async function* () {}, () => tag);
      });
    switch (cmd) {
      case '':
        return base(null, [], async () => execOf(null, async function* () {}, () => ''));
      case 'series': {
        const n = Number(words[1] ?? '0');
        const fields: Field[] = [{ name: 'n', type: T.int4, nullable: false }];
        return base(fields, [], async () => {
          let produced = 0;
          return execOf(
            fields,
            async function* () {
              for (let start = 1; start <= n; start += 100) {
                const chunk: Datum[][] = [];
                for (let i = start; i < Math.min(start + 100, n + 1); i++) chunk.push([i]);
                produced += chunk.length;
                yield rows(fields, chunk);
              }
            },
            () => `SELECT ${produced}`,
            () => self.factory.closedExecutions++,
          );
        });
      }
      case 'echo': {
        const count = words.length - 1;
        const types: SqlType[] = [];
        for (let i = 0; i < count; i++) types.push((oids[i] ? typeFromOid(oids[i]!) : null) ?? T.text);
        const fields: Field[] = types.map((t, i) => ({ name: `p${i + 1}`, type: t, nullable: true }));
        return base(fields, types, async (params) => execOf(fields, async function* () {
          yield rows(fields, [params]);
        }, () => 'SELECT 1'));
      }
      case 'mixed': {
        const fields: Field[] = [
          { name: 'a', type: T.int8, nullable: false },
          { name: 'b', type: T.text, nullable: true },
          { name: 'c', type: T.bool, nullable: true },
          { name: 'd', type: T.float8, nullable: true },
          { name: 'e', type: T.text, nullable: true },
        ];
        return base(fields, [], async () => execOf(fields, async function* () {
          yield rows(fields, [[42n, 'héllo', true, 2.25, null]]); // 2.25: float8 bytes valid UTF-8 (pg decodes binary fields as UTF-8)
        }, () => 'SELECT 1'));
      }
      case 'error':
        if (words[1] === 'parse') throw new QueryError('42601', 'syntax error at or near "error"', { position: 1 });
        if (words[1] === 'run') {
          return base([{ name: 'x', type: T.int4, nullable: true }], [], async () => {
            throw new QueryError('22012', 'division by zero');
          });
        }
        {
          const fields: Field[] = [{ name: 'x', type: T.int4, nullable: true }];
          return base(fields, [], async () => execOf(fields, async function* () {
            yield rows(fields, [[1], [2], [3]]);
            throw new QueryError('22012', 'division by zero');
          }, () => 'SELECT 3'));
        }
      case 'internal':
        return base(null, [], async () => {
          throw new Error('boom');
        });
      case 'sleep': {
        const fields: Field[] = [{ name: 'x', type: T.int4, nullable: true }];
        return base(fields, [], async (_p, signal) => execOf(fields, async function* () {
          self.factory.sleeping++;
          await new Promise<void>((resolve) => {
            if (signal.aborted) resolve();
            signal.addEventListener('abort', () => resolve());
          });
          throw new Error('aborted');
        }, () => 'SELECT 0'));
      }
      case 'notice':
        return noRows('DO', () => self.onNotice?.({ severity: 'NOTICE', sqlstate: '00000', message: 'hello from notice', hint: 'a hint' }));
      case 'set':
        return noRows('SET', () => self.onParameterStatus?.('TimeZone', words[2] ?? 'UTC'));
      case 'create':
        return noRows('CREATE TABLE');
      case 'begin':
        return noRows('BEGIN', () => {
          self.status = 'T';
        });
      case 'commit':
        return base(null, [], async () => {
          const tag = self.status === 'E' ? 'ROLLBACK' : 'COMMIT';
          self.status = 'I';
          return execOf(null, async function* () {}, () => tag);
        });
      default:
        throw new QueryError('42601', `syntax error at or near "${words[0]}"`, { position: 1 });
    }
  }
}

export class FakeSessionFactory implements SessionFactory {
  private nextPid = 1000;
  readonly sessions: FakeSession[] = [];
  readonly cancels: [number, number][] = [];
  closedExecutions = 0;
  sleeping = 0;

  async create(info: StartupInfo): Promise<Session> {
    if (info.database === 'nosuchdb') throw new QueryError('3D000', `database "${info.database}" does not exist`, { severity: 'FATAL' });
    const s = new FakeSession(this.nextPid++, 777, info, this);
    this.sessions.push(s);
    return s;
  }

  cancel(processId: number, secretKey: number): void {
    this.cancels.push([processId, secretKey]);
  }
}
