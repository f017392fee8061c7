import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../common/errors.js';
import { parseStatements } from '../../../planner/sql/parse.js';
import { statementNodeType, type ParsedStatement } from '../../../planner/sql/statement.js';

async function syntaxError(sql: string): Promise<QueryError> {
  try {
    await parseStatements(sql);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return e as QueryError;
  }
  throw new Error('expected a syntax error');
}

function pg(s: ParsedStatement): Extract<ParsedStatement, { kind: 'pg' }> {
  if (s.kind !== 'pg') throw new Error('expected a pg statement');
  return s;
}

describe('parseStatements: splitting', () => {
  it('splits statements and keeps each text and offset', async () => {
    const sql = "select 1;  SELECT ';' AS x ; /* c; */ insert into t values (1)";
    const stmts = await parseStatements(sql);
    expect(stmts.map((s) => s.text)).toEqual(['select 1', "SELECT ';' AS x", '/* c; */ insert into t values (1)'.replace('/* c; */ ', '')]);
    expect(stmts.map((s) => s.offset)).toEqual([0, 11, sql.indexOf('insert')]);
    expect(stmts.map((s) => statementNodeType(pg(s).ast))).toEqual(['SelectStmt', 'SelectStmt', 'InsertStmt']);
  });

  it('ignores semicolons in dollar quotes, quoted identifiers and comments', async () => {
    const stmts = await parseStatements('select $$a;b$$, "x;y" -- z;\n from t; select 2');
    expect(stmts).toHaveLength(2);
    expect(stmts[1]!.text).toBe('select 2');
  });

  it('gives one empty statement for an empty or comment-only string', async () => {
    for (const sql of ['', '   ', '-- nothing\n', ';', ' ; ; ']) {
      const stmts = await parseStatements(sql);
      expect(stmts).toHaveLength(1);
      expect(stmts[0]!.kind).toBe('empty');
    }
  });

  it('drops empty statements between semicolons', async () => {
    const stmts = await parseStatements('select 1;;select 2;');
    expect(stmts.map((s) => s.text)).toEqual(['select 1', 'select 2']);
  });
});

describe('parseStatements: syntax errors', () => {
  it('reports the token and 1-based position', async () => {
    const e = await syntaxError('SELECT * FROMM t');
    expect(e.sqlstate).toBe('42601');
    expect(e.message).toBe('syntax error at or near "FROMM"');
    expect(e.position).toBe(10);
  });

  it('reports end of input at length + 1', async () => {
    const e = await syntaxError('SELECT (1');
    expect(e.message).toBe('syntax error at end of input');
    expect(e.position).toBe(10);
  });

  it('positions are relative to the whole query string, in characters', async () => {
    // PostgreSQL 15: select 'é'; SELECT * FROMM t  → position 22
    const e = await syntaxError("select 'é'; SELECT * FROMM t");
    expect(e.position).toBe(22);
    const e2 = await syntaxError('select 1; SELECT * FROMM t');
    expect(e2.position).toBe(20);
  });

  it('reports unterminated strings', async () => {
    const e = await syntaxError("select 'abc");
    expect(e.sqlstate).toBe('42601');
    expect(e.message).toMatch(/unterminated quoted string/);
  });
});

describe('lakehouse layer: CREATE TABLE clauses', () => {
  it('recognises PARTITIONED BY, USING, LOCATION, TBLPROPERTIES and COMMENT', async () => {
    const sql =
      "CREATE TABLE sales.orders (id bigint NOT NULL, \"Day\" date, note text DEFAULT 'partitioned by (x)') USING DELTA " +
      "PARTITIONED BY (\"Day\", Id) LOCATION '/data/o''rders' TBLPROPERTIES ('delta.appendOnly' = 'true', a.b = 'c') COMMENT 'all orders'";
    const [s] = await parseStatements(sql);
    const st = pg(s!);
    expect(statementNodeType(st.ast)).toBe('CreateStmt');
    expect(st.extras.createTable).toEqual({
      partitionedBy: ['Day', 'id'],
      using: 'delta',
      location: "/data/o'rders",
      tblProperties: { 'delta.appendOnly': 'true', 'a.b': 'c' },
      comment: 'all orders',
    });
    expect(Buffer.byteLength(st.parsedText)).toBe(Buffer.byteLength(st.text));
    expect(st.parsedText).not.toMatch(/PARTITIONED|TBLPROPERTIES|LOCATION/);
    expect(st.ast.CreateStmt.tableElts).toHaveLength(3);
  });

  it('keeps libpg-query locations valid after a clause is removed', async () => {
    const [s] = await parseStatements("CREATE TABLE t (a) COMMENT 'é' AS SELECT zz FROM u");
    const st = pg(s!);
    const target = st.ast.CreateTableAsStmt.query.SelectStmt.targetList[0].ResTarget.val.ColumnRef;
    const loc: number = target.location;
    expect(Buffer.from(st.text).subarray(loc, loc + 2).toString()).toBe('zz');
    expect(st.extras.createTable?.comment).toBe('é');
  });

  it('does not touch clauses inside the query of CREATE TABLE AS', async () => {
    const [s] = await parseStatements("CREATE TABLE t PARTITIONED BY (d) AS SELECT 1 AS comment, 'x' AS location");
    const st = pg(s!);
    expect(statementNodeType(st.ast)).toBe('CreateTableAsStmt');
    expect(st.extras.createTable?.partitionedBy).toEqual(['d']);
    expect(st.extras.createTable?.comment).toBeNull();
  });

  it('leaves PostgreSQL PARTITION BY LIST to libpg-query', async () => {
    const [s] = await parseStatements('CREATE TABLE t (a int, d date) PARTITION BY LIST (d)');
    const st = pg(s!);
    expect(st.extras.createTable).toBeUndefined();
    expect(st.ast.CreateStmt.partspec.partParams[0].PartitionElem.name).toBe('d');
  });

  it('reports a malformed clause as a syntax error at the offending token', async () => {
    const e = await syntaxError('select 1; CREATE TABLE t (a int) PARTITIONED BY a');
    expect(e.message).toBe('syntax error at or near "a"');
    expect(e.position).toBe(49);
  });
});
