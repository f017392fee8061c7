/**
 * Session settings (GUCs): the ones Pier uses (TimeZone, DateStyle, extra_float_digits, search_path, ...),
 * the ones clients set and read back (application_name, client_encoding, statement_timeout, ...) and
 * custom `a.b` placeholders. SET of an unknown plain name is 42704 as in PostgreSQL.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { ValueContext } from '../../common/values/context.js';
import { checkMemorySize, memorySizeBytes, QUERY_MAX_MEMORY } from './memory_setting.js';

interface GucDef {
  /** name as SHOW prints it */
  readonly name: string;
  readonly default: string;
  /** sent as ParameterStatus when it changes */
  readonly report?: boolean;
  /** validate and canonicalise a new value; throws QueryError */
  readonly check?: (value: string) => string;
}

const invalid = (name: string, value: string): QueryError =>
  new QueryError(SQLSTATE.invalid_parameter_value, `invalid value for parameter "${name}": "${value}"`);

function checkTimeZone(v: string): string {
  const s = v.trim();
  if (/^(utc|gmt|z|zulu)$/i.test(s)) return s.toUpperCase() === 'Z' || /^zulu$/i.test(s) ? 'UTC' : s.toUpperCase();
  if (/^[+-]?\d{1,2}(:\d{2})?$/.test(s)) return s;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: s }).resolvedOptions().timeZone;
  } catch {
    throw invalid('TimeZone', v);
  }
}

function checkDateStyle(v: string): string {
  let style = 'ISO';
  let order = 'MDY';
  for (const part of v.split(',').map((p) => p.trim().toLowerCase()).filter((p) => p.length > 0)) {
    if (part === 'iso') style = 'ISO';
    else if (part === 'postgres') style = 'Postgres';
    else if (part === 'sql') style = 'SQL';
    else if (part === 'german') { style = 'German'; order = 'DMY'; }
    else if (part === 'mdy' || part === 'us' || part === 'noneuropean') order = 'MDY';
    else if (part === 'dmy' || part === 'euro' || part === 'european') order = 'DMY';
    else if (part === 'ymd') order = 'YMD';
    else throw invalid('DateStyle', v);
  }
  return `${style}, ${order}`;
}

function intRange(name: string, lo: number, hi: number) {
  return (v: string): string => {
    if (!/^\s*[+-]?\d+\s*$/.test(v)) throw invalid(name, v);
    const n = Number(v);
    if (n < lo || n > hi) throw new QueryError(SQLSTATE.invalid_parameter_value, `${n} is outside the valid range for parameter "${name}" (${lo} .. ${hi})`);
    return String(n);
  };
}

function checkDuration(name: string) {
  return (v: string): string => {
    const m = /^\s*(\d+)\s*(us|ms|s|min|h|d)?\s*$/.exec(v);
    if (m === null) throw invalid(name, v);
    return m[2] === undefined || m[1] === '0' ? m[1]! : `${m[1]}${m[2]}`;
  };
}

function checkBool(name: string) {
  return (v: string): string => {
    const s = v.trim().toLowerCase();
    if (['on', 'true', 'yes', '1', 't', 'y'].includes(s)) return 'on';
    if (['off', 'false', 'no', '0', 'f', 'n'].includes(s)) return 'off';
    throw new QueryError(SQLSTATE.invalid_parameter_value, `parameter "${name}" requires a Boolean value`);
  };
}

function checkEncoding(v: string): string {
  // asyncpg sends client_encoding='utf-8' (quotes included) in the startup packet; PostgreSQL accepts it
  const s = v.trim().replace(/^'(.*)'$/, '$1').toUpperCase().replace(/[-_]/g, '');
  if (s === 'UTF8' || s === 'UNICODE') return 'UTF8';
  if (s === 'SQLASCII') return 'SQL_ASCII';
  throw new QueryError(SQLSTATE.feature_not_supported, `conversion between ${v} and UTF8 is not supported`);
}

