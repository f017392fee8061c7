/** The element-wise comparison loop shared by the compare kernels: out[i] = a[i] op b[i] (1 or 0). */
export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export function compareInto(op: CompareOp, a: ArrayLike<number | bigint | string>, b: ArrayLike<number | bigint | string>, n: number, out: Uint8Array): void {
  switch (op) {
    case '=': for (let i = 0; i < n; i++) out[i] = a[i] === b[i] ? 1 : 0; break;
    case '<>': for (let i = 0; i < n; i++) out[i] = a[i] !== b[i] ? 1 : 0; break;
    case '<': for (let i = 0; i < n; i++) out[i] = a[i]! < b[i]! ? 1 : 0; break;
    case '<=': for (let i = 0; i < n; i++) out[i] = a[i]! <= b[i]! ? 1 : 0; break;
    case '>': for (let i = 0; i < n; i++) out[i] = a[i]! > b[i]! ? 1 : 0; break;
    case '>=': for (let i = 0; i < n; i++) out[i] = a[i]! >= b[i]! ? 1 : 0; break;
  }
}
