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
    # asyncpg decodes text[] natively; other array types need its pg_type introspection query, whose oid[]
    # parameter Pier reports as bigint[] until it has the oid type: arrays of ints go through psycopg below
    await conn.execute("CREATE TABLE ltypes (id int, b bytea, xs int[], tags text[], j jsonb, js json)")
    await conn.execute(
        "INSERT INTO ltypes (id, b, tags, j, js) VALUES ($1, $2, $3, $4, $5)",
        1, b"\x00\xffA", ["a", "b c", None, ""], '{"b": [1, 2], "a": null}', '{"k" :  1}')
    await conn.execute("UPDATE ltypes SET xs = '{1,NULL,3}' WHERE id = 1")
    await conn.execute("INSERT INTO ltypes VALUES (2, NULL, '{}', NULL, NULL, NULL)")
    rows = await conn.fetch("SELECT id, b, tags, j, js FROM ltypes ORDER BY id")
    out["asyncpg_rows"] = [[r["id"], None if r["b"] is None else r["b"].hex(), r["tags"], r["j"], r["js"]] for r in rows]
    out["asyncpg_param_any"] = await conn.fetchval("SELECT count(*) FROM ltypes WHERE $1 = ANY(tags)", "b c")
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
