/**
 * Named-argument notation (`make_interval(days => 3)`) for the built-ins whose parameters have names and
 * defaults in pg_proc: rewritten to positional argument nodes before binding.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { pos } from './errors.js';
import type { PgNode } from './scope.js';

interface Signature { readonly names: readonly string[]; readonly defaults: readonly (number | string | null)[] }

const SIGNATURES: Record<string, Signature> = {
  make_interval: { names: ['years', 'months', 'weeks', 'days', 'hours', 'mins', 'secs'], defaults: [0, 0, 0, 0, 0, 0, 0] },
  make_timestamp: { names: ['year', 'month', 'mday', 'hour', 'min', 'sec'], defaults: [null, null, null, null, null, null] },
  make_timestamptz: { names: ['year', 'month', 'mday', 'hour', 'min', 'sec', 'timezone'], defaults: [null, null, null, null, null, null, null] },
  make_date: { names: ['year', 'month', 'day'], defaults: [null, null, null] },
};

function constNode(v: number | string): PgNode {
  return typeof v === 'number' ? { A_Const: { ival: { ival: v }, location: -1 } } : { A_Const: { sval: { sval: v }, location: -1 } };
}

export function positionalArgs(fn: string, args: readonly PgNode[]): readonly PgNode[] {
  if (!args.some((a) => a['NamedArgExpr'] !== undefined)) return args;
  const sig = SIGNATURES[fn];
  const first = args.find((a) => a['NamedArgExpr'] !== undefined)!['NamedArgExpr'] as PgNode;
  if (sig === undefined) throw new QueryError(SQLSTATE.undefined_function, `function ${fn} does not exist`, { position: pos(first['location']) });
  const out: (PgNode | null)[] = sig.names.map(() => null);
  let i = 0;
  for (const a of args) {
    const named = a['NamedArgExpr'] as PgNode | undefined;
    if (named === undefined) { out[i++] = a; continue; }
    const k = sig.names.indexOf(String(named['name']));
    if (k < 0) throw new QueryError(SQLSTATE.undefined_function, `function ${fn} does not exist`, { position: pos(named['location']) });
    out[k] = named['arg'] as PgNode;
  }
  let last = out.length;
  while (last > 0 && out[last - 1] === null && sig.defaults[last - 1] !== null) last--;
  return out.slice(0, last).map((n, k) => {
    if (n !== null) return n;
    const d = sig.defaults[k];
    if (d === null || d === undefined) throw new QueryError(SQLSTATE.undefined_function, `function ${fn} does not exist`);
    return constNode(d);
  });
}
