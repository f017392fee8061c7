/**
 * The one commit path. Every change to a Delta table is: read version → actions → putIfAbsent
 * `_delta_log/NNN.json` (commitInfo first). When the version already exists, a blind append (only `add`s, the
 * winners changed neither protocol nor metadata) rebases onto the next version and retries, up to a bound;
 * anything else throws CommitConflictError naming the winning version. Transactions that say what they read
 * (CommitRequest.readFiles / readWholeTable / readPredicatePartitions) are checked against each winner by
 * conflicts.ts and rebased when no winner touched what they read.
 */
import { randomUUID } from 'node:crypto';
import type { ObjectStore } from '../object_store/store.js';
import {
  type Action, type CommitInfo, type Metadata, type Protocol,
  commitFileName, commitInfoAction, metaDataAction, protocolAction, serializeCommit,
} from './actions.js';
import { type LogFile, joinKey, logDir, readCommit } from './replay.js';
import { notifyCommit } from './commit_observer.js';
import { checkWinningCommit, effectiveIsolation, hasReadInfo } from './conflicts.js';
import { maybeWriteCheckpoint } from './checkpoint_write.js';
import { type DeltaStructType, schemaToString, typeContains } from './schema.js';
import { withConfiguredFeatures } from './protocol_upgrade.js';
import { newTableColumnMapping } from './column_mapping_write.js';

export const ENGINE_INFO = 'Pier/0.1.0';

export class CommitConflictError extends Error {
  /** `files`: the conflicting files (paths as in the log), when the conflict is about files */
  constructor(readonly tablePath: string, readonly winningVersion: number, reason: string, readonly files: readonly string[] = []) {
    super(`concurrent commit to "${tablePath}": version ${winningVersion} was written by another transaction (${reason})`);
    this.name = 'CommitConflictError';
  }
}

export class DeltaTableExistsError extends Error {
  constructor(readonly tablePath: string) {
    super(`a Delta table already exists at "${tablePath}"`);
    this.name = 'DeltaTableExistsError';
  }
}

export interface CommitRequest {
  /** the version the actions were computed from; -1 when creating the table */
  readonly readVersion: number;
  /** data/metadata actions (no commitInfo: it is built here) */
  readonly actions: readonly Action[];
  readonly operation: string;
  readonly operationParameters?: Readonly<Record<string, unknown>>;
  readonly operationMetrics?: Readonly<Record<string, unknown>>;
  /** default: true when the actions are only `add`s */
  readonly isBlindAppend?: boolean;
  /** max rebase attempts; default 100 */
  readonly maxRetries?: number;
  /*
   * What the transaction read, for conflict detection (storage/delta/conflicts.ts has the rules). A
   * transaction that is not a blind append must set at least one of these to be rebased over concurrent
   * commits; without any, every concurrent commit is a conflict. `remove` actions always count as read.
   *  - UPDATE/DELETE/MERGE: readFiles = every file the scan kept after pruning (the files whose rows were
   *    examined), plus readPredicatePartitions when the predicate pins partitions, or readWholeTable when it
   *    does not (a concurrent non-blind add anywhere may hold matching rows).
   *  - OPTIMIZE: readFiles = the files it rewrites (all its actions have dataChange=false, so concurrent
   *    appends never conflict; concurrent removes of its inputs do).
   */
  /** paths (as in `add.path`) of the files the transaction read */
  readonly readFiles?: readonly string[];
  /** the transaction's result depends on every row of the table (no partition-pinned predicate) */
  readonly readWholeTable?: boolean;
  /** partitions the read covered (partition column → value as in `add.partitionValues`; {} = all) */
  readonly readPredicatePartitions?: readonly Readonly<Record<string, string | null>>[];
  /** default WriteSerializable (concurrent blind appends do not conflict); SnapshotIsolation is used automatically when no action changes data */
  readonly isolationLevel?: 'Serializable' | 'WriteSerializable';
  /** clock (ms); default Date.now */
  readonly now?: () => number;
}

export interface CommitResult {
  readonly version: number;
  readonly commitInfo: CommitInfo;
  /** how many times the commit was rebased onto a newer version */
  readonly retries: number;
}

function stringifyValues(o: Readonly<Record<string, unknown>> | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(o ?? {})) out[k] = v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

