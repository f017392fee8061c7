/**
 * PierSession: one client connection's SQL state — settings, transaction block status, running statements.
 * Transactions: BEGIN … COMMIT / ROLLBACK stage data changes and commit them at COMMIT (transaction_block.ts);
 * outside a block every statement autocommits, except that the statements of a multi-statement simple query run
 * in one implicit block (startImplicitTransaction / endImplicitTransaction, called by the wire layer).
 */
import type { Datum } from '../../common/datum.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Field, SqlType } from '../../common/types.js';
import type { ValueContext } from '../../common/values/context.js';
import { executePlan } from '../../executor/execute.js';
import type { ExecContext } from '../../executor/api.js';
import { MemoryTracker } from '../../executor/instrument/memory.js';
import type { PlanContext } from '../../planner/api.js';
import { planQuery } from '../../planner/plan_query.js';
import type { StatementEnv } from '../../planner/bind/statements/context.js';
import { executeStatement, isDdlDml, statementResultFields, unsupportedStatement } from '../../planner/bind/statements/execute_statement.js';
import { dmlResultFields, hasReturning, isReturningKind } from '../../planner/bind/statements/returning/result_fields.js';
import { parseStatements } from '../../planner/sql/parse.js';
import { statementNodeType, type ParsedStatement } from '../../planner/sql/statement.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';
import type { Execution, Notice, PreparedStatement, Session, StartupInfo, TransactionStatus } from './api.js';
import type { Engine } from './engine.js';
import { commandExecution, rowsExecution, staticRowsExecution } from './execution.js';
import { explainExecution, EXPLAIN_FIELDS } from './explain.js';
import { finalizeParamTypes, initialParamTypes, maxParamNumber } from './params.js';
import { copyExecution } from './copy_statement.js';
import { CursorRegistry } from './cursors.js';
import { SavepointStack } from './savepoints.js';
import { stripCurrentDatabase } from './catalog_names.js';
import { TxSettings } from './tx_settings.js';
import { executeSessionCommand, SESSION_COMMAND_TYPES } from './session_commands.js';
import { Settings } from './settings.js';
import { metrics, outcomeOf } from '../metrics.js';
import { sessionInfoOf } from './session_info.js';
import { TempSchema } from '../../planner/bind/statements/temp_tables.js';
import { abortAware, CANCELED_BY_TIMEOUT, CANCELED_BY_USER, shiftPosition } from './statement_errors.js';
import { executeSet, executeShow, showFields, type TxState, type UtilityHost } from './utility.js';
import { TransactionBlock } from './transaction_block.js';

/** A running statement: its abort controller and timer. */
interface Running {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  done(): void;
  /** set when the statement failed (metrics outcome) */
  error?: unknown;
}

export class PierSession implements Session, UtilityHost {
  onParameterStatus: ((name: string, value: string) => void) | null = null;
  onNotice: ((notice: Notice) => void) | null = null;
  onDiscardAll: (() => void) | null = null;
  readonly settings: Settings;
  private tx: TxState = 'I';
  /** CREATE TEMP TABLE's schema, dropped at close */
  private readonly tempSchema: TempSchema;
  private readonly running = new Set<Running>();
  private closed = false;
  readonly cursors = new CursorRegistry();
  readonly savepoints = new SavepointStack();
  readonly txSettings = new TxSettings();
  /** the open transaction block's staged changes (transaction_block.ts) */
  private readonly block: TransactionBlock;
  /** set while a multi-statement simple query runs (its statements are in a transaction block, implicit or not) */
  private multiStatement = false;

  constructor(
    private readonly engine: Engine,
    readonly info: StartupInfo,
    readonly processId: number,
    readonly secretKey: number,
    private readonly onClose: () => void,
  ) {
    const startup: Record<string, string> = { ...engine.settings, session_authorization: info.user };
    if (info.applicationName !== '') startup['application_name'] = info.applicationName;
    for (const [k, v] of Object.entries(info.options)) startup[k] = v;
    this.settings = new Settings(startup);
    this.tempSchema = new TempSchema(`pg_temp_${processId}`, engine.catalog);
    this.block = new TransactionBlock(engine.catalog);
  }

