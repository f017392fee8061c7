/**
 * COPY t [(cols)] | (query) TO STDOUT: the query runs like a SELECT and every row becomes one CopyData
 * payload in text, CSV or binary format (plus the header line / binary header and trailer).
 */
import type { Datum } from '../../common/datum.js';
import type { Field } from '../../common/types.js';
import { formatDatum } from '../../common/values/text_io.js';
import { getDatum, type Batch } from '../../common/vector.js';
import type { ValueContext } from '../../common/values/context.js';
import { binaryHeader, binaryTrailer, encodeBinaryRow } from './copy_binary.js';
import type { CopyOptions } from './copy_options.js';
import { formatCopyRow } from './copy_text.js';

const utf8 = new TextEncoder();

export interface CopyToSource {
  readonly fields: readonly Field[];
  readonly batches: AsyncIterable<Batch>;
}

/** CopyData payloads; `counter.rows` is the number of rows sent once the generator ends. */
export async function* copyToPayloads(
  source: CopyToSource,
  options: CopyOptions,
  values: ValueContext,
  counter: { rows: number },
): AsyncGenerator<Uint8Array> {
  const { fields } = source;
  const types = fields.map((f) => f.type);
  const binary = options.format === 'binary';
  const forceQuote = fields.map((f) => options.forceQuote === true || options.forceQuote.includes(f.name));
  // binary: the header goes out with the first row, as PostgreSQL sends it
  let header: Uint8Array | null = binary ? binaryHeader() : null;
  if (binary) {
    // nothing here: see `header`
  } else if (options.header) yield utf8.encode(formatCopyRow(fields.map((f) => f.name), options, fields.map(() => false)));
  for await (const b of source.batches) {
    for (let r = 0; r < b.length; r++) {
      const row: Datum[] = b.columns.map((c) => getDatum(c, r));
      if (binary) {
        const bytes = encodeBinaryRow(types, row);
        if (header !== null) {
          const both = new Uint8Array(header.length + bytes.length);
          both.set(header);
          both.set(bytes, header.length);
          header = null;
          yield both;
        } else {
          yield bytes;
        }
      } else {
        const texts = row.map((d, i) => (d === null ? null : formatDatum(types[i]!, d, values)));
        yield utf8.encode(formatCopyRow(texts, options, forceQuote));
      }
      counter.rows++;
    }
  }
  if (header !== null) yield header;
  if (binary) yield binaryTrailer();
}
