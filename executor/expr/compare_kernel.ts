/** Comparison kernels: typed-array loops for number/bigint types, comparator loop otherwise. */
import type { SqlType } from '../../common/types.js';
import { T } from '../../common/types.js';
import type { Batch, Vector } from '../../common/vector.js';
import { getDatum } from '../../common/vector.js';
import { comparatorFor } from './datum_compare.js';
import { orNulls } from './vector_out.js';
import { compareInto } from './compare_loop.js';
import { scaledCompare } from './numeric_vector.js';

type Op = '=' | '<>' | '<' | '<=' | '>' | '>=';

function testOf(op: Op): (c: number) => boolean {
  switch (op) {
    case '=': return (c) => c === 0;
    case '<>': return (c) => c !== 0;
    case '<': return (c) => c < 0;
    case '<=': return (c) => c <= 0;
    case '>': return (c) => c > 0;
    case '>=': return (c) => c >= 0;
  }
}

export function compareKernel(op: Op, l: (b: Batch) => Vector, r: (b: Batch) => Vector, type: SqlType): (b: Batch) => Vector {
  const k = type.kind;
  const direct = k === 'int2' || k === 'int4' || k === 'date' || k === 'int8' || k === 'timestamp' || k === 'timestamptz' || k === 'text' || k === 'varchar';
  const test = testOf(op);
  const cmp = comparatorFor(type);
  return (b) => {
    const x = l(b), y = r(b);
    const n = b.length;
    const nulls = orNulls(n, [x.nulls, y.nulls]);
    const out = new Uint8Array(n);
    if (k === 'numeric' && scaledCompare(op, x, y, n, out)) {
      // compact numeric form
    } else if (direct) {
      compareInto(op, x.data as unknown as ArrayLike<number | bigint | string>, y.data as unknown as ArrayLike<number | bigint | string>, n, out);
    } else {
      for (let i = 0; i < n; i++) {
        if (nulls !== null && nulls[i] === 1) continue;
        out[i] = test(cmp(getDatum(x, i)!, getDatum(y, i)!)) ? 1 : 0;
      }
    }
    return { type: T.bool, length: n, data: out, nulls };
  };
}
