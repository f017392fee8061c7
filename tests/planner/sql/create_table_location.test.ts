/** `CREATE TABLE t LOCATION '…'` without a column list parses (as a table with no columns and the location). */
import { describe, expect, it } from 'vitest';
import { parseStatements } from '../../../planner/sql/parse.js';
import type { ParsedStatement } from '../../../planner/sql/statement.js';

async function parsed(sql: string) {
  const [s] = await parseStatements(sql);
  return s as Extract<ParsedStatement, { kind: 'pg' }>;
}

describe('CREATE TABLE … LOCATION', () => {
  it('accepts a location without a column list', async () => {
    const st = await parsed("CREATE TABLE IF NOT EXISTS ext USING DELTA LOCATION 'file:///data/t'");
    expect(st.extras.createTable?.location).toBe('file:///data/t');
    expect(st.ast.CreateStmt.tableElts ?? []).toHaveLength(0);
    expect(st.ast.CreateStmt.if_not_exists).toBe(true);
    expect(Buffer.byteLength(st.parsedText)).toBe(Buffer.byteLength(st.text));
  });

  it('keeps the column list when there is one, and CTAS untouched', async () => {
    const st = await parsed("CREATE TABLE ext (a int) LOCATION '/data/t'");
    expect(st.ast.CreateStmt.tableElts).toHaveLength(1);
    const ctas = await parsed("CREATE TABLE c LOCATION '/data/c' AS SELECT 1 AS a");
    expect(ctas.extras.createTable?.location).toBe('/data/c');
    expect(ctas.ast.CreateTableAsStmt).toBeDefined();
  });
});
