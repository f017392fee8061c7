import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeltaCatalog } from '../../../catalog/delta_catalog.js';
import { getDatum, type Batch } from '../../../common/vector.js';
import type { Datum } from '../../../common/datum.js';
import type { Field } from '../../../common/types.js';
import { createWorkerPool, type WorkerPool } from '../../../executor/pool.js';
import type { Notice, Session, SessionFactory } from '../../../server/session/api.js';
import { createSessionFactory } from '../../../server/session/engine.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';

export interface Result {
  readonly tag: string;
  readonly fields: readonly Field[] | null;
  readonly rows: Datum[][];
  readonly empty: boolean;
}

export interface Harness {
  readonly dir: string;
  readonly factory: SessionFactory;
  readonly pool: WorkerPool;
  session(): Promise<Session & { notices: Notice[]; params: [string, string][] }>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function harness(): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'pier-session-'));
  const pool = createWorkerPool({ threads: 1 });
  let factory = createSessionFactory({ catalog: new DeltaCatalog(new LocalObjectStore(dir)), pool, database: 'pier', parallelism: 1 });
  const h: Harness = {
    dir,
    pool,
    get factory() { return factory; },
    async session() {
      const s = (await factory.create({ user: 'pier', database: 'pier', applicationName: 'test', options: {} })) as Session & { notices: Notice[]; params: [string, string][] };
      s.notices = [];
      s.params = [];
      s.onNotice = (n) => s.notices.push(n);
      s.onParameterStatus = (n, v) => s.params.push([n, v]);
      return s;
    },
    async restart() {
      factory = createSessionFactory({ catalog: new DeltaCatalog(new LocalObjectStore(dir)), pool, database: 'pier', parallelism: 1 });
    },
    async close() {
      await pool.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return h;
}

function rowsOf(b: Batch): Datum[][] {
  const out: Datum[][] = [];
  for (let i = 0; i < b.length; i++) out.push(b.columns.map((c) => getDatum(c, i)));
  return out;
}

/** Simple-query style: every statement of `sql` in turn; throws the first error. */
export async function query(s: Session, sql: string, params: Datum[] = [], single = false): Promise<Result[]> {
  const stmts = await s.prepare(sql, [], single);
  const out: Result[] = [];
  for (const st of stmts) {
    try {
      const ex = await st.execute(params, new AbortController().signal);
      const rows: Datum[][] = [];
      for (let b = await ex.next(); b !== null; b = await ex.next()) rows.push(...rowsOf(b));
      out.push({ tag: ex.commandTag(), fields: ex.fields, rows, empty: st.empty });
    } catch (e) {
      s.markFailed();
      throw e;
    }
  }
  return out;
}

export async function one(s: Session, sql: string, params: Datum[] = []): Promise<Result> {
  const r = await query(s, sql, params);
  return r[r.length - 1]!;
}