/** Commit `req.actions` as version readVersion + 1 (or later, for blind appends). */
export async function commitTransaction(store: ObjectStore, tablePath: string, req: CommitRequest): Promise<CommitResult> {
  if (req.actions.some((a) => a.kind === 'commitInfo')) throw new Error('commitTransaction builds commitInfo itself');
  const onlyAdds = req.actions.every((a) => a.kind === 'add');
  const blind = req.isBlindAppend ?? onlyAdds;
  const maxRetries = req.maxRetries ?? 100;
  const now = req.now ?? Date.now;
  const txnId = randomUUID();
  let version = req.readVersion + 1;
  for (let attempt = 0; ; attempt++) {
    const commitInfo: CommitInfo = {
      timestamp: now(),
      operation: req.operation,
      operationParameters: stringifyValues(req.operationParameters),
      ...(req.readVersion >= 0 ? { readVersion: req.readVersion } : {}),
      isolationLevel: blind ? 'Serializable' : effectiveIsolation(req),
      isBlindAppend: blind,
      operationMetrics: stringifyValues(req.operationMetrics),
      engineInfo: ENGINE_INFO,
      txnId,
    };
    const text = serializeCommit([commitInfoAction(commitInfo), ...req.actions]);
    const key = joinKey(logDir(tablePath), commitFileName(version));
    if (await store.putIfAbsent(key, new TextEncoder().encode(text))) {
      await maybeWriteCheckpoint(store, tablePath, version, req.actions); // never throws
      notifyCommit({ store, tablePath, version, operation: req.operation, retries: attempt, actions: req.actions });
      return { version, commitInfo, retries: attempt };
    }
    // `version` exists: someone else won it
    if (req.readVersion < 0) throw new DeltaTableExistsError(tablePath);
    if (!(blind && onlyAdds) && !hasReadInfo(req)) throw new CommitConflictError(tablePath, version, 'the transaction is not a blind append');
    const winner = await readCommit(store, { version, path: key, size: 0, lastModified: 0 } satisfies LogFile);
    const verdict = checkWinningCommit(req, blind, winner, version);
    if (verdict.kind === 'conflict') throw new CommitConflictError(tablePath, version, verdict.reason, verdict.files);
    if (attempt >= maxRetries) throw new CommitConflictError(tablePath, version, `gave up after ${maxRetries} retries`);
    version++;
  }
}

export interface CreateTableOptions {
  readonly schema: DeltaStructType;
  readonly partitionColumns?: readonly string[];
  readonly configuration?: Readonly<Record<string, string>>;
  readonly description?: string | null;
  readonly name?: string | null;
  /** extra actions committed with version 0 (e.g. the `add`s of CREATE TABLE AS) */
  readonly actions?: readonly Action[];
  readonly operationMetrics?: Readonly<Record<string, unknown>>;
  readonly now?: () => number;
}

/** The protocol a new table needs: (1,2), or (3,7) with timestampNtz when a column is timestamp_ntz. */
export function protocolForSchema(schema: DeltaStructType): Protocol {
  if (schema.fields.some((f) => typeContains(f.type, 'timestamp_ntz'))) {
    return { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['timestampNtz'], writerFeatures: ['timestampNtz'] };
  }
  return { minReaderVersion: 1, minWriterVersion: 2 };
}

/** Write version 0 of a new table. Throws DeltaTableExistsError when a version 0 is already there. */
export async function createTable(store: ObjectStore, tablePath: string, options: CreateTableOptions): Promise<CommitResult & { readonly metadata: Metadata; readonly protocol: Protocol }> {
  const now = options.now ?? Date.now;
  const partitionColumns = [...(options.partitionColumns ?? [])];
  for (const p of partitionColumns) {
    if (!options.schema.fields.some((f) => f.name === p)) throw new Error(`partition column "${p}" is not a column of the table`);
  }
  // column mapping asked for in the properties: ids and physical names (column_mapping_write.ts)
  const mapped = newTableColumnMapping(options.schema, options.configuration ?? {});
  const protocol = withConfiguredFeatures(protocolForSchema(mapped.schema), mapped.configuration);
  const metadata: Metadata = {
    id: randomUUID(),
    ...(options.name !== undefined && options.name !== null ? { name: options.name } : {}),
    ...(options.description !== undefined && options.description !== null ? { description: options.description } : {}),
    format: { provider: 'parquet', options: {} },
    schemaString: schemaToString(mapped.schema),
    partitionColumns,
    configuration: { ...mapped.configuration },
    createdTime: now(),
  };
  const res = await commitTransaction(store, tablePath, {
    readVersion: -1,
    actions: [protocolAction(protocol), metaDataAction(metadata), ...(options.actions ?? [])],
    operation: 'CREATE TABLE',
    operationParameters: {
      isManaged: 'false',
      description: options.description ?? null,
      partitionBy: JSON.stringify(partitionColumns),
      properties: JSON.stringify(options.configuration ?? {}),
    },
    operationMetrics: options.operationMetrics,
    isBlindAppend: true,
    now,
  });
  return { ...res, metadata, protocol };
}
