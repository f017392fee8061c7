/**
 * COPY t [(cols)] FROM STDIN: the client's data is parsed as it arrives (text, CSV or binary), turned into
 * batches of rows and streamed into the table's one append path — one Delta commit for the whole COPY, and
 * none when any row is bad (the error carries PostgreSQL's CONTEXT line `COPY t, line 3, column a: "x"`).
 */
import type { Table } from '../../catalog/catalog.js';
import type { Datum } from '../../common/datum.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Field } from '../../common/types.js';
import { formatDatum, parseDatum } from '../../common/values/text_io.js';
import { constantVector, vectorFromDatums, type Batch } from '../../common/vector.js';
import type { StatementEnv } from '../../planner/bind/statements/context.js';
import { poolWriter } from '../../planner/bind/statements/writer.js';
import { throwIfAborted } from '../../planner/bind/statements/row_count.js';
import { BinaryRowReader } from './copy_binary.js';
import type { CopyOptions } from './copy_options.js';
import { CopyRecordReader, type CopyRecord } from './copy_text.js';

/** Rows per batch handed to the table writer (memory stays bounded by this, whatever the COPY's size). */
export const COPY_BATCH_ROWS = 8192;

export interface CopyFromTarget {
  readonly table: Table;
  /** the table's name as PostgreSQL prints it in CONTEXT lines */
  readonly relName: string;
  readonly fields: readonly Field[];
  /** the table columns the data gives, in data order */
  readonly targets: readonly number[];
  readonly readVersion: number;
}

/** PostgreSQL shortens the line quoted in a CONTEXT. */
function printable(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}...` : s;
}

function withContext(e: unknown, context: string): unknown {
  if (!(e instanceof QueryError) || e.context !== undefined) return e;
  return new QueryError(e.sqlstate, e.message, { detail: e.detail, hint: e.hint, severity: e.severity, cause: e.cause, context });
}

export async function copyFrom(target: CopyFromTarget, options: CopyOptions, data: AsyncIterable<Uint8Array>, env: StatementEnv): Promise<string> {
  const { fields, targets, relName } = target;
  const types = targets.map((i) => fields[i]!.type);
  const forceNotNull = new Set(options.forceNotNull);
  const forceNull = new Set(options.forceNull);
  let line = 0;
  let rows = 0;
  let cols: Datum[][] = targets.map(() => []);
  let pendingRows = 0;

  const toBatch = (): Batch => {
    const length = pendingRows;
    const columns = fields.map((f, i) => {
      const j = targets.indexOf(i);
      return j < 0 ? constantVector(f.type, null, length) : vectorFromDatums(f.type, cols[j]!);
    });
    cols = targets.map(() => []);
    pendingRows = 0;
    return { length, columns };
  };

  const addRow = (values: Datum[], context: string): void => {
    for (let i = 0; i < fields.length; i++) {
      const j = targets.indexOf(i);
      const v = j < 0 ? null : values[j]!;
      if (v === null && !fields[i]!.nullable) {
        const shown = fields.map((f, k) => {
          const jj = targets.indexOf(k);
          const d = jj < 0 ? null : values[jj]!;
          return d === null ? 'null' : formatDatum(f.type, d, env.values);
        });
        throw new QueryError(SQLSTATE.not_null_violation, `null value in column "${fields[i]!.name}" of relation "${relName}" violates not-null constraint`, {
          detail: `Failing row contains (${shown.join(', ')}).`,
          context,
        });
      }
    }
    for (let j = 0; j < values.length; j++) cols[j]!.push(values[j]!);
    pendingRows++;
    rows++;
  };

  const textRow = (rec: CopyRecord): Datum[] => {
    const ctx = `COPY ${relName}, line ${line}: "${printable(rec.line)}"`;
    if (rec.fields.length > targets.length) throw new QueryError('22P04', 'extra data after last expected column', { context: ctx });
    if (rec.fields.length < targets.length) {
      throw new QueryError('22P04', `missing data for column "${fields[targets[rec.fields.length]!]!.name}"`, { context: ctx });
    }
    return rec.fields.map((raw, j) => {
      const name = fields[targets[j]!]!.name;
      let text = raw;
      if (options.format === 'csv') {
        if (text === null && forceNotNull.has(name)) text = '';
        else if (text !== null && rec.quoted[j] === true && forceNull.has(name) && text === options.null) text = null;
      }
      if (text === null) return null;
      try {
        return parseDatum(types[j]!, text, env.values);
      } catch (e) {
        throw withContext(e, `COPY ${relName}, line ${line}, column ${name}: "${printable(text)}"`);
      }
    });
  };

  async function* textBatches(): AsyncGenerator<Batch> {
    const reader = new CopyRecordReader(options);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const drain = function* (final: boolean): Generator<Batch> {
      for (;;) {
        const rec = reader.next(final);
        if (rec === null) return;
        line++;
        if (line === 1 && options.header) continue;
        addRow(textRow(rec), `COPY ${relName}, line ${line}: "${printable(rec.line)}"`);
        if (pendingRows >= COPY_BATCH_ROWS) yield toBatch();
      }
    };
    const decode = (chunk?: Uint8Array): string => {
      try {
        return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
      } catch {
        throw new QueryError('22021', 'invalid byte sequence for encoding "UTF8"', { context: `COPY ${relName}, line ${line + 1}` });
      }
    };
    for await (const chunk of data) {
      throwIfAborted(env.signal);
      reader.push(decode(chunk));
      yield* drain(false);
    }
    reader.push(decode());
    yield* drain(true);
    if (pendingRows > 0) yield toBatch();
  }

  async function* binaryBatches(): AsyncGenerator<Batch> {
    const reader = new BinaryRowReader(types);
    const drain = function* (final: boolean): Generator<Batch> {
      for (;;) {
        let values: Datum[] | null;
        try {
          values = reader.next(final);
        } catch (e) {
          throw withContext(e, `COPY ${relName}, line ${reader.row + 1}`);
        }
        if (values === null) return;
        addRow(values, `COPY ${relName}, line ${reader.row}`);
        if (pendingRows >= COPY_BATCH_ROWS) yield toBatch();
      }
    };
    for await (const chunk of data) {
      throwIfAborted(env.signal);
      reader.push(chunk);
      yield* drain(false);
    }
    yield* drain(true);
    if (pendingRows > 0) yield toBatch();
  }

  const batches = options.format === 'binary' ? binaryBatches() : textBatches();
  await target.table.append(batches, { operation: 'WRITE', readVersion: target.readVersion, ...poolWriter(env) });
  return `COPY ${rows}`;
}
