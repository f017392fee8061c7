import sys, json, datetime, decimal
import pyarrow as pa
from deltalake import write_deltalake, DeltaTable
path = sys.argv[1]
schema = pa.schema([('id', pa.int64()), ('name', pa.string()), ('day', pa.date32()), ('amount', pa.decimal128(10, 2)),
                    ('ts', pa.timestamp('us', tz='UTC')), ('flag', pa.bool_()), ('score', pa.float64())])
def batch(v, n=5):
    ids = list(range(v * 100, v * 100 + n))
    return pa.table({
        'id': ids,
        'name': [None if i % 4 == 0 else f'n{i} é/%=' for i in ids],
        'day': [datetime.date(2024, 1, 1 + (i % 3)) for i in ids],
        'amount': [decimal.Decimal(i) / 4 for i in ids],
        'ts': [datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(microseconds=i * 1000003) for i in ids],
        'flag': [i % 2 == 0 for i in ids],
        'score': [i * 0.5 for i in ids],
    }, schema=schema)
write_deltalake(path, batch(0), partition_by=['day', 'flag'], configuration={'delta.logRetentionDuration': 'interval 0 seconds'})
for v in range(1, 12):
    write_deltalake(path, batch(v), mode='append', partition_by=['day', 'flag'])
dt = DeltaTable(path)
dt.delete('id % 7 = 0')
dt = DeltaTable(path)
dt.create_checkpoint()
dt.cleanup_metadata()
write_deltalake(path, batch(20), mode='append', partition_by=['day', 'flag'])
dt = DeltaTable(path)
epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
def canon(r):
    d = r['amount'].normalize()
    amount = format(d, 'f')
    if '.' in amount: amount = amount.rstrip('0').rstrip('.')
    ts = r['ts'] - epoch
    return [str(r['id']), r['name'], str((r['day'] - datetime.date(1970, 1, 1)).days), amount,
            str(ts.days * 86400000000 + ts.seconds * 1000000 + ts.microseconds), 'true' if r['flag'] else 'false', repr(r['score']).removesuffix('.0')]
print(json.dumps({'version': dt.version(), 'rows': [canon(r) for r in dt.to_pyarrow_table().to_pylist()]}))
