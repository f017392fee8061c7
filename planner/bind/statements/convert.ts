/**
 * CONVERT TO DELTA parquet.`/path` [PARTITIONED BY (col type, ...)] (recognised in
 * planner/sql/lakehouse/convert_statement.ts): the Parquet folder becomes a Delta table in place
 * (storage/delta/operations/convert.ts). `CREATE TABLE t LOCATION '/path'` registers it afterwards.
 */
import { isAbsolute } from 'node:path';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { objectStoreForLocation } from '../../../storage/object_store/open.js';
import { ConvertError, convertToDelta, type ConvertPartition } from '../../../storage/delta/operations/convert.js';
import type { DeltaDataType } from '../../../storage/delta/schema.js';
import type { ConvertPartitionColumn } from '../../sql/lakehouse/convert_statement.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';

const TYPES: Readonly<Record<string, DeltaDataType>> = {
  string: 'string', text: 'string', varchar: 'string', int: 'integer', integer: 'integer', int4: 'integer',
  bigint: 'long', long: 'long', int8: 'long', smallint: 'short', short: 'short', int2: 'short', tinyint: 'byte',
  byte: 'byte', double: 'double', float8: 'double', 'doubleprecision': 'double', float: 'float', real: 'float',
  float4: 'float', boolean: 'boolean', bool: 'boolean', date: 'date', timestamp: 'timestamp', timestamptz: 'timestamp',
  timestamp_ntz: 'timestamp_ntz', binary: 'binary',
};

export function partitionType(type: string): DeltaDataType {
  const t = TYPES[type.replace(/\(\d+\)$/, '')];
  if (t !== undefined) return t;
  const m = /^(?:decimal|numeric|dec)\((\d+),(\d+)\)$/.exec(type);
  if (m !== null) return `decimal(${m[1]},${m[2]})`;
  throw new QueryError(SQLSTATE.undefined_object, `type "${type}" does not exist`);
}

export async function executeConvert(stmt: PgNode, env: StatementEnv): Promise<string> {
  void env;
  const path = stmt.path as string;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(path) && !isAbsolute(path)) {
    throw new QueryError(SQLSTATE.invalid_parameter_value, `CONVERT TO DELTA needs an absolute path or URI, got "${path}"`);
  }
  const partitionColumns: ConvertPartition[] = (stmt.partitionedBy as ConvertPartitionColumn[]).map((p) => ({ name: p.name, type: partitionType(p.type) }));
  try {
    await convertToDelta(objectStoreForLocation(path), '', { partitionColumns });
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    const m = e.message;
    const code = /already a Delta table/.test(m) ? SQLSTATE.duplicate_table
      : /no Parquet files/.test(m) ? '58P01'
        : /incompatible schemas/.test(m) ? SQLSTATE.datatype_mismatch
          : SQLSTATE.invalid_parameter_value;
    throw new QueryError(code, m.replace('the folder', `"${path}"`), { cause: e });
  }
  return 'CONVERT TO DELTA';
}
