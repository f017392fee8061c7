/** The column name PostgreSQL gives a SELECT-list item without an alias (FigureColname). */
import type { PgNode } from '../../api.js';

export function outputName(node: PgNode): string {
  const [kind, body] = Object.entries(node)[0] ?? [];
  const b = body as PgNode | undefined;
  switch (kind) {
    case 'ColumnRef': {
      const last = b!.fields[b!.fields.length - 1] as PgNode;
      return last.String ? (last.String.sval as string) : '?column?';
    }
    case 'FuncCall': {
      const names = b!.funcname as PgNode[];
      return names[names.length - 1]!.String.sval as string;
    }
    case 'TypeCast': {
      const inner = outputName(b!.arg);
      if (inner !== '?column?') return inner;
      const names = b!.typeName.names as PgNode[];
      return names[names.length - 1]!.String.sval as string;
    }
    case 'CaseExpr': return 'case';
    case 'CoalesceExpr': return 'coalesce';
    case 'NullIfExpr': return 'nullif';
    case 'MinMaxExpr': return b!.op === 'IS_GREATEST' ? 'greatest' : 'least';
    case 'SQLValueFunction': {
      const op = String(b!.op ?? '').replace(/^SVFOP_/, '').toLowerCase();
      return op.replace(/_n$/, '');
    }
    case 'A_Expr':
      if (b!.kind === 'AEXPR_NULLIF') return 'nullif';
      return '?column?';
    default: return '?column?';
  }
}

/** A JSON key for an AST node that ignores source locations (GROUP BY matching). */
export function nodeKey(node: unknown): string {
  return JSON.stringify(node, (k, v) => (k === 'location' ? undefined : v));
}