  transactionStatus(): TransactionStatus {
    return this.tx;
  }

  cursorFields(name: string): readonly Field[] | null {
    return this.cursors.fieldsOf(name);
  }

  async startImplicitTransaction(): Promise<void> {
    this.multiStatement = true;
    if (this.block.openImplicit()) this.tx = 'T';
  }

  async endImplicitTransaction(commit: boolean): Promise<void> {
    this.multiStatement = false;
    if (!this.block.implicit) return;
    const res = await this.block.endImplicit(commit, this);
    this.tx = res.state;
    await this.cursors.endTransaction();
    if (res.error !== undefined) throw res.error;
  }

  markFailed(): void {
    if (this.tx === 'T') this.tx = 'E';
  }

  valueContext(): ValueContext {
    return this.settings.valueContext();
  }

  initialParameterStatus(): readonly [string, string][] {
    return this.settings.startupParameters();
  }

  reportParameter(name: string, value: string): void {
    this.onParameterStatus?.(name, value);
  }

  notice(n: Notice): void {
    this.onNotice?.(n);
  }

  /** CancelRequest: abort whatever this session is running. */
  cancelRunning(): void {
    for (const r of this.running) r.controller.abort(CANCELED_BY_USER());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelRunning();
    await this.cursors.closeAll();
    await this.block.discard().catch(() => undefined);
    await this.tempSchema.drop().catch(() => undefined);
    this.onClose();
  }

  async prepare(sql: string, paramTypeOids: readonly number[], single: boolean): Promise<PreparedStatement[]> {
    const stmts = await parseStatements(sql);
    if (single && stmts.length > 1) {
      throw new QueryError(SQLSTATE.syntax_error, 'cannot insert multiple commands into a prepared statement');
    }
    // In a simple-query string a statement may use a table an earlier one creates: such statements are planned
    // only when they run, and the wire layer describes their rows from the Execution.
    const out: PreparedStatement[] = [];
    for (const stmt of stmts) out.push(await this.prepareOne(sql, stmt, paramTypeOids, single));
    return out;
  }

  // ---- statements ----

  private searchPath(): string[] {
    return [...this.tempSchema.searchPrefix(), ...this.settings.searchPath(this.info.user)];
  }

  private planContext(sql: string, params: SqlType[]): PlanContext {
    return {
      catalog: this.block.statementCatalog(),
      searchPath: this.searchPath(),
      bind: { params, values: this.valueContext(), sql },
      parallelism: this.engine.parallelism,
      session: sessionInfoOf(this),
    };
  }

  /** How a query runs: values, pool, abort signal and the per-query memory limit (pier.query_max_memory). */
  private execContext(params: readonly Datum[], signal: AbortSignal): ExecContext {
    return {
      eval: { values: this.valueContext(), params, statementTime: BigInt(Date.now()) * 1000n },
      pool: this.engine.pool,
      signal,
      memory: new MemoryTracker(this.settings.queryMaxMemoryBytes()),
    };
  }

