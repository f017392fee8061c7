/**
 * The rows RETURNING gives back: the RETURNING expressions are evaluated on each batch of written (INSERT,
 * UPDATE's new rows) or removed (DELETE) rows as it goes by, before the commit — so an error in them fails the
 * statement and nothing is committed — and the results are handed out only once the commit succeeded.
 */
import { takeBatch, type Batch } from '../../../../common/vector.js';
import { compileExpr, type CompiledExpr } from '../../../../executor/expr/compile.js';
import type { StatementEnv } from '../context.js';
import type { StatementOutcome } from '../execute_statement.js';
import type { BoundReturning } from './bind_returning.js';

export interface ReturningRows {
  /** the result columns */
  readonly fields: BoundReturning['fields'];
  /** `source` unchanged; each batch's RETURNING values are computed and kept as it passes */
  tap(source: AsyncIterable<Batch>): AsyncGenerator<Batch>;
  /** the statement's outcome once committed: the kept rows and the tag */
  outcome(tag: string): StatementOutcome;
}

export function returningRows(bound: BoundReturning, env: Pick<StatementEnv, 'values' | 'params' | 'statementTime'>): ReturningRows {
  const input = bound.input.map((f) => f.type);
  const ctx = { values: env.values, params: env.params, statementTime: env.statementTime };
  const compiled: CompiledExpr[] = bound.exprs.map((e) => compileExpr(e, input, ctx));
  const kept: Batch[] = [];
  return {
    fields: bound.fields,
    async *tap(source) {
      for await (const b of source) {
        // copied: the writer may reuse or hand on the source's buffers once the batch has gone by
        if (b.length > 0) kept.push(takeBatch({ length: b.length, columns: compiled.map((c) => c.evaluate(b)) }, identity(b.length)));
        yield b;
      }
    },
    outcome: (tag) => ({ kind: 'rows', fields: bound.fields, batches: kept, tag }),
  };
}

/** The outcome of a DML statement: its tag, with the RETURNING rows when it has a RETURNING list. */
export function dmlOutcome(tag: string, rows: ReturningRows | null): StatementOutcome {
  return rows === null ? { kind: 'command', tag } : rows.outcome(tag);
}

function identity(n: number): Int32Array {
  const sel = new Int32Array(n);
  for (let i = 0; i < n; i++) sel[i] = i;
  return sel;
}
