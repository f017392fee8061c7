"""The same upsert with delta-rs (deltalake's merge), for bench/merge/bench.mjs: prints time, peak RSS, metrics."""
import json
import resource
import sys
import time

from deltalake import DeltaTable

target, source = sys.argv[1], sys.argv[2]
src = DeltaTable(source).to_pyarrow_table()
t0 = time.perf_counter()
dt = DeltaTable(target)
metrics = (
    dt.merge(source=src, predicate="t.id = s.id AND t.day = s.day", source_alias="s", target_alias="t")
    .when_matched_update_all()
    .when_not_matched_insert_all()
    .execute()
)
ms = (time.perf_counter() - t0) * 1000
print(json.dumps({"ms": ms, "peakRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "metrics": metrics}))
