/**
 * `read_parquet('path' | 'dir/*.parquet')` in FROM: Parquet files read in place. The folder part of the
 * pattern (up to the first glob character) becomes the object-store root; `*`, `?`, `**` match below it.
 * The schema comes from the first file's footer.
 */
import * as nodePath from 'node:path';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { readParquetMetadata, readParquetSchema } from '../../../storage/parquet/read.js';
import { fieldsFromArrowSchema } from '../../../executor/arrow/schema.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan, ScanFile } from '../../logical/nodes.js';
import type { FromResult } from './bind_from.js';
import { pgPosition, RelationScope, type ScopeEntry } from './relation_scope.js';

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Split a local path pattern into the folder to list and the glob below it (null: a single file). */
export function splitPattern(pattern: string): { root: string; glob: string | null } {
  const abs = nodePath.resolve(pattern);
  const g = abs.search(/[*?]/);
  if (g < 0) return { root: nodePath.dirname(abs), glob: null };
  const slash = abs.lastIndexOf('/', g);
  return { root: abs.slice(0, slash) || '/', glob: abs.slice(slash + 1) };
}

export async function bindReadParquet(rf: PgNode, ctx: PlanContext): Promise<FromResult> {
  void ctx;
  const items: PgNode[] = rf.functions?.[0]?.List?.items ?? [];
  const call = items[0]?.FuncCall;
  const names: PgNode[] = call?.funcname ?? [];
  const fname = names.map((n) => n.String.sval as string).join('.');
  if (fname !== 'read_parquet') {
    throw new QueryError(SQLSTATE.undefined_function, `function ${fname}() does not exist`, { position: pgPosition(call?.location) });
  }
  const arg = call.args?.[0]?.A_Const?.sval?.sval as string | undefined;
  if (typeof arg !== 'string' || (call.args?.length ?? 0) !== 1) {
    throw new QueryError(SQLSTATE.undefined_function, 'read_parquet takes one string literal: a file path or glob', { position: pgPosition(call.location) });
  }
  const { root, glob } = splitPattern(arg);
  const store = new LocalObjectStore(root);
  let keys: { path: string; size: number }[];
  if (glob === null) {
    const meta = await store.head(nodePath.basename(nodePath.resolve(arg)));
    keys = meta ? [{ path: meta.path, size: meta.size }] : [];
  } else {
    const re = globToRegExp(glob);
    let listed: { path: string; size: number }[] = [];
    try {
      listed = await store.list('');
    } catch {
      listed = [];
    }
    keys = listed.filter((m) => re.test(m.path)).map((m) => ({ path: m.path, size: m.size }));
  }
  if (keys.length === 0) throw new QueryError('58P01', `could not open file "${arg}": No such file or directory`, { position: pgPosition(call.location) });
  const fields = fieldsFromArrowSchema(await readParquetSchema(store, keys[0]!.path));
  const files: ScanFile[] = [];
  for (const k of keys) {
    let numRecords: number | null = null;
    if (keys.length <= 64) numRecords = (await readParquetMetadata(store, k.path, k.size)).numRows;
    files.push({ path: k.path, size: k.size, partitionValues: {}, numRecords, min: null, max: null, nullCount: null });
  }
  const colAliases: string[] = (rf.alias?.colnames ?? []).map((n: PgNode) => n.String.sval as string);
  const outFields = fields.map((f, i) => ({ ...f, name: colAliases[i] ?? f.name }));
  const plan: LogicalPlan = {
    kind: 'scan',
    schema: outFields,
    source: { kind: 'parquet', name: `read_parquet('${arg}')`, store: store.descriptor, fields, partitionColumns: [], totalFiles: files.length },
    columns: fields.map((_, i) => i),
    files,
    filter: null,
    limit: null,
  };
  const entry: ScopeEntry = { alias: rf.alias?.aliasname ?? 'read_parquet', schemaName: null, columns: outFields.map((f, i) => ({ name: f.name, type: f.type, index: i, hidden: false })) };
  return { plan, scope: new RelationScope([entry], outFields) };
}
