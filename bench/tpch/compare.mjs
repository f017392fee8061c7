// @ts-check
/**
 * TPC-H result comparison, shared by tests/e2e/tpch.test.ts and the benchmark.
 *
 * Rows are arrays of cell strings (null for SQL NULL). Cells compare exactly, except the columns listed in
 * APPROX (averages and ratios: DuckDB computes them as doubles, PostgreSQL as numeric), which compare within
 * a relative tolerance. Row order: rows are grouped into runs of equal ORDER BY keys (ORDER_KEYS); the runs
 * must come in the same order, and within a run the rows compare as a multiset (ties may come in any order).
 * Queries without ORDER BY compare as one multiset.
 */
import { readFileSync } from 'node:fs';

/** Column indexes (0-based) computed as averages or ratios: compared with a relative tolerance. */
export const APPROX = {
  1: [6, 7, 8],
  8: [1],
  14: [0],
  17: [0],
};

/** Output columns named by each query's ORDER BY, in order (null: no ORDER BY). */
export const ORDER_KEYS = {
  1: [0, 1], 2: [0, 2, 1, 3], 3: [1, 2], 4: [0], 5: [1], 6: null, 7: [0, 1, 2], 8: [0], 9: [0, 1], 10: [2],
  11: [1], 12: [0], 13: [1, 0], 14: null, 15: [0], 16: [3, 0, 1, 2], 17: null, 18: [4, 3], 19: null, 20: [0],
  21: [1, 0], 22: [0],
};

export const REL_TOLERANCE = 1e-9;

/** RFC 4180 CSV → rows of strings (header included). Empty unquoted fields are ''. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  let any = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      cell += ch; i++; continue;
    }
    if (ch === '"') { quoted = true; any = true; i++; continue; }
    if (ch === ',') { row.push(cell); cell = ''; any = true; i++; continue; }
    if (ch === '\r') { i++; continue; }
    if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; any = false; i++; continue; }
    cell += ch; any = true; i++;
  }
  if (any || cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** The expected answer of query q (1..22) from an answers directory: { header, rows }. */
export function readAnswer(answersDir, q) {
  const rows = parseCsv(readFileSync(`${answersDir}/q${String(q).padStart(2, '0')}.csv`, 'utf8'));
  return { header: rows[0] ?? [], rows: rows.slice(1) };
}

function closeEnough(a, b, rel) {
  const x = Number(a);
  const y = Number(b);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  if (x === y) return true;
  return Math.abs(x - y) <= rel * Math.max(Math.abs(x), Math.abs(y));
}

/**
 * Cell equality. `approx`: column indexes compared numerically within `rel`; `numericLoose`: every cell that
 * parses as a number on both sides compares within `rel` (Pier vs DuckDB, whose types differ).
 */
export function cellsEqual(expected, actual, col, opts) {
  if (expected === null || actual === null) return (expected === null || expected === '') && (actual === null || actual === '');
  if (expected === actual) return true;
  const rel = opts.rel ?? REL_TOLERANCE;
  if (opts.approx.includes(col)) return closeEnough(expected, actual, rel);
  if (opts.numericLoose && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(expected) && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(actual)) {
    return closeEnough(expected, actual, rel);
  }
  return false;
}

function rowsEqual(e, a, opts) {
  if (e.length !== a.length) return false;
  for (let i = 0; i < e.length; i++) if (!cellsEqual(e[i], a[i], i, opts)) return false;
  return true;
}

/** Multiset equality of two row lists under cellsEqual (greedy matching; rows are short lists). */
function sameMultiset(expected, actual, opts) {
  if (expected.length !== actual.length) return `expected ${expected.length} rows, got ${actual.length}`;
  const key = (r) => r.map((c, i) => (opts.approx.includes(i) || opts.numericLoose ? '' : String(c))).join('\u0001');
  const pool = new Map();
  for (const r of actual) {
    const k = key(r);
    const list = pool.get(k);
    if (list) list.push(r); else pool.set(k, [r]);
  }
  for (const e of expected) {
    const list = pool.get(key(e));
    const idx = list ? list.findIndex((a) => rowsEqual(e, a, opts)) : -1;
    if (!list || idx < 0) return `expected row ${JSON.stringify(e)} is missing`;
    list.splice(idx, 1);
  }
  return null;
}

function keysEqual(e, a, keys, opts) {
  return keys.every((k) => cellsEqual(e[k] ?? null, a[k] ?? null, k, opts));
}

/**
 * Compare a result with the expected rows; returns null when equal, else a description of the first difference.
 * @param {number} q query number
 * @param {(string|null)[][]} expected
 * @param {(string|null)[][]} actual
 * @param {{ numericLoose?: boolean, rel?: number }} [options]
 */
export function compareResult(q, expected, actual, options = {}) {
  const opts = { approx: APPROX[q] ?? [], numericLoose: options.numericLoose ?? false, rel: options.rel };
  if (expected.length !== actual.length) return `expected ${expected.length} rows, got ${actual.length}`;
  const width = expected[0]?.length ?? 0;
  const bad = actual.find((r) => r.length !== width);
  if (bad) return `expected ${width} columns, got ${bad.length}`;
  const keys = ORDER_KEYS[q] ?? null;
  if (keys === null) return sameMultiset(expected, actual, opts);
  let i = 0;
  while (i < expected.length) {
    let j = i + 1;
    while (j < expected.length && keysEqual(expected[i], expected[j], keys, opts)) j++;
    for (let k = i; k < j; k++) {
      if (!keysEqual(expected[i], actual[k], keys, opts)) {
        return `row ${k + 1}: expected ORDER BY keys of ${JSON.stringify(expected[k])}, got ${JSON.stringify(actual[k])}`;
      }
    }
    const diff = sameMultiset(expected.slice(i, j), actual.slice(i, j), opts);
    if (diff !== null) return `rows ${i + 1}..${j}: ${diff}`;
    i = j;
  }
  return null;
}
