/** COPY's text / CSV / binary formats and options, against what PostgreSQL 15 reads and writes. */
import { describe, expect, it } from 'vitest';
import { T } from '../../../common/types.js';
import { BinaryRowReader, binaryHeader, binaryTrailer, encodeBinaryRow } from '../../../server/session/copy_binary.js';
import { parseCopyOptions, type CopyOptions } from '../../../server/session/copy_options.js';
import { CopyRecordReader, formatCopyRow } from '../../../server/session/copy_text.js';

const opt = (items: Record<string, string | boolean>, isFrom = true): CopyOptions =>
  parseCopyOptions(Object.entries(items).map(([defname, v]) => ({
    DefElem: { defname, arg: typeof v === 'boolean' ? { Boolean: { boolval: v } } : { String: { sval: v } } },
  })), isFrom, '');

function readAll(options: CopyOptions, pieces: string[]): (string | null)[][] {
  const r = new CopyRecordReader(options);
  const out: (string | null)[][] = [];
  for (const p of pieces) {
    r.push(p);
    for (let rec = r.next(false); rec !== null; rec = r.next(false)) out.push([...rec.fields]);
  }
  for (let rec = r.next(true); rec !== null; rec = r.next(true)) out.push([...rec.fields]);
  return out;
}

describe('COPY text format', () => {
  const text = opt({});
  it('splits at tabs, unescapes, reads \\N as NULL, stops at \\.', () => {
    expect(readAll(text, ['a\\tb\t\\N\tx\\\\y\n', '\\101\\x41\\n\t\t\\N\r\n', '\\.\n', 'ignored\n'])).toEqual([
      ['a\tb', null, 'x\\y'],
      ['AA\n', '', null],
    ]);
  });
  it('keeps a record whole when it arrives in pieces, and reads a last line without newline', () => {
    expect(readAll(text, ['1\tfo', 'o\n2', '\tbar'])).toEqual([['1', 'foo'], ['2', 'bar']]);
  });
  it('an escaped delimiter does not split; a custom NULL string matches before unescaping', () => {
    expect(readAll(opt({ delimiter: '|', null: 'NULL' }), ['a\\|b|NULL|\\N\n'])).toEqual([['a|b', null, 'N']]);
  });
  it('writes escapes and \\N like PostgreSQL', () => {
    expect(formatCopyRow(['a\tb\\c\nd\re', null, ''], text, [])).toBe('a\\tb\\\\c\\nd\\re\t\\N\t\n');
    expect(formatCopyRow(['x|y'], opt({ delimiter: '|' }, false), [])).toBe('x\\|y\n');
  });
});

describe('COPY CSV format', () => {
  const csv = opt({ format: 'csv' });
  it('reads quoted fields with doubled quotes, delimiters and newlines; empty unquoted is NULL, "" is empty', () => {
    expect(readAll(csv, ['1,"a,""b""\n', 'c",,""\r\n2,x'])).toEqual([['1', 'a,"b"\nc', null, ''], ['2', 'x']]);
  });
  it('honours ESCAPE, QUOTE and DELIMITER', () => {
    expect(readAll(opt({ format: 'csv', quote: "'", escape: '\\', delimiter: ';' }), ["'it\\'s';b\n"])).toEqual([["it's", 'b']]);
  });
  it('quotes on output only when needed (or forced), NULL unquoted', () => {
    expect(formatCopyRow(['plain', 'a,b', 'say "hi"', '', null, 'multi\nline'], opt({ format: 'csv' }, false), [])).toBe('plain,"a,b","say ""hi""","",,"multi\nline"\n');
    expect(formatCopyRow(['x', null], opt({ format: 'csv' }, false), [true, true])).toBe('"x",\n');
  });
  it('reports an unterminated quoted field at the end of data', () => {
    expect(() => readAll(csv, ['1,"open\n'])).toThrow('unterminated CSV quoted field');
  });
});

describe('COPY binary format', () => {
  it('round-trips rows with NULLs, arriving in arbitrary pieces', () => {
    const types = [T.int4, T.text, T.numeric, T.date];
    const rows = [[1, 'één', { unscaled: 12345n, scale: 2 }, 19000], [null, null, null, null]];
    const bytes = Buffer.concat([binaryHeader(), ...rows.map((r) => encodeBinaryRow(types, r as never)), binaryTrailer()]);
    const reader = new BinaryRowReader(types);
    const got: unknown[] = [];
    for (let i = 0; i < bytes.length; i += 7) {
      reader.push(bytes.subarray(i, i + 7));
      for (let r = reader.next(false); r !== null; r = reader.next(false)) got.push(r);
    }
    expect(reader.next(true)).toBeNull();
    expect(got).toHaveLength(2);
    expect((got[0] as unknown[])[0]).toBe(1);
    expect((got[0] as unknown[])[1]).toBe('één');
    expect((got[0] as unknown[])[2]).toEqual({ unscaled: 12345n, scale: 2 });
    expect((got[0] as unknown[])[3]).toBe(19000);
    expect(got[1]).toEqual([null, null, null, null]);
  });
  it('rejects a missing signature and a wrong field count', () => {
    const r = new BinaryRowReader([T.int4]);
    r.push(Buffer.from('not a copy file at all......'));
    expect(() => r.next(true)).toThrow('COPY file signature not recognized');
    const r2 = new BinaryRowReader([T.int4]);
    r2.push(Buffer.concat([binaryHeader(), encodeBinaryRow([T.int4, T.int4], [1, 2])]));
    expect(() => r2.next(true)).toThrow('row field count is 2, expected 1');
  });
});

describe('COPY options', () => {
  it('defaults per format', () => {
    expect(opt({})).toMatchObject({ format: 'text', delimiter: '\t', null: '\\N', header: false });
    expect(opt({ format: 'csv', header: true })).toMatchObject({ format: 'csv', delimiter: ',', null: '', quote: '"', escape: '"', header: true });
  });
  it('PostgreSQL messages for bad options', () => {
    expect(() => opt({ format: 'xml' })).toThrow('COPY format "xml" not recognized');
    expect(() => opt({ delimiter: '||' })).toThrow('COPY delimiter must be a single one-byte character');
    expect(() => opt({ quote: "'" })).toThrow('COPY quote available only in CSV mode');
    expect(() => opt({ format: 'binary', delimiter: ',' })).toThrow('cannot specify DELIMITER in BINARY mode');
    expect(() => opt({ format: 'csv', delimiter: '"' })).toThrow('COPY delimiter and quote must be different');
    expect(() => opt({ bogus: 'x' })).toThrow('option "bogus" not recognized');
  });
});
