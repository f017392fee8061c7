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
type S3Key = 's3Endpoint' | 's3Region' | 's3AccessKeyId' | 's3SecretAccessKey' | 's3SessionToken' | 's3ForcePathStyle';

/** S3 keys: internal name → config-file name inside "s3" (also accepted flat as "s3.<name>"). */
const S3_FILE_KEYS: Readonly<Record<S3Key, keyof PierConfig['s3']>> = {
  s3Endpoint: 'endpoint', s3Region: 'region', s3AccessKeyId: 'accessKeyId', s3SecretAccessKey: 'secretAccessKey',
  s3SessionToken: 'sessionToken', s3ForcePathStyle: 'forcePathStyle',
};

const KEYS: readonly { key: keyof PierConfig | 'authMethod' | 'users' | S3Key | TlsKey; env: string; flag: string; help: string }[] = [
  { key: 'tlsCert', env: 'PIER_TLS_CERT', flag: '--tls-cert', help: 'PEM certificate file: enables TLS (sslmode=require) with tls.key; file: tls.cert' },
  { key: 'tlsKey', env: 'PIER_TLS_KEY', flag: '--tls-key', help: 'PEM private key file of the TLS certificate; file: tls.key' },
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
  { key: 'cacheMaxBytes', env: 'PIER_CACHE_MAX_BYTES', flag: '--cache-max-bytes', help: 'decoded column-chunk cache budget in bytes, 0 = off (default 2 GiB, at most 1/8 of memory); file: cache.maxBytes' },
  { key: 's3Endpoint', env: 'PIER_S3_ENDPOINT', flag: '--s3-endpoint', help: 'S3 endpoint URL, e.g. http://127.0.0.1:9000 (default AWS; AWS_ENDPOINT_URL_S3 also works); file: s3.endpoint' },
  { key: 's3Region', env: 'PIER_S3_REGION', flag: '--s3-region', help: 'S3 region (default AWS_REGION, else us-east-1); file: s3.region' },
  { key: 's3AccessKeyId', env: 'PIER_S3_ACCESS_KEY_ID', flag: '--s3-access-key-id', help: 'S3 access key (default: the AWS credential chain); file: s3.accessKeyId' },
  { key: 's3SecretAccessKey', env: 'PIER_S3_SECRET_ACCESS_KEY', flag: '--s3-secret-access-key', help: 'S3 secret key; file: s3.secretAccessKey' },
  { key: 's3SessionToken', env: 'PIER_S3_SESSION_TOKEN', flag: '--s3-session-token', help: 'S3 session token (temporary credentials); file: s3.sessionToken' },
  { key: 's3ForcePathStyle', env: 'PIER_S3_FORCE_PATH_STYLE', flag: '--s3-force-path-style', help: 'true | false: path-style S3 URLs (default true with an endpoint); file: s3.forcePathStyle' },
  { key: 'adminToken', env: 'PIER_ADMIN_TOKEN', flag: '--admin-token', help: 'bearer token of the admin API (default none: loopback clients only); file: admin.token' },
  { key: 'optimizeTargetFileSize', env: 'PIER_OPTIMIZE_TARGET_FILE_SIZE', flag: '--optimize-target-file-size', help: 'OPTIMIZE target file size in bytes when a table has no delta.targetFileSize (default 134217728); file: optimize.targetFileSize' },
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
  let cfg: { -readonly [K in keyof PierConfig]: PierConfig[K] } = { ...base, auth: { ...base.auth }, s3: { ...base.s3 } };
  for (const { source, values } of layers) cfg = applyLayer(cfg, values, source);
  if ((cfg.s3.accessKeyId === null) !== (cfg.s3.secretAccessKey === null)) {
    throw new ConfigError('s3.accessKeyId and s3.secretAccessKey must be given together (or neither, for the AWS credential chain)');
  }
  if (cfg.tls !== undefined && (cfg.tls.cert === null) !== (cfg.tls.key === null)) {
    throw new ConfigError('tls.cert and tls.key must be given together (PIER_TLS_CERT / PIER_TLS_KEY, --tls-cert / --tls-key)');
  }
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
  const allowed = new Set<string>([...KEYS.map((k) => k.key).filter((k) => !k.startsWith('s3') && !k.startsWith('tls')), 'auth', 'cache', 'query', 's3', 'tls', 'admin', 'optimize']);
  // flat "s3.endpoint" keys are the same as { "s3": { "endpoint": … } }
  for (const name of Object.values(S3_FILE_KEYS)) {
    if (raw[`s3.${name}`] === undefined) continue;
    raw['s3'] = { ...(typeof raw['s3'] === 'object' && raw['s3'] !== null ? raw['s3'] : {}), [name]: raw[`s3.${name}`] };
    delete raw[`s3.${name}`];
  }
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) throw new ConfigError(`config file ${path}: unknown key "${key}"`);
  }
  if (raw['s3'] !== undefined) {
    const s3 = raw['s3'] as Raw;
    if (typeof s3 !== 'object' || s3 === null || Array.isArray(s3)) throw new ConfigError(`config file ${path}: "s3" must be an object`);
    for (const key of Object.keys(s3)) {
      const internal = (Object.keys(S3_FILE_KEYS) as S3Key[]).find((k) => S3_FILE_KEYS[k] === key);
      if (internal === undefined) throw new ConfigError(`config file ${path}: unknown key "s3.${key}"`);
      raw[internal] = s3[key];
    }
    delete raw['s3'];
  }
  if (raw['tls'] !== undefined) {
    const tls = raw['tls'] as Raw;
    if (typeof tls !== 'object' || tls === null || Array.isArray(tls)) throw new ConfigError(`config file ${path}: "tls" must be an object`);
    for (const key of Object.keys(tls)) {
      if (key !== 'cert' && key !== 'key') throw new ConfigError(`config file ${path}: unknown key "tls.${key}"`);
      raw[key === 'cert' ? 'tlsCert' : 'tlsKey'] = tls[key];
    }
    delete raw['tls'];
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

/** TLS keys (config file: { "tls": { "cert": …, "key": … } }). */
type TlsKey = 'tlsCert' | 'tlsKey';

type MutableConfig = { -readonly [K in keyof PierConfig]: PierConfig[K] };

function applyLayer(cfg: MutableConfig, values: Raw, source: string): MutableConfig {
  const out: MutableConfig = { ...cfg, auth: { ...cfg.auth }, s3: { ...cfg.s3 } };
  for (const [key, value] of Object.entries(values)) {
    const where = `${source}: ${key}`;
    switch (key) {
      case 'host': case 'adminHost': case 'database':
        out[key] = nonEmptyString(value, where);
        break;
      case 'warehouse':
        out.warehouse = nonEmptyString(value, where);
        if (/^s3a?:\/\//i.test(out.warehouse)) {
          if (!/^s3a?:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/i.test(out.warehouse)) throw new ConfigError(`${where}: not a valid s3://bucket[/prefix] location: ${out.warehouse}`);
          break;
        }
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(out.warehouse) && !out.warehouse.startsWith('file://')) {
          throw new ConfigError(`${where}: expected a folder, file:///path or s3://bucket/prefix, got ${out.warehouse}`);
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
      case 'adminToken':
        out.adminToken = nonEmptyString(value, where);
        break;
      case 'optimizeTargetFileSize':
        out.optimizeTargetFileSize = integer(value, where, 1, Number.MAX_SAFE_INTEGER);
        break;
      case 'admin': {
        // config file: { "admin": { "token": "..." } }
        const a = (typeof value === 'object' && value !== null ? value : {}) as Raw;
        if (a['token'] !== undefined) out.adminToken = nonEmptyString(a['token'], `${where}.token`);
        break;
      }
      case 'optimize': {
        // config file: { "optimize": { "targetFileSize": N } }
        const o = (typeof value === 'object' && value !== null ? value : {}) as Raw;
        if (o['targetFileSize'] !== undefined) out.optimizeTargetFileSize = integer(o['targetFileSize'], `${where}.targetFileSize`, 1, Number.MAX_SAFE_INTEGER);
        break;
      }
      case 'query': {
        // config file: { "query": { "maxMemoryBytes": N } }
        const q = (typeof value === 'object' && value !== null ? value : {}) as Raw;
        if (q['maxMemoryBytes'] !== undefined) out.queryMaxMemoryBytes = integer(q['maxMemoryBytes'], `${where}.maxMemoryBytes`, 0, Number.MAX_SAFE_INTEGER);
        break;
      }
      case 's3Endpoint': case 's3Region': case 's3AccessKeyId': case 's3SecretAccessKey': case 's3SessionToken':
        out.s3 = { ...out.s3, [S3_FILE_KEYS[key]]: nonEmptyString(value, where) };
        break;
      case 's3ForcePathStyle': {
        const b = typeof value === 'boolean' ? value : /^(true|1|yes|on)$/i.test(String(value)) ? true : /^(false|0|no|off)$/i.test(String(value)) ? false : null;
        if (b === null) throw new ConfigError(`${where}: expected true or false, got ${JSON.stringify(value)}`);
        out.s3 = { ...out.s3, forcePathStyle: b };
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
      case 'tlsCert':
        out.tls = { cert: nonEmptyString(value, where), key: out.tls?.key ?? null };
        break;
      case 'tlsKey':
        out.tls = { cert: out.tls?.cert ?? null, key: nonEmptyString(value, where) };
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
