/**
 * Delta log actions and their newline-delimited JSON (de)serialisation.
 * Unknown action types and unknown fields are kept as they are (readers must tolerate what newer writers add).
 */

export interface Protocol {
  readonly minReaderVersion: number;
  readonly minWriterVersion: number;
  readonly readerFeatures?: readonly string[];
  readonly writerFeatures?: readonly string[];
}

export interface Format {
  readonly provider: string;
  readonly options: Readonly<Record<string, string>>;
}

export interface Metadata {
  readonly id: string;
  readonly name?: string | null;
  readonly description?: string | null;
  readonly format: Format;
  readonly schemaString: string;
  readonly partitionColumns: readonly string[];
  readonly configuration: Readonly<Record<string, string>>;
  readonly createdTime?: number | null;
}

export interface AddFile {
  /** relative to the table root and URL-encoded, or an absolute URI */
  readonly path: string;
  readonly partitionValues: Readonly<Record<string, string | null>>;
  readonly size: number;
  readonly modificationTime: number;
  readonly dataChange: boolean;
  /** JSON text: numRecords, minValues, maxValues, nullCount */
  readonly stats?: string | null;
  readonly tags?: Readonly<Record<string, string>> | null;
  readonly deletionVector?: unknown;
  readonly baseRowId?: number;
  readonly defaultRowCommitVersion?: number;
  readonly clusteringProvider?: string;
}

export interface RemoveFile {
  readonly path: string;
  readonly deletionTimestamp?: number | null;
  readonly dataChange: boolean;
  readonly extendedFileMetadata?: boolean;
  readonly partitionValues?: Readonly<Record<string, string | null>>;
  readonly size?: number;
  readonly stats?: string | null;
  readonly tags?: Readonly<Record<string, string>> | null;
  readonly deletionVector?: unknown;
}

export interface CommitInfo {
  readonly timestamp?: number;
  readonly operation?: string;
  readonly operationParameters?: Readonly<Record<string, unknown>>;
  readonly operationMetrics?: Readonly<Record<string, unknown>>;
  readonly readVersion?: number;
  readonly isolationLevel?: string;
  readonly isBlindAppend?: boolean;
  readonly engineInfo?: string;
  readonly txnId?: string;
  readonly [extra: string]: unknown;
}

export interface Txn {
  readonly appId: string;
  readonly version: number;
  readonly lastUpdated?: number;
}

export type Action =
  | { readonly kind: 'protocol'; readonly protocol: Protocol }
  | { readonly kind: 'metaData'; readonly metaData: Metadata }
  | { readonly kind: 'add'; readonly add: AddFile }
  | { readonly kind: 'remove'; readonly remove: RemoveFile }
  | { readonly kind: 'commitInfo'; readonly commitInfo: CommitInfo }
  | { readonly kind: 'txn'; readonly txn: Txn }
  /** cdc, domainMetadata, checkpointMetadata, sidecar, ... : kept, ignored by replay */
  | { readonly kind: 'unknown'; readonly name: string; readonly value: unknown };

export type ActionKind = Action['kind'];

export const protocolAction = (protocol: Protocol): Action => ({ kind: 'protocol', protocol });
export const metaDataAction = (metaData: Metadata): Action => ({ kind: 'metaData', metaData });
export const addAction = (add: AddFile): Action => ({ kind: 'add', add });
export const removeAction = (remove: RemoveFile): Action => ({ kind: 'remove', remove });
export const commitInfoAction = (commitInfo: CommitInfo): Action => ({ kind: 'commitInfo', commitInfo });
export const txnAction = (txn: Txn): Action => ({ kind: 'txn', txn });

export class DeltaLogFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeltaLogFormatError';
  }
}

/** One JSON object of a commit file → Action. */
export function actionFromJson(obj: unknown, where = 'commit'): Action {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new DeltaLogFormatError(`${where}: action is not a JSON object`);
  const keys = Object.keys(obj);
  if (keys.length !== 1) throw new DeltaLogFormatError(`${where}: an action must have exactly one key, found ${JSON.stringify(keys)}`);
  const name = keys[0]!;
  const value = (obj as Record<string, unknown>)[name];
  switch (name) {
    case 'protocol': return { kind: 'protocol', protocol: value as Protocol };
    case 'metaData': return { kind: 'metaData', metaData: value as Metadata };
    case 'add': return { kind: 'add', add: value as AddFile };
    case 'remove': return { kind: 'remove', remove: value as RemoveFile };
    case 'commitInfo': return { kind: 'commitInfo', commitInfo: value as CommitInfo };
    case 'txn': return { kind: 'txn', txn: value as Txn };
    default: return { kind: 'unknown', name, value };
  }
}

/** Action → the JSON object written in a commit file. */
export function actionToJson(a: Action): Record<string, unknown> {
  switch (a.kind) {
    case 'protocol': return { protocol: a.protocol };
    case 'metaData': return { metaData: a.metaData };
    case 'add': return { add: a.add };
    case 'remove': return { remove: a.remove };
    case 'commitInfo': return { commitInfo: a.commitInfo };
    case 'txn': return { txn: a.txn };
    case 'unknown': return { [a.name]: a.value };
    default: {
      const never: never = a;
      throw new Error(`unexpected action ${JSON.stringify(never)}`);
    }
  }
}

/** Parse the text of one `NNN.json` commit (blank lines ignored). */
export function parseCommit(text: string, where = 'commit'): Action[] {
  const out: Action[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new DeltaLogFormatError(`${where}: line ${i + 1} is not valid JSON (${(e as Error).message})`);
    }
    out.push(actionFromJson(obj, `${where}: line ${i + 1}`));
  }
  return out;
}

/** Actions → commit file text (one JSON object per line, trailing newline). */
export function serializeCommit(actions: readonly Action[]): string {
  return actions.map((a) => JSON.stringify(actionToJson(a))).join('\n') + '\n';
}

/** `_delta_log/00000000000000000007.json` for version 7. */
export function commitFileName(version: number): string {
  return `${String(version).padStart(20, '0')}.json`;
}
