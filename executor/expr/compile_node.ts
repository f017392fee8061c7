/** BoundExpr → closure over whole vectors. One case per node kind; kernels live beside. */
import type { Datum } from '../../common/datum.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { SqlType } from '../../common/types.js';
import { T, assertNever } from '../../common/types.js';
import type { Batch, Vector } from '../../common/vector.js';
import { constantVector, getDatum } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import { castVector } from './cast_vector.js';
import { castDatum } from '../../common/values/cast.js';
import type { EvalContext } from './compile.js';
import { compareKernel } from './compare_kernel.js';
import { numericConstCompare } from './numeric_const_compare.js';
import { comparatorFor, datumKey } from './datum_compare.js';
import { arithVectorKernel } from './functions/arith.js';
import { dateExtractKernel } from './functions/date_extract_vector.js';
import { substrKernel } from './functions/substr_vector.js';
import { lookupScalar } from './functions/registry.js';
import { likeToRegExp } from './functions/string.js';
import { VectorBuilder } from './vector_out.js';

export type Eval = (b: Batch) => Vector;

function constEval(type: SqlType, value: Datum): Eval {
  let cached: Vector | null = null;
  return (b) => {
    if (cached === null || cached.length !== b.length) cached = constantVector(type, value, b.length);
    return cached;
  };
}

/** Per-row evaluation helper: row i datum of a vector. */
const at = getDatum;

function boolVec(n: number, f: (i: number) => boolean | null): Vector {
  const out = new VectorBuilder(T.bool, n);
  for (let i = 0; i < n; i++) out.set(i, f(i));
  return out.finish();
}

