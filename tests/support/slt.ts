/**
 * A small sqllogictest reader. Records, separated by blank lines:
 *
 *   statement ok
 *   <sql>
 *
 *   statement error <SQLSTATE> [text the message must contain]
 *   <sql>
 *
 *   query <column types, one letter each: I integer, R real/numeric, T text, B bool, D date/time> [rowsort]
 *   <sql>
 *   ----
 *   <expected rows: columns separated by a tab, NULL for null, (empty) for an empty string>
 *
 * `onlyif pier` on the line before a record marks Pier-only syntax (lakehouse extensions): the runner
 * checks every other record against a throwaway PostgreSQL too, so the expectations are PostgreSQL's.
 * Lines starting with # are comments. Values are compared as the PostgreSQL text format sends them.
 */
interface Common {
  readonly sql: string;
  readonly line: number;
  /** `onlyif pier` before the record: Pier-only syntax, not run on the PostgreSQL reference */
  readonly pierOnly: boolean;
}
export type SltRecord =
  | (Common & { readonly kind: 'statement_ok' })
  | (Common & { readonly kind: 'statement_error'; readonly sqlstate: string; readonly message: string })
  | (Common & { readonly kind: 'query'; readonly types: string; readonly sort: boolean; readonly expected: readonly string[] });

export function parseSlt(text: string): SltRecord[] {
  const lines = text.split('\n');
  const out: SltRecord[] = [];
  let i = 0;
  let pierOnly = false;
  while (i < lines.length) {
    const line = lines[i]!.trimEnd();
    if (line === '' || line.startsWith('#')) {
      i++;
      continue;
    }
    if (line === 'onlyif pier') {
      pierOnly = true;
      i++;
      continue;
    }
    const start = i + 1;
    const head = line.split(/\s+/);
    i++;
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && lines[i]!.trim() !== '----') body.push(lines[i++]!);
    const sql = body.join('\n');
    if (head[0] === 'statement' && head[1] === 'ok') {
      out.push({ kind: 'statement_ok', sql, line: start, pierOnly });
    } else if (head[0] === 'statement' && head[1] === 'error') {
      out.push({ kind: 'statement_error', sql, sqlstate: head[2] ?? '', message: head.slice(3).join(' '), line: start, pierOnly });
    } else if (head[0] === 'query') {
      const expected: string[] = [];
      if (i < lines.length && lines[i]!.trim() === '----') {
        i++;
        while (i < lines.length && lines[i]!.trim() !== '') expected.push(lines[i++]!.trimEnd());
      }
      out.push({ kind: 'query', sql, types: head[1] ?? '', sort: head.includes('rowsort'), expected, line: start, pierOnly });
    } else {
      throw new Error(`line ${start}: unknown record "${line}"`);
    }
    pierOnly = false;
  }
  return out;
}

export function formatRows(rows: readonly unknown[][]): string[] {
  return rows.map((r) => r.map((v) => (v === null ? 'NULL' : v === '' ? '(empty)' : String(v))).join('\t'));
}
