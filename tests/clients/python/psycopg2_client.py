"""psycopg2 against Pier: simple and extended queries, named cursors, COPY, parameter types, transactions.
Prints one JSON object with what it observed; tests/clients/psycopg.test.ts asserts on it."""
import datetime
import decimal
import io
import json
import sys

import psycopg2

dsn = sys.argv[1]
out = {}
conn = psycopg2.connect(dsn)
conn.autocommit = True
cur = conn.cursor()
cur.execute("CREATE TABLE p2 (id int, name text, amount numeric(10,2), d date, ts timestamp, ok boolean, f float8)")
cur.execute(
    "INSERT INTO p2 VALUES (%s, %s, %s, %s, %s, %s, %s)",
    (1, "it's", decimal.Decimal("12.50"), datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5), True, 1.5),
)
out["insert_rowcount"] = cur.rowcount
cur.execute("SELECT id, name, amount, d, ts, ok, f FROM p2 WHERE id = %(id)s", {"id": 1})
row = cur.fetchone()
out["row"] = [row[0], row[1], str(row[2]), row[3].isoformat(), row[4].isoformat(), row[5], row[6]]
out["types"] = [type(v).__name__ for v in row]

# COPY FROM STDIN (text), then CSV with a header, then COPY TO STDOUT
cur.copy_expert("COPY p2 (id, name, amount) FROM STDIN", io.StringIO("2\ttab\\there\t3.25\n3\t\\N\t4\n"))
out["copy_text_rowcount"] = cur.rowcount
cur.copy_expert("COPY p2 (id, name) FROM STDIN WITH (FORMAT csv, HEADER)", io.StringIO('id,name\n4,"comma, ""quoted"""\n5,\n'))
out["copy_csv_rowcount"] = cur.rowcount
buf = io.StringIO()
cur.copy_expert("COPY (SELECT id, name FROM p2 ORDER BY id) TO STDOUT WITH (FORMAT csv)", buf)
out["copy_out_csv"] = buf.getvalue()
try:
    cur.copy_expert("COPY p2 (id) FROM STDIN", io.StringIO("6\nseven\n"))
except psycopg2.Error as e:
    out["copy_error"] = [e.pgcode, e.diag.message_primary, e.diag.context]
cur.execute("SELECT count(*) FROM p2")
out["count_after_bad_copy"] = cur.fetchone()[0]

# transaction + server-side (named) cursor, fetched in pieces
conn.autocommit = False
named = conn.cursor(name="pc")
named.itersize = 2
named.execute("SELECT id FROM p2 ORDER BY id")
out["named_many"] = [r[0] for r in named.fetchmany(2)]
out["named_rest"] = [r[0] for r in named.fetchall()]
named.close()
conn.commit()

# savepoint: an error inside, ROLLBACK TO, transaction usable again
cur = conn.cursor()
cur.execute("SAVEPOINT sp")
try:
    cur.execute("SELECT 1/0")
except psycopg2.Error as e:
    out["div_error"] = e.pgcode
    cur.execute("ROLLBACK TO SAVEPOINT sp")
cur.execute("SELECT 42")
out["after_savepoint"] = cur.fetchone()[0]
conn.commit()
out["status_after_commit"] = conn.get_transaction_status()
conn.close()
print(json.dumps(out))
