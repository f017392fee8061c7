/**
 * CREATE [OR REPLACE] VIEW name [(columns)] AS SELECT ...: the query is bound now (errors surface at creation,
 * its columns are recorded), and stored as written (catalog/views.ts); SELECTs expand it as a derived table.
 */
import { scanSync } from 'libpg-query';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { bindQuery } from '../../plan_query.js';
import type { PgNode } from '../expr/scope.js';
import { planContextOf, type StatementEnv } from './context.js';
import { creationRef, lookupTable, rangeVarName } from './names.js';

/** The text of the view's query: everything after the AS that follows the view name and column list. */
export function viewQueryText(sql: string, viewLocation: number): string {
  const bytes = Buffer.from(sql, 'utf8');
  let depth = 0;
  for (const t of scanSync(sql).tokens) {
    if (t.start <= viewLocation) continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.text.toUpperCase() === 'AS') return bytes.subarray(t.end).toString('utf8').trim().replace(/;\s*$/, '');
  }
  throw new QueryError(SQLSTATE.syntax_error, 'syntax error in CREATE VIEW');
}

export async function executeCreateView(stmt: PgNode, env: StatementEnv): Promise<string> {
  const view = stmt.view as PgNode;
  if (view.relpersistence === 't') throw new QueryError(SQLSTATE.feature_not_supported, 'CREATE TEMPORARY VIEW is not supported');
  if (env.catalog.createView === undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'CREATE VIEW is not supported by this catalog');
  const ref = await creationRef(env.catalog, env.searchPath, rangeVarName(view, env.sql));
  const plan = await bindQuery(stmt.query as PgNode, planContextOf(env));
  const aliases: string[] = ((stmt.aliases ?? []) as PgNode[]).map((n) => String(n.String?.sval ?? ''));
  if (aliases.length > plan.schema.length) throw new QueryError(SQLSTATE.syntax_error, 'CREATE VIEW specifies more column names than columns');
  const fields: Field[] = plan.schema.map((f, i) => ({ name: aliases[i] ?? f.name, type: f.type.kind === 'unknown' ? T.text : f.type, nullable: true }));
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) throw new QueryError(SQLSTATE.duplicate_column, `column "${f.name}" specified more than once`);
    seen.add(f.name);
  }
  const definition = viewQueryText(env.sql, Number(view.location ?? 0));
  await env.catalog.createView(ref, { name: ref.name, fields, definition }, stmt.replace === true);
  return 'CREATE VIEW';
}

/** DROP VIEW [IF EXISTS] name [, ...] */
export async function executeDropView(stmt: PgNode, env: StatementEnv): Promise<string> {
  const ifExists = stmt.missing_ok === true;
  const targets: { schema: string; name: string }[] = [];
  for (const obj of stmt.objects as PgNode[]) {
    const parts = ((obj.List?.items ?? []) as PgNode[]).map((n) => String(n.String?.sval ?? ''));
    const name = parts[parts.length - 1]!;
    const schemas = parts.length >= 2 ? [parts[parts.length - 2]!] : env.searchPath;
    let found: { schema: string; name: string } | null = null;
    for (const schema of schemas) {
      if ((await env.catalog.getView?.({ schema, name })) != null) { found = { schema, name }; break; }
    }
    if (found === null && (await lookupTable(env.catalog, env.searchPath, { schema: parts.length >= 2 ? parts[parts.length - 2]! : null, name, position: undefined })) !== null) {
      throw new QueryError(SQLSTATE.wrong_object_type, `"${name}" is not a view`, { hint: 'Use DROP TABLE to remove a table.' });
    }
    if (found === null) {
      if (ifExists) {
        env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.successful_completion, message: `view "${name}" does not exist, skipping` });
        continue;
      }
      throw new QueryError(SQLSTATE.undefined_table, `view "${name}" does not exist`);
    }
    targets.push(found);
  }
  for (const t of targets) await env.catalog.dropView?.(t);
  return 'DROP VIEW';
}
