"""asyncpg against Pier: prepared statements, every supported type round-tripped in binary, copy_records_to_table,
copy_from_query, cursors in a transaction. Prints one JSON object; tests/clients/asyncpg.test.ts asserts on it."""
import asyncio
import datetime
import decimal
import io
import json
import sys

import asyncpg


async def main(dsn):
    out = {}
    conn = await asyncpg.connect(dsn)
    values = [
        ("bool", True),
        ("int2", -32768),
        ("int4", 2147483647),
        ("int8", -9223372036854775808),
        ("float4", 1.5),
        ("float8", -2.25e300),
        ("numeric", decimal.Decimal("-123456789.000123")),
        ("text", "héllo\tworld"),
        ("varchar", "v"),
        ("bpchar", "ab  "),
        ("date", datetime.date(2000, 1, 1)),
        ("timestamp", datetime.datetime(1969, 7, 20, 20, 17, 40, 5)),
        ("timestamptz", datetime.datetime(2038, 1, 19, 3, 14, 8, tzinfo=datetime.timezone.utc)),
        ("interval", datetime.timedelta(days=3, seconds=3661, microseconds=7)),
        # arrays: asyncpg introspects their element types first (a pg_type query with an oid[] parameter)
        ("int4[]", [1, None, -3]),
        ("int8[]", [2 ** 40, None]),
        ("float8[]", [1.5, -2.25e300]),
        ("numeric[]", [decimal.Decimal("1.25"), decimal.Decimal("-0.001")]),
        ("date[]", [datetime.date(2000, 1, 1), datetime.date(1999, 12, 31)]),
        ("timestamp[]", [datetime.datetime(2020, 1, 2, 3, 4, 5, 6)]),
    ]
    roundtrip = {}
    for typ, v in values:
        got = await conn.fetchval(f"SELECT $1::{typ}", v)
        roundtrip[typ] = [repr(got), got == v]
    out["roundtrip"] = roundtrip
    out["null_roundtrip"] = await conn.fetchval("SELECT $1::int8", None)

    await conn.execute("CREATE TABLE ap (id int8, name text, amount numeric(10,2), d date, ts timestamp, ok boolean)")
    stmt = await conn.prepare("INSERT INTO ap (id, name) VALUES ($1, $2)")
    for i in range(3):
        await stmt.fetch(i, f"p{i}")
    out["prepared_params"] = [str(t.name) for t in stmt.get_parameters()]
    res = await conn.copy_records_to_table(
        "ap",
        records=[(10, "c1", decimal.Decimal("1.25"), datetime.date(2020, 2, 2), datetime.datetime(2020, 2, 2, 2, 2, 2), True),
                 (11, None, None, None, None, None)],
    )
    out["copy_records"] = res
    res = await conn.copy_records_to_table("ap", records=[(12, "x")], columns=["id", "name"])
    out["copy_records_columns"] = res
    buf = io.BytesIO()
    res = await conn.copy_from_query("SELECT id, name FROM ap ORDER BY id", output=buf, format="csv")
    out["copy_from_query"] = [res, buf.getvalue().decode()]
    buf = io.BytesIO()
    res = await conn.copy_from_table("ap", columns=["id"], output=buf)
    out["copy_from_table_tag"] = res

    sel = await conn.prepare("SELECT id, name FROM ap WHERE id >= $1 ORDER BY id")
    out["prepared_fetch"] = [[r["id"], r["name"]] for r in await sel.fetch(10)]
    out["prepared_columns"] = [[a.name, a.type.name] for a in sel.get_attributes()]

    async with conn.transaction():
        cur = await conn.cursor("SELECT id FROM ap ORDER BY id")
        first = await cur.fetch(2)
        second = await cur.fetch(10)
        out["cursor"] = [[r[0] for r in first], [r[0] for r in second]]
        out["cursor_iter"] = [r[0] async for r in conn.cursor("SELECT id FROM ap WHERE id < $1 ORDER BY id", 3, prefetch=2)]
    try:
        async with conn.transaction():
            await conn.execute("INSERT INTO ap (id) VALUES (1)")
            await conn.fetchval("SELECT 1/0")
    except asyncpg.exceptions.DivisionByZeroError:
        out["tx_error"] = "22012"
    out["after_error"] = await conn.fetchval("SELECT 5")
    await conn.close()
    return out


print(json.dumps(asyncio.run(main(sys.argv[1]))))
