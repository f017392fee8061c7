/** libpg-query reports UTF-8 byte offsets; PostgreSQL reports 1-based character positions. */

/** 0-based UTF-8 byte offset in `text` → 0-based JS string index. */
export function byteOffsetToIndex(text: string, byteOffset: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    if (bytes >= byteOffset) return i;
    const code = text.codePointAt(i)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
  }
  return text.length;
}

/** 0-based JS string index → 1-based character (code point) position as PostgreSQL counts it. */
export function indexToPosition(text: string, index: number): number {
  let pos = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code >= 0x10000) i++;
    pos++;
  }
  return pos;
}

/** A libpg-query byte `location` in `text` → PostgreSQL's 1-based character position. */
export function locationToPosition(text: string, byteLocation: number): number {
  return indexToPosition(text, byteOffsetToIndex(text, byteLocation));
}

/** Replace text[start, end) with spaces of the same UTF-8 byte length (keeps later byte offsets). */
export function blankOut(text: string, start: number, end: number): string {
  const removed = text.slice(start, end);
  const bytes = Buffer.byteLength(removed, 'utf8');
  return text.slice(0, start) + ' '.repeat(bytes) + text.slice(end);
}
