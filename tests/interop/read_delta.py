"""Read Delta tables with another engine (or Pier through psycopg) and print the rows as canonical JSON.

usage: read_delta.py <engine> <spec-json>
  engine: pier | deltalake | duckdb | spark
  spec:   {"tables": [{"name": ..., "path": ...}], "port": <pier port>, "ivy": <ivy dir>}
Prints {"<name>": {"columns": [...], "rows": [[...], ...]}} with every value as text (None for NULL), rows sorted,
so the engines' answers compare exactly. Spark also writes tables when asked: see interop_spark tests.
"""
import datetime
import decimal
import json
import os
import sys


def canon(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return v.isoformat(sep=" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


def finish(columns, rows):
    out = [[canon(v) for v in r] for r in rows]
    out.sort(key=lambda r: json.dumps(r))
    return {"columns": list(columns), "rows": out}


def read_pier(spec):
    import psycopg2
    conn = psycopg2.connect(host="127.0.0.1", port=spec["port"], user="pier", dbname="pier")
    conn.autocommit = True
    out = {}
    with conn.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
        for t in spec["tables"]:
            cur.execute(f'SELECT * FROM {t["name"]}')
            out[t["name"]] = finish([d[0] for d in cur.description], cur.fetchall())
    conn.close()
    return out


def read_deltalake(spec):
    from deltalake import DeltaTable
    out = {}
    for t in spec["tables"]:
        tbl = DeltaTable(t["path"]).to_pyarrow_table()
        out[t["name"]] = finish(tbl.column_names, [tuple(r.values()) for r in tbl.to_pylist()])
    return out


def read_duckdb(spec):
    import duckdb
    import duckdb_extension_delta
    ext = os.path.join(os.path.dirname(duckdb_extension_delta.__file__), "extensions", "v" + duckdb.__version__, "delta.duckdb_extension")
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"LOAD '{ext}'")
    out = {}
    for t in spec["tables"]:
        cur = con.execute(f"SELECT * FROM delta_scan('{t['path']}')")
        out[t["name"]] = finish([d[0] for d in cur.description], cur.fetchall())
    return out


def spark_session(spec):
    from pyspark.sql import SparkSession
    from delta import configure_spark_with_delta_pip
    b = (SparkSession.builder.master("local[1]").appName("pier-interop")
         .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
         .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
         .config("spark.jars.ivy", spec["ivy"])
         .config("spark.ui.enabled", "false")
         .config("spark.sql.shuffle.partitions", "1")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
         .config("spark.databricks.delta.snapshotPartitions", "1"))
    return configure_spark_with_delta_pip(b).getOrCreate()


def read_spark_tables(spark, tables):
    out = {}
    for t in tables:
        df = spark.read.format("delta").load(t["path"])
        out[t["name"]] = finish(df.columns, [tuple(r) for r in df.collect()])
    return out


def main():
    engine, spec = sys.argv[1], json.loads(sys.argv[2])
    if engine == "pier":
        res = read_pier(spec)
    elif engine == "deltalake":
        res = read_deltalake(spec)
    elif engine == "duckdb":
        res = read_duckdb(spec)
    elif engine == "spark":
        spark = spark_session(spec)
        try:
            res = read_spark_tables(spark, spec["tables"])
        finally:
            spark.stop()
    else:
        raise SystemExit(f"unknown engine {engine}")
    print(json.dumps(res))


if __name__ == "__main__":
    os.environ.setdefault("TZ", "UTC")
    main()
