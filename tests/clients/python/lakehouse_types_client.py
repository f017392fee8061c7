"""bytea, arrays, json and jsonb through asyncpg (binary format both ways) and psycopg 3 (text and binary).
Prints what it observed as one JSON line; run against Pier and PostgreSQL 15, the outputs must be equal."""
import asyncio
import json
import sys

import asyncpg
import psycopg

dsn = sys.argv[1]
out = {}


async def with_asyncpg():
    conn = await asyncpg.connect(dsn)
    await conn.execute("CREATE TABLE ltypes (id int, b bytea, xs int[], tags text[], bs bytea[], j jsonb, js json)")
    await conn.execute(
        "INSERT INTO ltypes VALUES ($1, $2, $3, $4, $5, $6, $7)",
        1, b"\x00\xffA", [1, None, 3], ["a", "b c", None, ""], [b"\x01", None], '{"b": [1, 2], "a": null}', '{"k" :  1}')
    await conn.execute("INSERT INTO ltypes VALUES (2, NULL, '{}', NULL, NULL, NULL, NULL)")
    rows = await conn.fetch("SELECT id, b, xs, tags, bs, j, js FROM ltypes ORDER BY id")
    out["asyncpg_rows"] = [[r["id"], None if r["b"] is None else r["b"].hex(), r["xs"], r["tags"],
                            None if r["bs"] is None else [None if x is None else x.hex() for x in r["bs"]], r["j"], r["js"]] for r in rows]
    out["asyncpg_param_any"] = await conn.fetchval("SELECT count(*) FROM ltypes WHERE $1 = ANY(xs)", 3)
    out["asyncpg_json_param"] = await conn.fetchval("SELECT $1::jsonb -> 'x'", '{"x": [true]}')
    await conn.close()


def with_psycopg():
    with psycopg.connect(dsn, autocommit=True) as conn:
        for binary in (False, True):
            cur = conn.cursor(binary=binary)
            cur.execute("SELECT b, xs, tags, j, js FROM ltypes WHERE id = 1")
            b, xs, tags, j, js = cur.fetchone()
            cur.execute("SELECT count(*) FROM ltypes WHERE xs = %s::int[] AND b = %s", ([1, None, 3], b"\x00\xffA"))
            out["psycopg_binary" if binary else "psycopg_text"] = [bytes(b).hex(), xs, tags, j, js, cur.fetchone()[0]]


asyncio.run(with_asyncpg())
with_psycopg()
print(json.dumps(out))
