/**
 * Binary, array, struct and map columns between Pier and delta-rs (`deltalake`): delta-rs reads what Pier
 * writes (bytea → binary, T[] → array<T>, json(b) → string), and Pier reads what delta-rs writes (struct and
 * map columns as jsonb, list<struct> as jsonb[]), each as the other engine sees it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';
import { HAVE_TEST_PYTHON, pythonHasModule, runPython } from '../support/python.js';

const READ = `
import json, sys, deltalake
t = deltalake.DeltaTable(sys.argv[1])
rows = sorted(t.to_pyarrow_table().to_pylist(), key=lambda r: r["id"])
def enc(v):
    if isinstance(v, bytes): return "hex:" + v.hex()
    if isinstance(v, list): return [enc(x) for x in v]
    if type(v).__name__ == "Decimal": return str(v)
    return v
print(json.dumps({"schema": {f.name: str(f.type) for f in t.schema().fields}, "rows": [{k: enc(v) for k, v in r.items()} for r in rows]}))
`;

const WRITE = `
import sys, pyarrow as pa, deltalake
schema = pa.schema([
    ("id", pa.int32()),
    ("s", pa.struct([("name", pa.string()), ("n", pa.int64()), ("inner", pa.struct([("ok", pa.bool_())]))])),
    ("m", pa.map_(pa.string(), pa.int32())),
    ("mi", pa.map_(pa.int32(), pa.string())),
    ("ls", pa.list_(pa.struct([("v", pa.int32())]))),
    ("xs", pa.list_(pa.int64())),
    ("b", pa.binary()),
])
data = pa.Table.from_pylist([
    {"id": 1, "s": {"name": "a", "n": 9007199254740993, "inner": {"ok": True}}, "m": [("z", 1), ("a", 2)], "mi": [(2, "x")],
     "ls": [{"v": 1}, None], "xs": [1, None, 3], "b": b"\\x00\\x01"},
    {"id": 2, "s": None, "m": None, "mi": [], "ls": None, "xs": [], "b": None},
], schema=schema)
deltalake.write_deltalake(sys.argv[1], data)
`;

describe.skipIf(!HAVE_TEST_PYTHON)('nested and binary columns with delta-rs', () => {
  let pier: PierProcess;
  let client: pg.Client;
  let dir: string;
  let have = false;
  beforeAll(async () => {
    have = await pythonHasModule('deltalake');
    pier = await startPier();
    client = await pier.client();
    dir = await mkdtemp(join(tmpdir(), 'pier-nested-interop-'));
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await pier?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('delta-rs reads bytea, arrays and json(b) that Pier wrote', async (t) => {
    if (!have) t.skip();
    await client.query(`CREATE TABLE nested_out (id int, b bytea, xs int[], tags text[], ns numeric(5,2)[], j jsonb)`);
    await client.query(`INSERT INTO nested_out VALUES (1, '\\x00ff', ARRAY[1,NULL,3], '{a,"b c",NULL}', '{1.5}', '{"b":1,"a":[true]}'), (2, NULL, '{}', NULL, NULL, NULL)`);
    const { stdout } = await runPython(READ, [join(pier.warehouse, 'public', 'nested_out')]);
    const out = JSON.parse(stdout.trim()) as { schema: Record<string, string>; rows: Record<string, unknown>[] };
    expect(out.schema).toMatchObject({ b: expect.stringMatching(/binary/), xs: expect.stringMatching(/integer/), tags: expect.stringMatching(/string/), j: expect.stringMatching(/string/) });
    expect(out.rows).toEqual([
      { id: 1, b: 'hex:00ff', xs: [1, null, 3], tags: ['a', 'b c', null], ns: ['1.50'], j: '{"a": [true], "b": 1}' },
      { id: 2, b: null, xs: [], tags: null, ns: null, j: null },
    ]);
  }, 60_000);

  it('Pier reads struct, map, list<struct>, arrays and binary that delta-rs wrote', async (t) => {
    if (!have) t.skip();
    const path = join(dir, 'from_delta_rs');
    await runPython(WRITE, [path]);
    await client.query(`CREATE TABLE nested_in LOCATION '${path}'`);
    const res = await client.query({ text: 'SELECT id, s, m, mi, ls, xs, b, s ->> \'name\', s #>> \'{inner,ok}\' FROM nested_in ORDER BY id', rowMode: 'array', types: { getTypeParser: () => (v: string) => v } as never });
    expect(res.rows).toEqual([
      ['1', '{"n": 9007199254740993, "name": "a", "inner": {"ok": true}}', '{"a": 2, "z": 1}', '[{"key": 2, "value": "x"}]', '{"{\\"v\\": 1}",NULL}', '{1,NULL,3}', '\\x0001', 'a', 'true'],
      ['2', null, null, '[]', null, '{}', null, null, null],
    ]);
    expect(res.fields.map((f) => f.dataTypeID)).toEqual([23, 3802, 3802, 3802, 3807, 1016, 17, 25, 25]);
    // struct / map columns are read only: a write that would store them is refused, the table unchanged
    const err = await client.query(`INSERT INTO nested_in (id) VALUES (3)`).then(() => null, (e: { code?: string; message: string }) => e);
    expect(err?.code).toBe('0A000');
    expect(err?.message).toMatch(/column "s" has Delta type struct/);
    expect(Number((await client.query('SELECT count(*) AS n FROM nested_in')).rows[0].n)).toBe(2);
  }, 60_000);
});
