/**
 * TLS for the PostgreSQL listener: a server certificate and key (PEM files) → a secure context; an SSLRequest
 * is answered 'S' and the socket upgraded in place (node:tls), or 'N' when no certificate is configured.
 */
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';

export interface PgTlsOptions {
  readonly context: SecureContext;
}

/** Read the PEM files; throws an Error naming the file that cannot be read or used. */
export function loadTls(certFile: string, keyFile: string): PgTlsOptions {
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new Error(`cannot read TLS ${what} file ${file}: ${(e as Error).message}`);
    }
  };
  const cert = read(certFile, 'certificate');
  const key = read(keyFile, 'key');
  try {
    return { context: createSecureContext({ cert, key }) };
  } catch (e) {
    throw new Error(`invalid TLS certificate/key (${certFile}, ${keyFile}): ${(e as Error).message}`);
  }
}

/**
 * Wrap an accepted socket whose client asked for SSL (after 'S' was sent). Reading from the returned socket
 * yields the decrypted stream once the handshake is done; a failed handshake closes it (an 'error' event).
 */
export function upgradeSocket(socket: Socket, tls: PgTlsOptions): TLSSocket {
  return new TLSSocket(socket, { isServer: true, secureContext: tls.context });
}
