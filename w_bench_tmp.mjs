import { WindowOperator } from './dist/executor/operators/window.js';
const N = 600000;
const T = { int4: { kind: 'int4' }, int8: { kind: 'int8' } };
const a = new Int32Array(N), b = new Int32Array(N), v = new Int32Array(N);
for (let i = 0; i < N; i++) { a[i] = Math.floor(Math.random() * 150000); b[i] = i % 7; v[i] = i % 50; }
const schema = [{ name: 'a', type: T.int4, nullable: true }, { name: 'b', type: T.int4, nullable: true }, { name: 'v', type: T.int4, nullable: true }];
const input = { schema, children: () => [], async *execute() { yield { length: N, columns: [a, b, v].map((d) => ({ type: T.int4, length: N, data: d, nulls: null })) }; } };
const col = (i) => ({ kind: 'column', index: i, type: T.int4 });
const mode = process.argv[2] ?? 'running';
const frame = mode === 'sliding'
  ? { mode: 'rows', start: { kind: 'preceding', offset: { kind: 'const', value: 5n, type: T.int8 }, bound: null, key: null }, end: { kind: 'following', offset: { kind: 'const', value: 5n, type: T.int8 }, bound: null, key: null }, exclude: 'no_others' }
  : { mode: 'range', start: { kind: 'unbounded_preceding' }, end: { kind: 'current_row' }, exclude: 'no_others' };
const spec = mode === 'sliding' ? { partitionBy: [], orderBy: [{ expr: col(0), descending: false, nullsFirst: false }, { expr: col(1), descending: false, nullsFirst: false }], frame }
  : { partitionBy: [col(0)], orderBy: [{ expr: col(1), descending: false, nullsFirst: false }], frame };
const calls = [
  { fn: 'row_number', args: [], filter: null, spec, type: T.int8 },
  { fn: 'sum', args: [col(2)], filter: null, spec, type: T.int8 },
];
const op = new WindowOperator([...schema, { name: 'rn', type: T.int8 }, { name: 's', type: T.int8 }], input, calls);
const ctx = { eval: { values: {}, params: [], statementTime: 0n }, pool: null, signal: new AbortController().signal };
const t0 = performance.now();
let rows = 0;
for await (const bt of op.execute(ctx)) rows += bt.length;
console.log(mode, rows, Math.round(performance.now() - t0), 'ms');
