/**
 * SCRAM-SHA-256 server side (RFC 5802 / RFC 7677), mechanism `SCRAM-SHA-256` only; channel binding
 * is not offered. Pure: no IO. One ScramExchange per authentication attempt:
 *   clientFirst(message) → server-first-message
 *   clientFinal(message) → { ok, serverFinal }
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { QueryError, SQLSTATE } from '../../../common/errors.js';

export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
export const SCRAM_ITERATIONS = 4096;

/** The stored verifier of one password (what PostgreSQL keeps in pg_authid). */
export interface ScramVerifier {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

function hmac(key: Buffer, data: string | Buffer): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

export function makeScramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): ScramVerifier {
  // SASLprep is the identity for ASCII passwords; non-ASCII passwords are used as their UTF-8 bytes (as PostgreSQL does when SASLprep fails).
  const salted = pbkdf2Sync(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return { salt, iterations, storedKey: sha256(clientKey), serverKey: hmac(salted, 'Server Key') };
}

function malformed(detail: string): QueryError {
  return new QueryError(SQLSTATE.protocol_violation, 'malformed SCRAM message', { detail, severity: 'FATAL' });
}

/** Split "a=x,b=y" into attributes, checking the expected order of leading ones. */
function parseAttributes(s: string): [string, string][] {
  return s.split(',').map((part) => {
    if (part.length < 2 || part[1] !== '=') throw malformed(`Attribute expected, but found invalid character "${part.slice(0, 1)}".`);
    return [part[0]!, part.slice(2)];
  });
}

export type ScramFinalResult = { readonly ok: true; readonly serverFinal: string } | { readonly ok: false };

export class ScramExchange {
  private gs2Header = '';
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private readonly verifier: ScramVerifier;
  private readonly known: boolean;

  /**
   * `verifier` null = unknown user: the exchange runs with a made-up verifier (so a client cannot
   * tell unknown users from wrong passwords) and always fails at the end.
   */
  constructor(verifier: ScramVerifier | null, private readonly serverNonce: string = randomBytes(18).toString('base64')) {
    this.known = verifier !== null;
    this.verifier = verifier ?? makeScramVerifier(randomBytes(16).toString('hex'));
  }

  clientFirst(message: string): string {
    // gs2-header: cbind-flag "," [authzid] ","
    const c1 = message.indexOf(',');
    const c2 = c1 < 0 ? -1 : message.indexOf(',', c1 + 1);
    if (c1 < 0 || c2 < 0) throw malformed('Unexpected end of input.');
    const flag = message.slice(0, c1);
    if (flag.startsWith('p=')) {
      throw new QueryError(SQLSTATE.protocol_violation, 'channel binding is not supported by this server', { severity: 'FATAL' });
    }
    if (flag !== 'n' && flag !== 'y') throw malformed(`Unexpected channel-binding flag "${flag}".`);
    const authzid = message.slice(c1 + 1, c2);
    if (authzid !== '') {
      throw new QueryError(SQLSTATE.feature_not_supported, 'client uses authorization identity, but it is not supported', { severity: 'FATAL' });
    }
    this.gs2Header = message.slice(0, c2 + 1);
    this.clientFirstBare = message.slice(c2 + 1);
    const attrs = parseAttributes(this.clientFirstBare);
    if (attrs[0]?.[0] === 'm') throw new QueryError(SQLSTATE.feature_not_supported, 'client requires an unsupported SCRAM extension', { severity: 'FATAL' });
    if (attrs[0]?.[0] !== 'n') throw malformed('Attribute "n" expected.');
    if (attrs[1]?.[0] !== 'r' || attrs[1][1] === '') throw malformed('Attribute "r" expected.');
    const clientNonce = attrs[1][1];
    this.nonce = clientNonce + this.serverNonce;
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  clientFinal(message: string): ScramFinalResult {
    const pIdx = message.lastIndexOf(',p=');
    if (pIdx < 0) throw malformed('Could not find proof in client-final-message.');
    const withoutProof = message.slice(0, pIdx);
    const attrs = parseAttributes(withoutProof);
    if (attrs[0]?.[0] !== 'c') throw malformed('Attribute "c" expected.');
    const cbind = Buffer.from(attrs[0][1], 'base64').toString('utf8');
    if (cbind !== this.gs2Header) {
      throw new QueryError(SQLSTATE.protocol_violation, 'unexpected SCRAM channel-binding attribute in client-final-message', { severity: 'FATAL' });
    }
    if (attrs[1]?.[0] !== 'r') throw malformed('Attribute "r" expected.');
    if (attrs[1][1] !== this.nonce) throw malformed('Nonce does not match.');
    const proof = Buffer.from(message.slice(pIdx + 3), 'base64');
    if (proof.length !== 32) throw malformed('Malformed proof in client-final-message.');

    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.verifier.storedKey, authMessage);
    const clientKey = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!;
    const ok = timingSafeEqual(sha256(clientKey), this.verifier.storedKey);
    if (!ok || !this.known) return { ok: false };
    const serverSignature = hmac(this.verifier.serverKey, authMessage);
    return { ok: true, serverFinal: `v=${serverSignature.toString('base64')}` };
  }
}
