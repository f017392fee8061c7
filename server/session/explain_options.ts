/** EXPLAIN options as PostgreSQL 15 parses them: booleans, FORMAT, and the checks between them. */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';

export interface ExplainOptions {
  readonly analyze: boolean;
  readonly timing: boolean;
  readonly summary: boolean;
  readonly format: 'text' | 'json';
}

const BOOLEAN_OPTIONS = ['analyze', 'verbose', 'costs', 'settings', 'buffers', 'wal', 'timing', 'summary'];

function boolArg(name: string, arg: PgNode | undefined): boolean {
  if (arg === undefined) return true;
  if (arg.Integer !== undefined) {
    const n = Number((arg.Integer as PgNode).ival ?? 0);
    if (n === 0 || n === 1) return n === 1;
    throw new QueryError(SQLSTATE.syntax_error, `${name} requires a Boolean value`);
  }
  const s = String((arg.String as PgNode | undefined)?.sval ?? (arg.Boolean as PgNode | undefined)?.boolval ?? '').toLowerCase();
  if (['true', 'on', 'yes', '1', 't', 'y'].includes(s)) return true;
  if (['false', 'off', 'no', '0', 'f', 'n'].includes(s)) return false;
  throw new QueryError(SQLSTATE.syntax_error, `${name} requires a Boolean value`);
}

export function parseExplainOptions(explain: PgNode): ExplainOptions {
  const flags = new Map<string, boolean>();
  let format: 'text' | 'json' = 'text';
  for (const o of (explain.options ?? []) as PgNode[]) {
    const d = (o.DefElem ?? {}) as PgNode;
    const name = String(d.defname ?? '');
    const arg = d.arg as PgNode | undefined;
    const position = typeof d.location === 'number' && d.location >= 0 ? d.location + 1 : undefined;
    if (BOOLEAN_OPTIONS.includes(name)) {
      flags.set(name, boolArg(name, arg));
    } else if (name === 'format') {
      const v = String((arg?.String as PgNode | undefined)?.sval ?? '').toLowerCase();
      if (v === 'text' || v === 'json') format = v;
      else if (v === 'xml' || v === 'yaml') throw new QueryError(SQLSTATE.feature_not_supported, `EXPLAIN format "${v}" is not supported`);
      else throw new QueryError(SQLSTATE.invalid_parameter_value, `unrecognized value for EXPLAIN option "format": "${v}"`, { position });
    } else {
      throw new QueryError(SQLSTATE.syntax_error, `unrecognized EXPLAIN option "${name}"`, { position });
    }
  }
  const analyze = flags.get('analyze') ?? false;
  if (flags.get('timing') === true && !analyze) {
    throw new QueryError(SQLSTATE.invalid_parameter_value, 'EXPLAIN option TIMING requires ANALYZE');
  }
  return { analyze, timing: flags.get('timing') ?? analyze, summary: flags.get('summary') ?? analyze, format };
}
