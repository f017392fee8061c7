/**
 * The authentication exchange after StartupMessage: trust, cleartext password, md5 or SCRAM-SHA-256.
 * Drives the exchange through a small IO interface; throws a FATAL QueryError on failure.
 */
import { randomBytes } from 'node:crypto';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { BodyReader } from '../codec/body_reader.js';
import type { BackendWriter } from '../codec/backend_writer.js';
import type { FrontendMessage } from '../codec/frontend_messages.js';
import type { AuthConfig } from './config.js';
import { effectiveMethod } from './config.js';
import { verifyMd5 } from './md5.js';
import type { ScramVerifier } from './scram.js';
import { makeScramVerifier, SCRAM_MECHANISM, ScramExchange } from './scram.js';

export interface AuthIo {
  readonly out: BackendWriter;
  /** write what `out` holds to the client */
  flush(): Promise<void>;
  /** the next client message, or null when the client went away */
  next(): Promise<FrontendMessage | null>;
}

/** Thrown when the client disconnects during authentication (not an error worth reporting). */
export class ClientGone extends Error {
  constructor() {
    super('client disconnected');
    this.name = 'ClientGone';
  }
}

/** SCRAM verifiers per user, computed once (PBKDF2 is deliberately slow). */
export class ScramVerifierCache {
  private readonly cache = new Map<string, { password: string; verifier: ScramVerifier }>();

  get(user: string, password: string): ScramVerifier {
    const hit = this.cache.get(user);
    if (hit !== undefined && hit.password === password) return hit.verifier;
    const verifier = makeScramVerifier(password);
    this.cache.set(user, { password, verifier });
    return verifier;
  }
}

export function authFailed(user: string): QueryError {
  return new QueryError(SQLSTATE.invalid_password, `password authentication failed for user "${user}"`, { severity: 'FATAL' });
}

async function expectPassword(io: AuthIo): Promise<Buffer> {
  const m = await io.next();
  if (m === null) throw new ClientGone();
  if (m.kind !== 'password') {
    throw new QueryError(SQLSTATE.protocol_violation, `expected password response, got message type ${m.kind}`, { severity: 'FATAL' });
  }
  return Buffer.from(m.data.buffer, m.data.byteOffset, m.data.length);
}

function passwordString(data: Buffer): string {
  const r = new BodyReader(data);
  const s = r.cstring();
  r.end();
  return s;
}

export async function authenticate(
  config: AuthConfig,
  user: string,
  remoteAddress: string | undefined,
  io: AuthIo,
  verifiers: ScramVerifierCache,
): Promise<void> {
  const method = effectiveMethod(config, remoteAddress);
  const password = Object.prototype.hasOwnProperty.call(config.users, user) ? config.users[user]! : null;
  switch (method) {
    case 'trust':
      break;
    case 'password': {
      io.out.authenticationCleartextPassword();
      await io.flush();
      const got = passwordString(await expectPassword(io));
      if (password === null || got !== password) throw authFailed(user);
      break;
    }
    case 'md5': {
      const salt = randomBytes(4);
      io.out.authenticationMD5Password(salt);
      await io.flush();
      const got = passwordString(await expectPassword(io));
      if (password === null || !verifyMd5(user, password, salt, got)) throw authFailed(user);
      break;
    }
    case 'scram-sha-256':
      await scram(user, password, io, verifiers);
      break;
    default: {
      const never: never = method;
      throw new Error(`unknown auth method ${String(never)}`);
    }
  }
  io.out.authenticationOk();
}

async function scram(user: string, password: string | null, io: AuthIo, verifiers: ScramVerifierCache): Promise<void> {
  io.out.authenticationSASL([SCRAM_MECHANISM]);
  await io.flush();
  const first = new BodyReader(await expectPassword(io));
  const mechanism = first.cstring();
  if (mechanism !== SCRAM_MECHANISM) {
    throw new QueryError(SQLSTATE.protocol_violation, 'client selected an invalid SASL authentication mechanism', { severity: 'FATAL' });
  }
  const len = first.int32();
  if (len < 0) throw new QueryError(SQLSTATE.protocol_violation, 'malformed SCRAM message', { detail: 'The message is empty.', severity: 'FATAL' });
  const clientFirst = Buffer.from(first.bytes(len)).toString('utf8');
  first.end();
  const exchange = new ScramExchange(password === null ? null : verifiers.get(user, password));
  const serverFirst = exchange.clientFirst(clientFirst);
  io.out.authenticationSASLContinue(Buffer.from(serverFirst, 'utf8'));
  await io.flush();
  const clientFinal = (await expectPassword(io)).toString('utf8');
  const result = exchange.clientFinal(clientFinal);
  if (!result.ok) throw authFailed(user);
  io.out.authenticationSASLFinal(Buffer.from(result.serverFinal, 'utf8'));
}
