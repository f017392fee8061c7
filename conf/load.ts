/**
 * Configuration sources, later ones winning: defaults < config file (JSON; `--config FILE` or PIER_CONFIG)
 * < environment (PIER_*) < command-line flags. Every value is validated once, with a message naming the
 * source and the key.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, type AuthMethod, type PierConfig } from './config.js';
import { defaultConfig } from './defaults.js';

type Raw = Record<string, unknown>;

/** Keys as they appear in the config file, with their env var and CLI flag. */
const KEYS: readonly { key: keyof PierConfig | 'authMethod' | 'users'; env: string; flag: string; help: string }[] = [
  { key: 'host', env: 'PIER_HOST', flag: '--host', help: 'address to listen on (default 127.0.0.1)' },
  { key: 'port', env: 'PIER_PORT', flag: '--port', help: 'PostgreSQL protocol port, 0 = any free port (default 5433)' },
  { key: 'database', env: 'PIER_DATABASE', flag: '--database', help: 'database name clients connect to (default pier)' },
  { key: 'warehouse', env: 'PIER_WAREHOUSE', flag: '--warehouse', help: 'warehouse folder (default ./warehouse)' },
  { key: 'adminPort', env: 'PIER_ADMIN_PORT', flag: '--admin-port', help: 'admin HTTP port, 0 = off (default 5480)' },
  { key: 'adminHost', env: 'PIER_ADMIN_HOST', flag: '--admin-host', help: 'admin HTTP address (default 127.0.0.1)' },
  { key: 'workers', env: 'PIER_WORKERS', flag: '--workers', help: 'scan worker threads, 0 = none (default: cores, max 8)' },
  { key: 'authMethod', env: 'PIER_AUTH_METHOD', flag: '--auth-method', help: 'trust | password | md5 | scram-sha-256 (default trust)' },
  { key: 'users', env: 'PIER_USERS', flag: '--users', help: 'user:password[,user:password...] for password authentication' },
  { key: 'logLevel', env: 'PIER_LOG_LEVEL', flag: '--log-level', help: 'debug | info | warn | error | silent (default info)' },
  { key: 'cacheMaxBytes', env: 'PIER_CACHE_MAX_BYTES', flag: '--cache-max-bytes', help: 'decoded column-chunk cache budget in bytes, 0 = off (default 1 GiB); file: cache.maxBytes' },
  { key: 'queryMaxMemoryBytes', env: 'PIER_QUERY_MAX_MEMORY', flag: '--query-max-memory', help: 'per-query memory limit in bytes, 0 = none (default 60% of the JS heap limit); file: query.maxMemoryBytes' },
];

export function configHelp(): string {
  const lines = ['Options (flag / environment variable / config-file key):'];
  lines.push(`  --config FILE       PIER_CONFIG         JSON config file`);
  for (const k of KEYS) lines.push(`  ${(k.flag + ' V').padEnd(19)} ${k.env.padEnd(19)} ${k.key}: ${k.help}`);
  return lines.join('\n');
}

export interface LoadOptions {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function loadConfig({ argv, env }: LoadOptions): PierConfig {
  const flags = parseFlags(argv);
  const file = flags['--config'] ?? env['PIER_CONFIG'];
  const layers: { source: string; values: Raw }[] = [];
  if (file !== undefined) layers.push({ source: `config file ${file}`, values: readConfigFile(file) });
  const fromEnv: Raw = {};
  const fromFlags: Raw = {};
  for (const k of KEYS) {
    if (env[k.env] !== undefined && env[k.env] !== '') fromEnv[k.key] = env[k.env];
    if (flags[k.flag] !== undefined) fromFlags[k.key] = flags[k.flag];
  }
  layers.push({ source: 'environment', values: fromEnv }, { source: 'command line', values: fromFlags });

  const base = defaultConfig();
  let cfg: { -readonly [K in keyof PierConfig]: PierConfig[K] } = { ...base, auth: { ...base.auth } };
  for (const { source, values } of layers) cfg = applyLayer(cfg, values, source);
  if (cfg.auth.method !== 'trust' && Object.keys(cfg.auth.users).length === 0) {
    throw new ConfigError(`auth method ${cfg.auth.method} needs at least one user (users / PIER_USERS / --users)`);
  }
  return deepFreeze(cfg);
}

function parseFlags(argv: readonly string[]): Record<string, string> {
  const known = new Set(['--config', ...KEYS.map((k) => k.flag)]);
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!known.has(name)) throw new ConfigError(`unknown option ${a} (see pier --help)`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new ConfigError(`option ${name} needs a value`);
    out[name] = value;
  }
  return out;
}

