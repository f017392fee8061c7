/** Messages a client sends (PostgreSQL protocol 3.0), as plain readonly data. */

export const PROTOCOL_3_0 = 196608; // 3 << 16
export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;

export type FrontendMessage =
  /** StartupMessage; protocolVersion is major << 16 | minor (any version is reported; the connection checks it) */
  | { readonly kind: 'startup'; readonly protocolVersion: number; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'sslRequest' }
  | { readonly kind: 'gssEncRequest' }
  | { readonly kind: 'cancelRequest'; readonly processId: number; readonly secretKey: number }
  | { readonly kind: 'query'; readonly sql: string }
  | { readonly kind: 'parse'; readonly name: string; readonly sql: string; readonly paramTypeOids: readonly number[] }
  | {
      readonly kind: 'bind';
      readonly portal: string;
      readonly statement: string;
      readonly paramFormats: readonly number[];
      /** raw parameter bytes, null = SQL NULL */
      readonly params: readonly (Uint8Array | null)[];
      readonly resultFormats: readonly number[];
    }
  | { readonly kind: 'describe'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly kind: 'execute'; readonly portal: string; readonly maxRows: number }
  | { readonly kind: 'close'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly kind: 'sync' }
  | { readonly kind: 'flush' }
  | { readonly kind: 'terminate' }
  /** 'p': PasswordMessage, SASLInitialResponse or SASLResponse; the meaning depends on the auth step */
  | { readonly kind: 'password'; readonly data: Uint8Array }
  | { readonly kind: 'copyData'; readonly data: Uint8Array }
  | { readonly kind: 'copyDone' }
  | { readonly kind: 'copyFail'; readonly message: string };

export type FrontendMessageKind = FrontendMessage['kind'];
