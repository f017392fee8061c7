/** Arrow Table → ZSTD-compressed Parquet bytes (parquet-wasm). */
import { tableToIPC, type Table } from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { dictionaryEncodeText } from './dictionary_text.js';

export interface ParquetWriteOptions {
  /** max rows per row group; default 1<<17 (several per big file: parallel scans, row-group skipping) */
  readonly maxRowGroupSize?: number;
  /** "created by" in the footer; default "Pier/0.1.0" */
  readonly createdBy?: string;
  /** store low-cardinality text columns as Arrow dictionaries (see dictionary_text.ts); default true */
  readonly dictionaryText?: boolean;
}

export function writeParquetBytes(table: Table, options: ParquetWriteOptions = {}): Uint8Array {
  const source = options.dictionaryText === false ? table : dictionaryEncodeText(table);
  const wt = pw.Table.fromIPCStream(tableToIPC(source, 'stream'));
  const props = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.ZSTD)
    .setMaxRowGroupSize(options.maxRowGroupSize ?? 1 << 17)
    .setCreatedBy(options.createdBy ?? 'Pier/0.1.0')
    .build();
  // writeParquet consumes both the table and the properties
  return pw.writeParquet(wt, props);
}
