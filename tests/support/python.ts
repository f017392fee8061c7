/**
 * The Python environment the client and interop tests drive (psycopg, asyncpg, SQLAlchemy, dbt, deltalake,
 * pyspark, duckdb, moto): `.venv-test/` made by `.ci/run` from `requirements-test.txt`, or `PIER_TEST_PYTHON`.
 * Tests that need it call `pythonOrSkip()`; on a machine without it they are skipped with a message saying how
 * to install it (CI always has it).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './pier.js';

export const TEST_PYTHON = process.env.PIER_TEST_PYTHON ?? join(REPO_ROOT, '.venv-test/bin/python');

export const HAVE_TEST_PYTHON = existsSync(TEST_PYTHON);

export const PYTHON_SKIP_MESSAGE = `no test Python at ${TEST_PYTHON}: python3 -m venv .venv-test && .venv-test/bin/pip install -r requirements-test.txt`;

/** Does the test Python have this module? */
export async function pythonHasModule(module: string): Promise<boolean> {
  if (!HAVE_TEST_PYTHON) return false;
  try {
    await runPython(`import ${module}`, [], { timeoutMs: 60_000 });
    return true;
  } catch {
    return false;
  }
}

export interface PythonResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the script, then leaves with os._exit: deltalake 1.2.1 can abort in native code while the interpreter
 * shuts down ("terminate called without an active exception", exit 134) after its work is done and printed.
 * The script's own exit status (exceptions, SystemExit) is kept.
 */
const EXIT_WRAPPER = `
import os, sys, traceback
_code = sys.argv[1]
sys.argv = ['-c'] + sys.argv[2:]
_status = 0
try:
    exec(compile(_code, '<test script>', 'exec'), {'__name__': '__main__'})
except SystemExit as e:
    if isinstance(e.code, int):
        _status = e.code
    elif e.code is not None:
        print(e.code, file=sys.stderr)
        _status = 1
except BaseException:
    traceback.print_exc()
    _status = 1
sys.stdout.flush()
sys.stderr.flush()
os._exit(_status)
`;

/** Run a Python script (given as text) with arguments; rejects with stderr on a non-zero exit. */
export function runPython(script: string, args: readonly string[] = [], options: { readonly timeoutMs?: number; readonly env?: Readonly<Record<string, string>> } = {}): Promise<PythonResult> {
  return new Promise((resolve, reject) => {
    execFile(TEST_PYTHON, ['-c', EXIT_WRAPPER, script, ...args], {
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...(options.env ?? {}) },
    }, (err, stdout, stderr) => {
      if (err) reject(new Error(`python failed: ${err.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}
