/**
 * pgJDBC (the real driver jar from Maven Central, fetched by `mvn dependency:copy` into the gitignored
 * tests/clients/jdbc/lib/; `.ci/run` warms it) runs tests/clients/jdbc/JdbcClient.java against a real Pier:
 * prepared statements with every type, batch inserts, setFetchSize streaming in a transaction, savepoints,
 * CopyManager, and the DatabaseMetaData calls tools make (schemas, tables, columns, types, keys and indexes —
 * empty: Pier has none —, functions and their columns, privileges).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startPier, type PierProcess } from '../support/pier.js';

export const PGJDBC_VERSION = '42.7.4';
const DIR = join(REPO_ROOT, 'tests/clients/jdbc');
const LIB = join(DIR, 'lib');
const JAR = join(LIB, `postgresql-${PGJDBC_VERSION}.jar`);

function have(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The jar, downloaded once; null (test skipped) when neither the jar nor Maven + Java are there. */
function pgjdbcJar(): string | null {
  if (!have('java', ['-version'])) return null;
  if (existsSync(JAR)) return JAR;
  if (!have('mvn', ['-v'])) return null;
  try {
    execFileSync('mvn', ['-q', 'dependency:copy', `-Dartifact=org.postgresql:postgresql:${PGJDBC_VERSION}`, `-DoutputDirectory=${LIB}`], { stdio: 'ignore', timeout: 240_000 });
  } catch {
    return null;
  }
  return existsSync(JAR) ? JAR : (readdirSync(LIB).map((f) => join(LIB, f)).find((f) => f.endsWith('.jar')) ?? null);
}

const jar = pgjdbcJar();

describe.skipIf(jar === null)('pgJDBC', () => {
  let pier: PierProcess;
  beforeAll(async () => {
    pier = await startPier();
  }, 60_000);
  afterAll(async () => {
    await pier?.stop();
  });

  it('prepared statements, batches, fetch size, savepoints, COPY, metadata', async () => {
    const url = `jdbc:postgresql://127.0.0.1:${pier.port}/pier?sslmode=disable&user=pier`;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile('java', ['-cp', jar!, join(DIR, 'JdbcClient.java'), url], { timeout: 120_000 }, (err, out, stderr) => {
        if (err) reject(new Error(`${err.message}\n${out}\n${stderr}`));
        else resolve(out);
      });
    });
    const got = new Map(stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const));
    expect(got.get('batch')).toBe('[1, 1, 1]');
    expect(got.get('types')).toBe('int4,int8,int2,varchar,bpchar,numeric,float4,float8,bool,date,timestamp,timestamptz');
    expect(got.get('row')).toBe('2|9000000002|-2|name2|c2 |2469.1356|3.0|0.2|true|2024-03-01|2024-01-01T12:30:45.123456|2024-01-01T10:00Z');
    expect(got.get('reused')).toBe('3 6 1 3 6 1 3');
    expect(got.get('fetchsize')).toBe('1 2 3');
    expect(got.get('error')).toBe('22012');
    expect(got.get('after_savepoint')).toBe('3');
    expect(got.get('copy_in')).toBe('2');
    expect(got.get('copy_out')).toBe('2');
    expect(got.get('copy_out_text')).toBe('10,ten\\n11,"el,even"\\n');
    expect(got.get('product')).toBe('PostgreSQL 15');
    expect(got.get('meta.getTables')).toBe('ok 1 j');
    expect(got.get('meta.getColumns')).toBe('ok 12 id,big,small,name,code,amount,r,d,ok,day,ts,tstz');
    expect(got.get('meta.getSchemas')).toMatch(/^ok \d+ .*public/);
    expect(got.get('meta.getTypeInfo')).toMatch(/^ok \d+ bool,/);
    // Pier tables have no keys or indexes: the queries (_pg_expandarray, int2 `&`, pg_settings.max_index_keys) run, empty
    for (const m of ['getPrimaryKeys', 'getIndexInfo', 'getImportedKeys', 'getExportedKeys']) expect([m, got.get(`meta.${m}`)]).toEqual([m, 'ok 0 ']);
    // pgJDBC's getProcedures lists only procedures (prokind 'p') on PostgreSQL 11+; Pier has none
    expect(got.get('meta.getProcedures')).toBe('ok 0 ');
    expect(got.get('meta.getFunctions')).toBe('ok 3 upper,upper,upper');
    expect(got.get('meta.getFunctionColumns')).toMatch(/^ok 6 (\w+,)*text,text$/);
    expect(got.get('meta.getTablePrivileges')).toBe('ok 7 DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE');
  }, 150_000);
});