  /** Start a statement: abort controller (CancelRequest, client signal, statement_timeout). */
  private begin(clientSignal: AbortSignal, kind = 'other'): Running {
    const controller = new AbortController();
    const timeoutMs = this.settings.statementTimeoutMs();
    const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(CANCELED_BY_TIMEOUT()), timeoutMs) : null;
    const onClient = (): void => controller.abort(CANCELED_BY_USER());
    if (clientSignal.aborted) onClient();
    else clientSignal.addEventListener('abort', onClient, { once: true });
    const started = performance.now();
    const running: Running = {
      controller,
      signal: controller.signal,
      done: () => {
        if (this.running.has(running)) metrics.statementFinished(kind, outcomeOf(running.error), (performance.now() - started) / 1000);
        if (timer !== null) clearTimeout(timer);
        clientSignal.removeEventListener('abort', onClient);
        this.running.delete(running);
      },
    };
    this.running.add(running);
    return running;
  }

  private checkNotAborted(ast: PgNode): void {
    if (this.tx !== 'E') return;
    const t = ast.TransactionStmt as PgNode | undefined;
    if (t !== undefined && ['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_ROLLBACK_TO'].includes(String(t.kind))) return;
    throw new QueryError(SQLSTATE.in_failed_sql_transaction, 'current transaction is aborted, commands ignored until end of transaction block');
  }

  private statementEnv(sql: string, paramTypes: SqlType[], params: readonly Datum[], signal: AbortSignal): StatementEnv {
    return {
      catalog: this.block.statementCatalog(),
      searchPath: this.searchPath(),
      values: this.valueContext(),
      parallelism: this.engine.parallelism,
      pool: this.engine.pool,
      signal,
      sql,
      paramTypes,
      params,
      statementTime: BigInt(Date.now()) * 1000n,
      notice: (n) => this.notice(n),
      setting: (name) => { try { return this.settings.get(name); } catch { return undefined; } },
      tempSchema: this.tempSchema,
    };
  }

  private async prepareOne(
    querySql: string,
    s: ParsedStatement,
    oids: readonly number[],
    single: boolean,
  ): Promise<PreparedStatement> {
    if (s.kind === 'empty') {
      return { sql: s.text, paramTypes: [], fields: null, empty: true, execute: async () => commandExecution('') };
    }
    const sql = s.text;
    const ast = s.ast;
    stripCurrentDatabase(ast, this.info.database);
    const type = statementNodeType(ast);
    const node = ast[type] as PgNode;
    const paramTypes = initialParamTypes(oids, maxParamNumber(ast));
    const shift = (e: unknown): unknown => shiftPosition(e, querySql, s.offset);

    // statements that run with a fresh abort controller, mapping errors
    const run = async (signal: AbortSignal, body: (r: Running) => Promise<Execution>): Promise<Execution> => {
      this.checkNotAborted(ast);
      const r = this.begin(signal, type.replace(/^Pier/, '').replace(/Stmt$/, ''));
      try {
        return await body(r);
      } catch (e) {
        r.error = e;
        r.done();
        throw shift(abortAware(e, r.signal));
      }
    };

    switch (type) {
      case 'SelectStmt': {
        if (node.intoClause !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'SELECT ... INTO is not supported; use CREATE TABLE ... AS');
        let fields: readonly Field[] | null = null;
        const plan = async () => {
          const planned = await planQuery(ast, this.planContext(sql, paramTypes));
          finalizeParamTypes(paramTypes);
          fields = planned.fields;
          return planned;
        };
        // extended protocol: plan now (Describe needs fields and parameter types); simple protocol: plan when run
        if (single) {
          try {
            await plan();
          } catch (e) {
            throw shift(e);
          }
        }
        const statement: PreparedStatement = {
          sql,
          paramTypes,
          get fields() { return fields; },
          empty: false,
          execute: (params, signal) => run(signal, async (r) => {
            const planned = await plan();
            const ctx = this.execContext(params, r.signal);
            return rowsExecution(planned.fields, executePlan(planned.plan, ctx), {
              mapError: (e) => shift(abortAware(e, r.signal)),
              onDone: () => r.done(),
              signal: r.signal,
            });
          }),
        };
        return statement;
      }
      case 'ExplainStmt': {
        const query = node.query as PgNode;
        return {
          sql,
          paramTypes,
          fields: EXPLAIN_FIELDS,
          empty: false,
          execute: (_params, signal) => run(signal, async (r) => {
            const ex = await explainExecution(node, query, this.planContext(sql, paramTypes), () => this.execContext(_params, r.signal));
            r.done();
            return ex;
          }),
        };
      }
      case 'VariableShowStmt': {
        let fields: readonly Field[] | null = null;
        try {
          fields = showFields(node, this.settings);
        } catch (e) {
          throw shift(e);
        }
        return {
          sql, paramTypes, fields, empty: false,
          execute: (_p, signal) => run(signal, async (r) => { r.done(); return executeShow(node, this); }),
        };
      }
      case 'VariableSetStmt':
        return {
          sql, paramTypes, fields: null, empty: false,
          execute: (_p, signal) => run(signal, async (r) => { r.done(); return executeSet(node, this); }),
        };
      case 'TransactionStmt':
        return {
          sql, paramTypes, fields: null, empty: false,
          execute: (_p, signal) => run(signal, async (r) => {
            r.done();
            const res = await this.block.run(node, this.tx, this);
            this.tx = res.state;
            if (res.state === 'I') await this.cursors.endTransaction();
            if (res.error !== undefined) throw res.error;
            return res.execution;
          }),
        };
      case 'CopyStmt':
        return {
          sql, paramTypes, fields: null, empty: false,
          execute: (params, signal) => run(signal, async (r) => copyExecution(node, this.statementEnv(sql, paramTypes, params, r.signal), () => r.done())),
        };
      case 'DeclareCursorStmt':
      case 'FetchStmt':
      case 'ClosePortalStmt': {
        // FETCH's columns: known when the cursor exists (extended protocol); else from the execution
        const cursorFields = type === 'FetchStmt' && node.ismove !== true ? this.cursors.fieldsOf(String(node.portalname ?? '')) : null;
        if (type === 'FetchStmt' && node.ismove !== true && single && cursorFields === null) throw shift(new QueryError(SQLSTATE.invalid_cursor_name, `cursor "${String(node.portalname ?? '')}" does not exist`));
        return {
          sql, paramTypes, fields: cursorFields, empty: false,
          execute: (params, signal) => run(signal, async (r) => {
            try {
              if (type === 'FetchStmt') return await this.cursors.fetch(node, r.signal);
              if (type === 'ClosePortalStmt') return await this.cursors.close(node);
              return await this.cursors.declare(node, {
                transactionStatus: () => this.tx,
                // the cursor's query outlives this statement: no statement_timeout timer; FETCH passes its own signal
                startQuery: async (query, cursorSignal) => {
                  if (query.SelectStmt === undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'DECLARE CURSOR must be given a SELECT query');
                  const planned = await planQuery(query, this.planContext(sql, paramTypes));
                  return rowsExecution(planned.fields, executePlan(planned.plan, this.execContext(params, cursorSignal)), {
                    mapError: (e) => shift(abortAware(e, cursorSignal)),
                    signal: cursorSignal,
                  });
                },
              });
            } finally {
              r.done();
            }
          }),
        };
      }
      default: {
        if (SESSION_COMMAND_TYPES.includes(type)) {
          return {
            sql, paramTypes, fields: null, empty: false,
            execute: (_p, signal) => run(signal, async (r) => {
              try {
                return await executeSessionCommand(type, node, {
                  transactionStatus: () => this.tx,
                  resetAllSettings: () => { for (const [k, v] of this.settings.resetAll()) this.reportParameter(k, v); },
                  closeCursors: () => this.cursors.closeAll(),
                  deallocateAll: () => this.onDiscardAll?.(),
                });
              } finally {
                r.done();
              }
            }),
          };
        }
        if (!isDdlDml(type)) throw shift(unsupportedStatement(ast));
        let fields = statementResultFields(ast);
        if (single && isReturningKind(type) && (paramTypes.length > 0 || hasReturning(type, node))) {
          // infer parameter types and RETURNING columns now (Describe needs them); execution binds again
          try {
            fields = await dmlResultFields(type, node, this.statementEnv(sql, paramTypes, [], new AbortController().signal));
            finalizeParamTypes(paramTypes);
          } catch (e) {
            throw shift(e);
          }
        }
        return {
          sql, paramTypes, fields, empty: false,
          execute: (params, signal) => run(signal, async (r) => {
            // PostgreSQL's PreventInTransactionBlock: every statement of a multi-statement string is in a block
            if (type === 'PierVacuumStmt' && this.multiStatement) throw new QueryError(SQLSTATE.active_sql_transaction, 'VACUUM cannot run inside a transaction block');
            const after = await this.block.beforeStatement(type);
            const outcome = await executeStatement(ast, { extras: s.extras }, this.statementEnv(sql, paramTypes, params, r.signal)).finally(after);
            r.done();
            return outcome.kind === 'command' ? commandExecution(outcome.tag) : staticRowsExecution(outcome.fields, outcome.batches, outcome.tag);
          }),
        };
      }
    }
  }
}
