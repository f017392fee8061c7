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
      // a name that only comes from an inner cast or CASE is weaker than this cast's type (PostgreSQL's FigureColname)
      if (inner !== '?column?' && b!.arg.TypeCast === undefined && b!.arg.CaseExpr === undefined) return inner;
      const names = b!.typeName.names as PgNode[];
      return names[names.length - 1]!.String.sval as string;
    }
    case 'A_Indirection': {
      // `(row).field` is named by the field, `arr[i]` by the array expression
      const last = (b!.indirection as PgNode[]).at(-1);
      return last?.String ? (last.String.sval as string) : outputName(b!.arg);
    }
    case 'CaseExpr': return 'case';
    case 'A_ArrayExpr': return 'array';
    case 'SubLink': return subLinkName(b!);
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

/** EXISTS → exists; (SELECT x ...) → the name of the subquery's first column; ANY/ALL → ?column?. */
function subLinkName(b: PgNode): string {
  if (b.subLinkType === 'EXISTS_SUBLINK') return 'exists';
  if (b.subLinkType !== 'EXPR_SUBLINK') return '?column?';
  let q = b.subselect?.SelectStmt as PgNode | undefined;
  while (q && q.op && q.op !== 'SETOP_NONE') q = q.larg;
  const t = q?.targetList?.[0]?.ResTarget as PgNode | undefined;
  if (!t) return '?column?';
  return (t.name as string | undefined) ?? outputName(t.val);
}
