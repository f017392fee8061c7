#!/usr/bin/env python3
"""Write the 8 TPC-H tables as ZSTD Parquet with DuckDB's tpch extension.

    python scripts/tpch_gen.py --sf 1 --out DIR

Layout and types as in shared/tpch (DIR/<table>/<table>.parquet, 122,880-row row groups): keys BIGINT
(INTEGER for nationkey/regionkey/shippriority... as dbgen makes them), money DECIMAL(15,2), dates DATE.
Needs `duckdb==1.5.5` and `duckdb-extension-tpch` (pip, see `npm run tpch:gen`, which makes the venv).
"""
import argparse
import os
import sys
import time

TABLES = ["nation", "region", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]


def load_tpch(con, duckdb) -> None:
    """LOAD tpch: the extension file shipped by the duckdb-extension-tpch wheel, else an installed one."""
    try:
        import glob  # noqa: PLC0415
        import duckdb_extension_tpch  # type: ignore  # noqa: PLC0415

        for base in duckdb_extension_tpch.__path__:
            files = sorted(glob.glob(os.path.join(base, "extensions", f"v{duckdb.__version__}", "*.duckdb_extension")))
            if files:
                con.execute(f"LOAD '{files[0]}'")
                return
    except ImportError:
        pass
    con.execute("LOAD tpch")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sf", type=float, default=1.0, help="scale factor (default 1)")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--force", action="store_true", help="rewrite files that exist")
    args = ap.parse_args()

    import duckdb  # noqa: PLC0415 (imported late so --help works without it)

    out = os.path.abspath(args.out)
    if not args.force and all(os.path.exists(os.path.join(out, t, f"{t}.parquet")) for t in TABLES):
        print(f"tpch_gen: all 8 tables already in {out} (use --force to rewrite)")
        return 0
    con = duckdb.connect()
    load_tpch(con, duckdb)
    started = time.time()
    sf = int(args.sf) if args.sf == int(args.sf) else args.sf
    con.execute(f"CALL dbgen(sf={sf})")
    print(f"tpch_gen: generated SF{sf} in {time.time() - started:.1f} s")
    for t in TABLES:
        os.makedirs(os.path.join(out, t), exist_ok=True)
        path = os.path.join(out, t, f"{t}.parquet")
        s = time.time()
        con.execute(
            f"COPY {t} TO '{path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)"
        )
        print(f"tpch_gen: {t:9s} {con.execute(f'SELECT count(*) FROM {t}').fetchone()[0]:>10} rows  {time.time() - s:.1f} s  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