const GUCS: readonly GucDef[] = [
  { name: 'TimeZone', default: 'UTC', report: true, check: checkTimeZone },
  { name: 'DateStyle', default: 'ISO, MDY', report: true, check: checkDateStyle },
  { name: 'IntervalStyle', default: 'postgres', report: true, check: (v) => { if (v.toLowerCase() !== 'postgres') throw invalid('IntervalStyle', v); return 'postgres'; } },
  { name: 'extra_float_digits', default: '1', check: intRange('extra_float_digits', -15, 3) },
  { name: 'search_path', default: '"$user", public' },
  { name: 'application_name', default: '', report: true },
  { name: 'client_encoding', default: 'UTF8', report: true, check: checkEncoding },
  { name: 'server_encoding', default: 'UTF8', report: true },
  { name: 'statement_timeout', default: '0', check: checkDuration('statement_timeout') },
  { name: 'lock_timeout', default: '0', check: checkDuration('lock_timeout') },
  { name: 'idle_in_transaction_session_timeout', default: '0', check: checkDuration('idle_in_transaction_session_timeout') },
  { name: 'standard_conforming_strings', default: 'on', report: true, check: (v) => { if (checkBool('standard_conforming_strings')(v) !== 'on') throw new QueryError(SQLSTATE.feature_not_supported, 'standard_conforming_strings = off is not supported'); return 'on'; } },
  { name: 'client_min_messages', default: 'notice' },
  { name: 'default_transaction_isolation', default: 'read committed' },
  { name: 'transaction_isolation', default: 'read committed' },
  { name: 'default_transaction_read_only', default: 'off', report: true, check: checkBool('default_transaction_read_only') },
  { name: 'bytea_output', default: 'hex' },
  { name: 'max_parallel_workers_per_gather', default: '2' },
  { name: 'work_mem', default: '4MB' },
  { name: 'jit', default: 'off', check: checkBool('jit') },
  { name: 'row_security', default: 'on', check: checkBool('row_security') },
  { name: 'synchronous_commit', default: 'on' },
  { name: 'integer_datetimes', default: 'on', report: true },
  { name: 'is_superuser', default: 'on', report: true },
  { name: 'in_hot_standby', default: 'off', report: true },
  { name: 'max_identifier_length', default: '63' },
  { name: 'server_version', default: '15.0', report: true },
  { name: 'server_version_num', default: '150000' },
  { name: 'session_authorization', default: '', report: true },
  { name: 'lc_messages', default: 'C' },
  { name: 'lc_monetary', default: 'C' },
  { name: 'lc_numeric', default: 'C' },
  { name: 'lc_time', default: 'C' },
  { name: QUERY_MAX_MEMORY, default: '0', check: checkMemorySize },
];

/** read-only settings (SET is 55P02 / cant_change_runtime_param) */
const READ_ONLY = new Set(['server_version', 'server_version_num', 'server_encoding', 'integer_datetimes', 'is_superuser', 'in_hot_standby', 'max_identifier_length', 'session_authorization']);

const BY_LOWER = new Map(GUCS.map((g) => [g.name.toLowerCase(), g]));

/** Order of ParameterStatus messages a PostgreSQL 15 server sends at startup. */
const STARTUP_REPORTED = [
  'application_name', 'client_encoding', 'DateStyle', 'default_transaction_read_only', 'in_hot_standby', 'integer_datetimes',
  'IntervalStyle', 'is_superuser', 'server_encoding', 'server_version', 'session_authorization', 'standard_conforming_strings', 'TimeZone',
];

export class Settings {
  private readonly values = new Map<string, string>();
  private readonly defaults = new Map<string, string>();

  /** `overrides`: defaults from configuration and startup packet, by any-case name */
  constructor(overrides: Readonly<Record<string, string>> = {}) {
    for (const g of GUCS) this.defaults.set(g.name.toLowerCase(), g.default);
    for (const [k, v] of Object.entries(overrides)) {
      const key = k.toLowerCase();
      const def = BY_LOWER.get(key);
      this.defaults.set(key, def?.check ? def.check(v) : v);
    }
  }