function readConfigFile(path: string): Raw {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config file ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`config file ${path} must hold a JSON object`);
  const raw = parsed as Raw;
  const allowed = new Set<string>([...KEYS.map((k) => k.key), 'auth', 'cache', 'query']);
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) throw new ConfigError(`config file ${path}: unknown key "${key}"`);
  }
  if (raw['auth'] !== undefined) {
    const auth = raw['auth'] as Raw;
    if (typeof auth !== 'object' || auth === null) throw new ConfigError(`config file ${path}: "auth" must be an object`);
    if (auth['method'] !== undefined) raw['authMethod'] = auth['method'];
    if (auth['users'] !== undefined) raw['users'] = auth['users'];
    delete raw['auth'];
  }
  return raw;
}

type MutableConfig = { -readonly [K in keyof PierConfig]: PierConfig[K] };

function applyLayer(cfg: MutableConfig, values: Raw, source: string): MutableConfig {
  const out: MutableConfig = { ...cfg, auth: { ...cfg.auth } };
  for (const [key, value] of Object.entries(values)) {
    const where = `${source}: ${key}`;
    switch (key) {
      case 'host': case 'adminHost': case 'database':
        out[key] = nonEmptyString(value, where);
        break;
      case 'warehouse':
        out.warehouse = nonEmptyString(value, where);
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(out.warehouse) && !out.warehouse.startsWith('file://')) {
          throw new ConfigError(`${where}: only local folders are supported for now, got ${out.warehouse}`);
        }
        if (out.warehouse.startsWith('file://')) out.warehouse = new URL(out.warehouse).pathname;
        break;
      case 'port':
        out.port = integer(value, where, 0, 65535);
        break;
      case 'adminPort':
        out.adminPort = integer(value, where, 0, 65535);
        break;
      case 'workers':
        out.workers = integer(value, where, 0, 256);
        break;
      case 'queryMaxMemoryBytes':
        out.queryMaxMemoryBytes = integer(value, where, 0, Number.MAX_SAFE_INTEGER);
        break;
      case 'cacheMaxBytes':
        out.cacheMaxBytes = integer(value, where, 0, Number.MAX_SAFE_INTEGER);
        break;
      case 'cache': {
        // config file: { "cache": { "maxBytes": N } }
        const c = (typeof value === 'object' && value !== null ? value : {}) as Raw;
        if (c['maxBytes'] !== undefined) out.cacheMaxBytes = integer(c['maxBytes'], `${where}.maxBytes`, 0, Number.MAX_SAFE_INTEGER);
        break;
      }
      case 'query': {
        // config file: { "query": { "maxMemoryBytes": N } }
        const q = (typeof value === 'object' && value !== null ? value : {}) as Raw;
        if (q['maxMemoryBytes'] !== undefined) out.queryMaxMemoryBytes = integer(q['maxMemoryBytes'], `${where}.maxMemoryBytes`, 0, Number.MAX_SAFE_INTEGER);
        break;
      }
      case 'authMethod': {
        const m = nonEmptyString(value, where);
        if (!['trust', 'password', 'md5', 'scram-sha-256'].includes(m)) throw new ConfigError(`${where}: must be trust, password, md5 or scram-sha-256, got "${m}"`);
        out.auth = { ...out.auth, method: m as AuthMethod };
        break;
      }
      case 'users':
        out.auth = { ...out.auth, users: parseUsers(value, where) };
        break;
      case 'logLevel': {
        const l = nonEmptyString(value, where);
        if (!['debug', 'info', 'warn', 'error', 'silent'].includes(l)) throw new ConfigError(`${where}: must be debug, info, warn, error or silent, got "${l}"`);
        out.logLevel = l as PierConfig['logLevel'];
        break;
      }
      default:
        throw new ConfigError(`${where}: unknown setting`);
    }
  }
  return out;
}

function nonEmptyString(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(`${where}: expected a non-empty string`);
  return v.trim();
}

function integer(v: unknown, where: string, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${where}: expected an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return n;
}

function parseUsers(v: unknown, where: string): Record<string, string> {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (const [k, p] of Object.entries(v)) {
      if (typeof p !== 'string') throw new ConfigError(`${where}: password of user "${k}" must be a string`);
      out[k] = p;
    }
    return out;
  }
  if (typeof v !== 'string') throw new ConfigError(`${where}: expected user:password pairs`);
  const out: Record<string, string> = {};
  for (const pair of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = pair.indexOf(':');
    if (i <= 0) throw new ConfigError(`${where}: "${pair}" is not user:password`);
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
