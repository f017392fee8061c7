/**
 * COPY statements: `COPY t [(cols)] FROM STDIN [WITH (...)]` and `COPY t [(cols)] | (query) TO STDOUT [WITH (...)]`.
 * Binds the table/query and options, and returns an Execution whose `copy` the wire layer drives.
 * Files and programs (server-side COPY) are refused as PostgreSQL refuses them to non-superusers.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { executePlan } from '../../executor/execute.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';
import { execContextOf, planContextOf, type StatementEnv } from '../../planner/bind/statements/context.js';
import { positionOf, rangeVarName, requireTable } from '../../planner/bind/statements/names.js';
import { planQuery } from '../../planner/plan_query.js';
import { findView } from '../../planner/bind/select/bind_view.js';
import type { Execution } from './api.js';
import { copyFrom } from './copy_from.js';
import { parseCopyOptions } from './copy_options.js';
import { copyToPayloads } from './copy_to.js';

function columnNames(stmt: PgNode): string[] | null {
  const list = stmt.attlist as PgNode[] | undefined;
  return list === undefined ? null : list.map((n) => String(n.String?.sval ?? ''));
}

/** Start a COPY; `done` runs once when it finishes or is closed. */
export async function copyExecution(stmt: PgNode, env: StatementEnv, done: () => void): Promise<Execution> {
  const isFrom = stmt.is_from === true;
  if (stmt.filename !== undefined || stmt.is_program === true) {
    throw new QueryError('42501', isFrom
      ? 'must be superuser or have privileges of the pg_read_server_files role to COPY from a file'
      : 'must be superuser or have privileges of the pg_write_server_files role to COPY to a file', {
      hint: "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.",
    });
  }
  if (stmt.whereClause !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY FROM ... WHERE is not supported');
  const options = parseCopyOptions((stmt.options ?? []) as PgNode[], isFrom, env.sql);
  const names = columnNames(stmt);

  let table = null;
  let targets: number[] = [];
  let relName = '';
  let fieldsOfTable = null;
  let readVersion = -1;
  if (stmt.relation !== undefined) {
    const n = rangeVarName(stmt.relation, env.sql);
    try {
      table = await requireTable(env.catalog, env.searchPath, n);
    } catch (e) {
      if (e instanceof QueryError && e.sqlstate === SQLSTATE.undefined_table && (await findView(stmt.relation, planContextOf(env))) !== null) {
        throw new QueryError('42809', isFrom ? `cannot copy to view "${n.name}"` : `cannot copy from view "${n.name}"`, {
          hint: isFrom ? 'To enable copying to a view, provide an INSTEAD OF INSERT trigger.' : 'Try the COPY (SELECT ...) TO variant.',
        });
      }
      throw e;
    }
    const snap = await table.snapshot();
    fieldsOfTable = snap.fields;
    readVersion = snap.version;
    relName = n.name;
    const fields = snap.fields;
    if (names === null) {
      targets = fields.map((_, i) => i);
    } else {
      for (const name of names) {
        const i = fields.findIndex((f) => f.name === name);
        if (i < 0) throw new QueryError(SQLSTATE.undefined_column, `column "${name}" of relation "${n.name}" does not exist`);
        if (targets.includes(i)) throw new QueryError('42701', `column "${name}" specified more than once`);
        targets.push(i);
      }
    }
    const listed = new Set(targets.map((i) => fields[i]!.name));
    const check = (what: string, cols: readonly string[] | true): void => {
      if (cols === true) return;
      for (const c of cols) if (!listed.has(c)) throw new QueryError('42P10', `${what} column "${c}" not referenced by COPY`);
    };
    check('FORCE_NOT_NULL', options.forceNotNull);
    check('FORCE_NULL', options.forceNull);
    check('FORCE_QUOTE', options.forceQuote);
  } else if (isFrom) {
    throw new QueryError(SQLSTATE.syntax_error, 'COPY FROM requires a table');
  }

  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    done();
  };
  const base = { fields: null, next: async () => null, close: async () => finish() };

  if (isFrom) {
    const target = { table: table!, relName, fields: fieldsOfTable!, targets, readVersion };
    let tag = '';
    return {
      ...base,
      commandTag: () => tag,
      copy: {
        direction: 'in',
        binary: options.format === 'binary',
        columns: targets.length,
        run: async (data) => {
          tag = await copyFrom(target, options, data, env);
          return tag;
        },
      },
    };
  }

  let query: PgNode;
  if (stmt.query !== undefined) {
    query = stmt.query as PgNode;
    if (query.SelectStmt === undefined) {
      throw new QueryError(SQLSTATE.feature_not_supported, 'COPY (query) TO supports only SELECT queries', { position: positionOf(Object.values(query)[0] as PgNode, env.sql) });
    }
  } else {
    const rv = stmt.relation as PgNode;
    query = {
      SelectStmt: {
        targetList: targets.map((i) => ({ ResTarget: { val: { ColumnRef: { fields: [{ String: { sval: fieldsOfTable![i]!.name } }] } } } })),
        fromClause: [{ RangeVar: { ...rv, location: -1 } }],
        limitOption: 'LIMIT_OPTION_DEFAULT',
        op: 'SETOP_NONE',
      },
    };
  }
  const planned = await planQuery(query, planContextOf(env));
  const counter = { rows: 0 };
  return {
    ...base,
    commandTag: () => `COPY ${counter.rows}`,
    copy: {
      direction: 'out',
      binary: options.format === 'binary',
      columns: planned.fields.length,
      data: () => copyToPayloads({ fields: planned.fields, batches: executePlan(planned.plan, execContextOf(env)) }, options, env.values, counter),
      tag: () => `COPY ${counter.rows}`,
    },
  };
}
