"""Start (and stop) one local Spark session with delta-spark so ivy fetches its jars into the given folder.

usage: spark_warm.py <ivy dir>   (run by .ci/run before the tests)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from read_delta import spark_session  # noqa: E402

if __name__ == "__main__":
    spark = spark_session({"ivy": os.path.abspath(sys.argv[1])})
    print("spark", spark.version, "rows", spark.range(3).count())
    spark.stop()
