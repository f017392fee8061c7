"""SQLAlchemy 2 reflection and a pandas read_sql / to_sql round trip against Pier (both depend on the
pg_catalog emulation). Prints one JSON object; tests/clients/python_clients.test.ts asserts on it."""
import json
import sys

import pandas as pd
import sqlalchemy as sa

engine = sa.create_engine(sys.argv[1])
out = {}
with engine.begin() as c:
    c.execute(sa.text("CREATE TABLE sa_t (id int NOT NULL, name varchar(20), amount numeric(10,2), seen timestamp)"))
    c.execute(sa.text("INSERT INTO sa_t VALUES (1, 'a', 1.5, '2024-01-01 10:00'), (2, NULL, NULL, NULL)"))
    c.execute(sa.text("CREATE VIEW sa_v AS SELECT id, name FROM sa_t"))
insp = sa.inspect(engine)
out["schemas"] = sorted(insp.get_schema_names())
out["tables"] = insp.get_table_names()
out["views"] = insp.get_view_names()
out["columns"] = [[c["name"], str(c["type"]), c["nullable"]] for c in insp.get_columns("sa_t")]
out["server_version"] = list(engine.dialect.server_version_info[:1])
df = pd.read_sql("SELECT id, name, amount FROM sa_t ORDER BY id", engine)
out["read_sql"] = [[int(r["id"]), None if pd.isna(r["name"]) else r["name"], None if pd.isna(r["amount"]) else float(r["amount"])] for r in df.to_dict("records")]
pd.DataFrame({"x": [1, 2, 3], "y": ["p", "q", None]}).to_sql("pd_t", engine, index=False)
out["to_sql_back"] = pd.read_sql("SELECT x, y FROM pd_t ORDER BY x", engine).astype(object).where(lambda d: d.notna(), None).values.tolist()
print(json.dumps(out))
