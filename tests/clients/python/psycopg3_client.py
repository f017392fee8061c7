"""psycopg 3 against Pier: extended-protocol parameters (text and binary), server-side cursors, COPY (text
and binary, both ways), transactions with savepoints. Prints one JSON object; tests/clients/psycopg.test.ts
asserts on it."""
import datetime
import decimal
import json
import sys

import psycopg

dsn = sys.argv[1]
out = {}
with psycopg.connect(dsn, autocommit=True) as conn:
    conn.execute("CREATE TABLE p3 (id int8, name text, amount numeric(12,3), d date, ts timestamptz, ok boolean)")
    ts = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone.utc)
    conn.execute("INSERT INTO p3 VALUES (%s, %s, %s, %s, %s, %s)", (1, "één", decimal.Decimal("-1.5"), datetime.date(1999, 12, 31), ts, False))
    for binary in (False, True):
        with conn.cursor(binary=binary) as cur:
            cur.execute("SELECT id, name, amount, d, ts, ok FROM p3 WHERE id = %s AND name = %s", (1, "één"))
            r = cur.fetchone()
            out["row_binary" if binary else "row_text"] = [r[0], r[1], str(r[2]), r[3].isoformat(), r[4].isoformat(), r[5]]
            cur.execute("SELECT %s::int4[], %s::text[], %s::float8", ([1, None, 3], ["a", "b c"], 0.1))
            out["arrays_binary" if binary else "arrays_text"] = list(cur.fetchone())

    with conn.cursor() as cur:
        with cur.copy("COPY p3 (id, name) FROM STDIN") as copy:
            for i in range(2, 6):
                copy.write_row((i, f"n{i}"))
        out["copy_in_rowcount"] = cur.rowcount
        with cur.copy("COPY p3 (id, name, amount, ok) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int8", "text", "numeric", "bool"])
            copy.write_row((10, "bin", decimal.Decimal("2.250"), True))
            copy.write_row((11, None, None, None))
        out["copy_binary_rowcount"] = cur.rowcount
        rows = []
        with cur.copy("COPY (SELECT id, name FROM p3 ORDER BY id) TO STDOUT") as copy:
            for row in copy.rows():
                rows.append(list(row))
        out["copy_out_rows"] = rows
        with cur.copy("COPY (SELECT id, amount, ok FROM p3 WHERE id >= 10 ORDER BY id) TO STDOUT (FORMAT BINARY)") as copy:
            copy.set_types(["int8", "numeric", "bool"])
            out["copy_out_binary"] = [[r[0], None if r[1] is None else str(r[1]), r[2]] for r in copy.rows()]

with psycopg.connect(dsn) as conn:
    with conn.cursor(name="srv") as cur:
        cur.itersize = 3
        cur.execute("SELECT id FROM p3 WHERE id < %s ORDER BY id", (100,))
        out["server_cursor_first"] = [r[0] for r in cur.fetchmany(2)]
        out["server_cursor_rest"] = [r[0] for r in cur]
    conn.commit()
    with conn.transaction():
        try:
            with conn.transaction():
                conn.execute("SELECT 1/0")
        except psycopg.errors.DivisionByZero:
            out["nested_tx_error"] = "22012"
        out["after_nested"] = conn.execute("SELECT 7").fetchone()[0]
    out["empty_query_status"] = str(conn.execute("").pgresult.status)
print(json.dumps(out))