export function compileNode(e: BoundExpr, input: readonly SqlType[], ctx: EvalContext): Eval {
  const sub = (x: BoundExpr) => compileNode(x, input, ctx);
  switch (e.kind) {
    case 'column': {
      const idx = e.index;
      return (b) => b.columns[idx]!;
    }
    case 'const': return constEval(e.type, e.value);
    case 'param': {
      const v = ctx.params[e.index];
      if (v === undefined) throw new QueryError(SQLSTATE.undefined_parameter, `there is no parameter $${e.index + 1}`);
      return constEval(e.type, v);
    }
    case 'call': {
      const args = e.args.map(sub);
      const argTypes = e.args.map((a) => a.type);
      if (args.length === 2) {
        const k = arithVectorKernel(e.fn, e.type);
        if (k !== null) return (b) => k(args[0]!(b), args[1]!(b));
      }
      const impl = lookupScalar(e.fn, argTypes, ctx);
      if (impl === null) throw new QueryError(SQLSTATE.undefined_function, `function ${e.fn} is not implemented`);
      const type = e.type;
      const dates = dateExtractKernel(e);
      const substr = substrKernel(e);
      if (substr !== null) return (b) => substr(args[0]!(b));
      return (b) => {
        if (dates !== null) { const v = dates(args[1]!(b)); if (v !== null) return v; }
        const vs = args.map((a) => a(b));
        const out = new VectorBuilder(type, b.length);
        const row: Datum[] = new Array<Datum>(vs.length);
        for (let i = 0; i < b.length; i++) {
          let hasNull = false;
          for (let k = 0; k < vs.length; k++) {
            const d = at(vs[k]!, i);
            if (d === null) hasNull = true;
            row[k] = d;
          }
          if (hasNull && impl.strict) out.setNull(i);
          else out.set(i, impl.fn(row));
        }
        return out.finish();
      };
    }
    case 'cast': {
      const a = sub(e.arg);
      const from = e.arg.type, to = e.type, mode = e.mode;
      // a cast of a constant: cast once (a cast error is still raised when the expression is evaluated)
      if (e.arg.kind === 'const' && e.arg.value !== null) {
        const arg = e.arg.value;
        let folded: Eval | null = null;
        return (b) => (folded ??= constEval(to, castDatum(arg, from, to, mode, ctx.values)))(b);
      }
      return (b) => castVector(a(b), from, to, mode, ctx.values);
    }
    case 'and': case 'or': {
      const args = e.args.map(sub);
      const isAnd = e.kind === 'and';
      return (b) => {
        const vs = args.map((a) => a(b));
        return boolVec(b.length, (i) => {
          let sawNull = false;
          for (const v of vs) {
            if (v.nulls !== null && v.nulls[i] === 1) { sawNull = true; continue; }
            const x = (v.data as Uint8Array)[i] === 1;
            if (isAnd && !x) return false;
            if (!isAnd && x) return true;
          }
          return sawNull ? null : isAnd;
        });
      };
    }
    case 'not': {
      const a = sub(e.arg);
      return (b) => {
        const v = a(b);
        const d = v.data as Uint8Array;
        const out = new Uint8Array(v.length);
        for (let i = 0; i < v.length; i++) out[i] = d[i] === 1 ? 0 : 1;
        return { type: T.bool, length: v.length, data: out, nulls: v.nulls };
      };
    }
    case 'is_null': {
      const a = sub(e.arg);
      const neg = e.negated;
      return (b) => {
        const v = a(b);
        return boolVec(b.length, (i) => (v.nulls !== null && v.nulls[i] === 1) !== neg);
      };
    }
    case 'is_bool': {
      const a = sub(e.arg);
      const { test, negated } = e;
      return (b) => {
        const v = a(b);
        return boolVec(b.length, (i) => {
          const d = at(v, i);
          const r = test === 'unknown' ? d === null : d === (test === 'true');
          return r !== negated;
        });
      };
    }
    case 'compare': return numericConstCompare(e, sub) ?? compareKernel(e.op, sub(e.left), sub(e.right), e.left.type);
    case 'is_distinct': {
      const l = sub(e.left), r = sub(e.right);
      const cmp = comparatorFor(e.left.type);
      const neg = e.negated;
      return (b) => {
        const x = l(b), y = r(b);
        return boolVec(b.length, (i) => {
          const p = at(x, i), q = at(y, i);
          const distinct = p === null || q === null ? p !== q : cmp(p, q) !== 0;
          return distinct !== neg;
        });
      };
    }
    case 'in_list': {
      const a = sub(e.arg);
      const t = e.arg.type;
      const neg = e.negated;
      const allConst = e.list.every((x) => x.kind === 'const');
      if (allConst) {
        const vals = e.list.map((x) => (x as { value: Datum }).value);
        const hasNull = vals.some((v) => v === null);
        const keys = new Set(vals.filter((v): v is Exclude<Datum, null> => v !== null).map((v) => datumKey(t, v)));
        return (b) => {
          const v = a(b);
          return boolVec(b.length, (i) => {
            const d = at(v, i);
            if (d === null) return null;
            if (keys.has(datumKey(t, d))) return !neg;
            return hasNull ? null : neg;
          });
        };
      }
      const list = e.list.map(sub);
      const cmp = comparatorFor(t);
      return (b) => {
        const v = a(b);
        const ls = list.map((l) => l(b));
        return boolVec(b.length, (i) => {
          const d = at(v, i);
          if (d === null) return null;
          let sawNull = false;
          for (const l of ls) {
            const x = at(l, i);
            if (x === null) sawNull = true;
            else if (cmp(d, x) === 0) return !neg;
          }
          return sawNull ? null : neg;
        });
      };
    }
    case 'case': {
      const whens = e.whens.map((w) => ({ when: sub(w.when), then: sub(w.then) }));
      const els = e.else === null ? null : sub(e.else);
      const type = e.type;
      return (b) => {
        const out = new VectorBuilder(type, b.length);
        const ws = whens.map((w) => ({ when: w.when(b), then: w.then(b) }));
        const ev = els === null ? null : els(b);
        for (let i = 0; i < b.length; i++) {
          let done = false;
          for (const w of ws) {
            if (at(w.when, i) === true) { out.set(i, at(w.then, i)); done = true; break; }
          }
          if (!done) out.set(i, ev === null ? null : at(ev, i));
        }
        return out.finish();
      };
    }
    case 'coalesce': {
      const args = e.args.map(sub);
      const type = e.type;
      return (b) => {
        const vs = args.map((a) => a(b));
        const out = new VectorBuilder(type, b.length);
        for (let i = 0; i < b.length; i++) {
          let d: Datum = null;
          for (const v of vs) { d = at(v, i); if (d !== null) break; }
          out.set(i, d);
        }
        return out.finish();
      };
    }
    case 'nullif': {
      const l = sub(e.left), r = sub(e.right);
      const cmp = comparatorFor(e.left.type);
      const type = e.type;
      return (b) => {
        const x = l(b), y = r(b);
        const out = new VectorBuilder(type, b.length);
        for (let i = 0; i < b.length; i++) {
          const p = at(x, i), q = at(y, i);
          out.set(i, p !== null && q !== null && cmp(p, q) === 0 ? null : p);
        }
        return out.finish();
      };
    }
    case 'greatest': case 'least': {
      const args = e.args.map(sub);
      const cmp = comparatorFor(e.type);
      const sign = e.kind === 'greatest' ? 1 : -1;
      const type = e.type;
      return (b) => {
        const vs = args.map((a) => a(b));
        const out = new VectorBuilder(type, b.length);
        for (let i = 0; i < b.length; i++) {
          let best: Datum = null;
          for (const v of vs) {
            const d = at(v, i);
            if (d !== null && (best === null || cmp(d, best) * sign > 0)) best = d;
          }
          out.set(i, best);
        }
        return out.finish();
      };
    }
    case 'like': {
      const a = sub(e.arg), p = sub(e.pattern);
      const esc = e.escape === null ? null : sub(e.escape);
      const ci = e.caseInsensitive, neg = e.negated;
      const cache = new Map<string, RegExp>();
      return (b) => {
        const v = a(b), pv = p(b), ev = esc === null ? null : esc(b);
        return boolVec(b.length, (i) => {
          const s = at(v, i), pat = at(pv, i);
          const escape = ev === null ? null : at(ev, i);
          if (s === null || pat === null || (ev !== null && escape === null)) return null;
          const key = `${pat as string}\u0000${escape ?? ''}`;
          let re = cache.get(key);
          if (re === undefined) { re = likeToRegExp(pat as string, ci, escape as string | null); cache.set(key, re); }
          return re.test(s as string) !== neg;
        });
      };
    }
    case 'subquery': case 'outer_ref': throw new QueryError(SQLSTATE.internal_error, `${e.kind} must be planned by subquery_apply`);
    default: return assertNever(e);
  }
}
