"""SQLAlchemy 2 (psycopg2 or psycopg 3 dialect: argv[1] is the URL, argv[2] the table name) Core INSERT / UPDATE / DELETE ... RETURNING against Pier,
including executemany with RETURNING ("insertmanyvalues", sorted by parameter order). Prints one JSON object;
tests/clients/python_clients.test.ts asserts on it."""
import json
import sys

import sqlalchemy as sa

engine = sa.create_engine(sys.argv[1])
meta = sa.MetaData()
name = sys.argv[2] if len(sys.argv) > 2 else "sa_ret"
t = sa.Table(name, meta, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False), sa.Column("name", sa.String(20)), sa.Column("amount", sa.Numeric(10, 2)))
out = {}
with engine.begin() as c:
    c.execute(sa.text(f"CREATE TABLE {name} (id int NOT NULL, name varchar(20), amount numeric(10,2))"))
with engine.begin() as c:
    r = c.execute(sa.insert(t).values(id=1, name="a", amount=1.5).returning(t.c.id))
    out["insert_one"] = [list(x) for x in r]
    r = c.execute(sa.insert(t).returning(t.c.id, t.c.name, sort_by_parameter_order=True), [{"id": 3, "name": "c", "amount": None}, {"id": 2, "name": "b", "amount": 2}])
    out["insert_many"] = [list(x) for x in r]
    r = c.execute(sa.update(t).where(t.c.id == 2).values(amount=t.c.amount + 1).returning(t.c.id, t.c.amount))
    out["update"] = [[x[0], str(x[1])] for x in r]
    r = c.execute(sa.delete(t).where(t.c.id == 3).returning(t.c.name))
    out["delete"] = [list(x) for x in r]
    out["rowcount"] = c.execute(sa.delete(t).where(t.c.id > 100).returning(t.c.id)).rowcount
out["left"] = [list(x) for x in engine.connect().execute(sa.select(t.c.id, t.c.name).order_by(t.c.id))]
print(json.dumps(out))
