"""One Spark (local, delta-spark) session for the Spark interop test: read the tables Pier wrote, then write
tables for Pier to read (partitioned with > 10 commits so Spark writes a checkpoint, column mapping with a
rename and a drop, deletion vectors after a DELETE), and print what Spark reads from all of them as JSON.

usage: spark_session.py <spec-json>  spec: {"ivy": dir, "read": [{name, path}], "write_root": dir}
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from read_delta import read_spark_tables, spark_session  # noqa: E402


def write_tables(spark, root):
    made = []
    p = os.path.join(root, "spark_parted")
    # a checkpoint every 3 commits: versions 0..4 with a checkpoint at 3
    spark.sql(f"""CREATE TABLE delta.`{p}` (id BIGINT, name STRING, amount DECIMAL(10,2), region STRING, day DATE) USING DELTA
                 PARTITIONED BY (region, day) TBLPROPERTIES ('delta.checkpointInterval' = '3')""")
    for i in range(4):
        region = "NULL" if i == 2 else f"'r{i % 3}'"
        spark.sql(f"INSERT INTO delta.`{p}` VALUES ({i}, 'n{i}', {i}.25, {region}, DATE'2024-01-0{1 + i % 3}')")
    made.append({"name": "spark_parted", "path": p})

    p = os.path.join(root, "spark_mapped")
    spark.sql(f"""CREATE TABLE delta.`{p}` (a INT, b STRING, c DOUBLE) USING DELTA
                 TBLPROPERTIES ('delta.columnMapping.mode' = 'name', 'delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5')""")
    spark.sql(f"INSERT INTO delta.`{p}` VALUES (1, 'one', 1.0), (2, 'two', 2.0)")
    spark.sql(f"ALTER TABLE delta.`{p}` RENAME COLUMN b TO bee")
    spark.sql(f"ALTER TABLE delta.`{p}` DROP COLUMN c")
    spark.sql(f"INSERT INTO delta.`{p}` VALUES (3, 'three')")
    made.append({"name": "spark_mapped", "path": p})

    p = os.path.join(root, "spark_dv")
    spark.sql(f"CREATE TABLE delta.`{p}` (id INT, v STRING) USING DELTA TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')")
    spark.sql(f"INSERT INTO delta.`{p}` SELECT id, concat('v', id) FROM range(0, 50)")
    spark.sql(f"DELETE FROM delta.`{p}` WHERE id % 7 = 0")
    made.append({"name": "spark_dv", "path": p})
    return made


def main():
    spec = json.loads(sys.argv[1])
    spark = spark_session(spec)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        pier_tables = read_spark_tables(spark, spec["read"])
        made = write_tables(spark, spec["write_root"])
        spark_tables = read_spark_tables(spark, made)
    finally:
        spark.stop()
    print(json.dumps({"pier_tables": pier_tables, "spark_tables": spark_tables}))


if __name__ == "__main__":
    main()
