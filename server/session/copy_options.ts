/**
 * COPY options (`WITH (FORMAT csv, HEADER, DELIMITER ';', NULL '', QUOTE '"', ESCAPE '\', FORCE_NOT_NULL (a), …)`
 * and the old `CSV HEADER` spelling) checked with PostgreSQL 15's rules and messages.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';
import { locationToPosition } from '../../planner/sql/positions.js';

export type CopyFormat = 'text' | 'csv' | 'binary';

export interface CopyOptions {
  readonly format: CopyFormat;
  readonly header: boolean;
  readonly delimiter: string;
  readonly null: string;
  readonly quote: string;
  readonly escape: string;
  /** column names, or true for `FORCE_QUOTE *` */
  readonly forceQuote: readonly string[] | true;
  readonly forceNotNull: readonly string[];
  readonly forceNull: readonly string[];
}

function argText(arg: PgNode | undefined): string | null {
  if (arg === undefined) return null;
  if (arg.String !== undefined) return String(arg.String.sval ?? '');
  if (arg.Integer !== undefined) return String(arg.Integer.ival ?? 0);
  if (arg.Boolean !== undefined) return arg.Boolean.boolval === true ? 'true' : 'false';
  if (arg.Float !== undefined) return String(arg.Float.fval);
  return null;
}

function boolOption(name: string, arg: PgNode | undefined): boolean {
  const t = argText(arg);
  if (t === null) return true;
  const v = t.toLowerCase();
  if (['true', 'on', '1', 'yes'].includes(v)) return true;
  if (['false', 'off', '0', 'no'].includes(v)) return false;
  if (name === 'header' && v === 'match') return true;
  throw new QueryError(SQLSTATE.syntax_error, `${name} requires a Boolean value`);
}

function columnList(name: string, arg: PgNode | undefined): string[] | true {
  if (arg?.A_Star !== undefined) return true;
  const items = (arg?.List?.items ?? []) as PgNode[];
  if (arg === undefined || arg.List === undefined) throw new QueryError(SQLSTATE.syntax_error, `argument to option "${name}" must be a list of column names`);
  return items.map((i) => String(i.String?.sval ?? ''));
}

export function parseCopyOptions(options: readonly PgNode[], isFrom: boolean, sql: string): CopyOptions {
  const seen = new Set<string>();
  let format: CopyFormat = 'text';
  let header = false;
  let delimiter: string | null = null;
  let nullStr: string | null = null;
  let quote: string | null = null;
  let escape: string | null = null;
  let forceQuote: string[] | true = [];
  let forceNotNull: string[] = [];
  let forceNull: string[] = [];
  for (const o of options) {
    const d = o.DefElem as PgNode;
    const name = String(d.defname);
    const position = typeof d.location === 'number' ? locationToPosition(sql, d.location) : undefined;
    if (seen.has(name)) throw new QueryError(SQLSTATE.syntax_error, 'conflicting or redundant options', { position });
    seen.add(name);
    const text = argText(d.arg);
    switch (name) {
      case 'format':
        if (text !== 'text' && text !== 'csv' && text !== 'binary') {
          throw new QueryError(SQLSTATE.invalid_parameter_value, `COPY format "${text ?? ''}" not recognized`, { position });
        }
        format = text;
        break;
      case 'header': header = boolOption(name, d.arg); break;
      case 'delimiter': delimiter = text ?? ''; break;
      case 'null': nullStr = text ?? ''; break;
      case 'quote': quote = text ?? ''; break;
      case 'escape': escape = text ?? ''; break;
      case 'force_quote': {
        const l = columnList(name, d.arg);
        forceQuote = l;
        break;
      }
      case 'force_not_null': forceNotNull = columnList(name, d.arg) as string[]; break;
      case 'force_null': forceNull = columnList(name, d.arg) as string[]; break;
      case 'encoding':
      case 'freeze':
        break;
      default:
        throw new QueryError(SQLSTATE.syntax_error, `option "${name}" not recognized`, { position });
    }
  }
  const csv = format === 'csv';
  const binary = format === 'binary';
  if (binary && delimiter !== null) throw new QueryError(SQLSTATE.syntax_error, 'cannot specify DELIMITER in BINARY mode');
  if (binary && nullStr !== null) throw new QueryError(SQLSTATE.syntax_error, 'cannot specify NULL in BINARY mode');
  if (binary && header) throw new QueryError(SQLSTATE.feature_not_supported, 'cannot specify HEADER in BINARY mode');
  const delim = delimiter ?? (csv ? ',' : '\t');
  if ([...delim].length !== 1 || new TextEncoder().encode(delim).length !== 1) {
    throw new QueryError(SQLSTATE.feature_not_supported, 'COPY delimiter must be a single one-byte character');
  }
  if (delim === '\r' || delim === '\n') throw new QueryError(SQLSTATE.invalid_parameter_value, 'COPY delimiter cannot be newline or carriage return');
  const nul = nullStr ?? (csv ? '' : '\\N');
  if (nul.includes('\r') || nul.includes('\n')) throw new QueryError(SQLSTATE.invalid_parameter_value, 'COPY null representation cannot use newline or carriage return');
  if (!csv && quote !== null) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY quote available only in CSV mode');
  if (!csv && escape !== null) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY escape available only in CSV mode');
  const q = quote ?? '"';
  const e = escape ?? q;
  if (csv && q.length !== 1) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY quote must be a single one-byte character');
  if (csv && e.length !== 1) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY escape must be a single one-byte character');
  if (csv && delim === q) throw new QueryError(SQLSTATE.invalid_parameter_value, 'COPY delimiter and quote must be different');
  if (!csv && (forceQuote === true || forceQuote.length > 0)) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY force quote available only in CSV mode');
  if (isFrom && (forceQuote === true || forceQuote.length > 0)) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY force quote only available using COPY TO');
  if (!csv && forceNotNull.length > 0) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY force not null available only in CSV mode');
  if (!isFrom && forceNotNull.length > 0) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY force not null only available using COPY FROM');
  if (!csv && forceNull.length > 0) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY force null available only in CSV mode');
  if (!isFrom && forceNull.length > 0) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY force null only available using COPY FROM');
  if (!binary && nul.includes(delim)) throw new QueryError(SQLSTATE.feature_not_supported, 'COPY delimiter must not appear in the NULL specification');
  return { format, header, delimiter: delim, null: nul, quote: q, escape: e, forceQuote, forceNotNull, forceNull };
}