  /** The name SHOW prints; 42704 for unknown plain names. */
  canonicalName(name: string): string {
    const def = BY_LOWER.get(name.toLowerCase());
    if (def !== undefined) return def.name;
    if (name.includes('.')) return name.toLowerCase();
    throw new QueryError(SQLSTATE.undefined_object, `unrecognized configuration parameter "${name}"`);
  }

  get(name: string): string {
    const key = this.canonicalName(name).toLowerCase();
    const v = this.values.get(key) ?? this.defaults.get(key);
    if (v === undefined) throw new QueryError(SQLSTATE.undefined_object, `unrecognized configuration parameter "${name}"`);
    return v;
  }

  /** Set a value; returns [canonical name, value] when it is reported to the client (ParameterStatus). */
  set(name: string, value: string): [string, string] | null {
    const canonical = this.canonicalName(name);
    const key = canonical.toLowerCase();
    if (READ_ONLY.has(key)) throw new QueryError('55P02', `parameter "${canonical}" cannot be changed`);
    const def = BY_LOWER.get(key);
    const v = def?.check ? def.check(value) : value;
    const before = this.values.get(key) ?? this.defaults.get(key);
    this.values.set(key, v);
    return def?.report === true && before !== v ? [canonical, v] : null;
  }

  reset(name: string): [string, string] | null {
    const canonical = this.canonicalName(name);
    const key = canonical.toLowerCase();
    if (READ_ONLY.has(key)) throw new QueryError('55P02', `parameter "${canonical}" cannot be changed`);
    const before = this.values.get(key) ?? this.defaults.get(key);
    this.values.delete(key);
    const after = this.values.get(key) ?? this.defaults.get(key) ?? '';
    return BY_LOWER.get(key)?.report === true && before !== after ? [canonical, after] : null;
  }

  resetAll(): [string, string][] {
    const changed: [string, string][] = [];
    for (const key of [...this.values.keys()]) {
      const r = this.reset(BY_LOWER.get(key)?.name ?? key);
      if (r !== null) changed.push(r);
    }
    return changed;
  }

  /** every known setting, for SHOW ALL */
  all(): [string, string][] {
    const names = new Set([...GUCS.map((g) => g.name), ...[...this.values.keys()].filter((k) => !BY_LOWER.has(k))]);
    return [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())).map((n) => [n, this.get(n)]);
  }

  startupParameters(): [string, string][] {
    return STARTUP_REPORTED.map((n) => [n, this.get(n)]);
  }

  valueContext(): ValueContext {
    return {
      timeZone: this.get('TimeZone'),
      dateStyle: this.get('DateStyle'),
      extraFloatDigits: Number(this.get('extra_float_digits')),
      intervalStyle: this.get('IntervalStyle'),
    };
  }

  /** search_path as a list of schema names ("$user" kept; the caller drops schemas that do not exist) */
  searchPath(user: string): string[] {
    return splitSearchPath(this.get('search_path')).map((s) => (s === '$user' ? user : s));
  }

  /** pier.query_max_memory in bytes (0 = no limit) */
  queryMaxMemoryBytes(): number {
    return memorySizeBytes(this.get(QUERY_MAX_MEMORY));
  }

  /** statement_timeout in milliseconds (0 = none) */
  statementTimeoutMs(): number {
    const m = /^(\d+)(us|ms|s|min|h|d)?$/.exec(this.get('statement_timeout'));
    if (m === null) return 0;
    const n = Number(m[1]);
    const unit = m[2] ?? 'ms';
    return unit === 'us' ? Math.ceil(n / 1000) : unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'min' ? n * 60_000 : unit === 'h' ? n * 3_600_000 : n * 86_400_000;
  }
}

/** `"$user", public, "My Schema"` → ['$user', 'public', 'My Schema'] (unquoted names folded to lower case). */
export function splitSearchPath(v: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^,\s]+))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < v.length && (m = re.exec(v)) !== null) {
    if (m[1] !== undefined) out.push(m[1].replace(/""/g, '"'));
    else if (m[2] !== undefined) out.push(m[2].toLowerCase());
  }
  return out;
}
