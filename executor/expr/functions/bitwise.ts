/** Bitwise operators on int2/int4/int8 (planner/bind/expr/bind_bitwise.ts): `int4_bitand`, `int8_shl`, … */
import type { Datum } from '../../../common/datum.js';
import type { ScalarFn } from './registry.js';

const WIDTH = { int2: 16, int4: 32 } as const;

function small(kind: 'int2' | 'int4', op: string): ScalarFn | null {
  const w = WIDTH[kind];
  // wrap to the type's width like C integer arithmetic on int16/int32
  const wrap = (x: number) => (w === 32 ? x | 0 : (x << 16) >> 16);
  switch (op) {
    case 'bitand': return (a: readonly Datum[]) => wrap((a[0] as number) & (a[1] as number));
    case 'bitor': return (a: readonly Datum[]) => wrap((a[0] as number) | (a[1] as number));
    case 'bitxor': return (a: readonly Datum[]) => wrap((a[0] as number) ^ (a[1] as number));
    case 'shl': return (a: readonly Datum[]) => wrap(Number(BigInt.asIntN(w, BigInt(a[0] as number) << BigInt((a[1] as number) & (w - 1)))));
    case 'shr': return (a: readonly Datum[]) => wrap((a[0] as number) >> ((a[1] as number) & 31));
    default: return null;
  }
}

function big(op: string): ScalarFn | null {
  switch (op) {
    case 'bitand': return (a: readonly Datum[]) => (a[0] as bigint) & (a[1] as bigint);
    case 'bitor': return (a: readonly Datum[]) => (a[0] as bigint) | (a[1] as bigint);
    case 'bitxor': return (a: readonly Datum[]) => (a[0] as bigint) ^ (a[1] as bigint);
    case 'shl': return (a: readonly Datum[]) => BigInt.asIntN(64, (a[0] as bigint) << BigInt((a[1] as number) & 63));
    case 'shr': return (a: readonly Datum[]) => (a[0] as bigint) >> BigInt((a[1] as number) & 63);
    default: return null;
  }
}

export function bitwiseFunction(name: string): ScalarFn | null {
  const m = /^(int2|int4|int8)_(bitand|bitor|bitxor|shl|shr)$/.exec(name);
  if (m === null) return null;
  return m[1] === 'int8' ? big(m[2]!) : small(m[1] as 'int2' | 'int4', m[2]!);
}
