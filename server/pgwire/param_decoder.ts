/** Bind parameter bytes → Datums, using the prepared statement's parameter types. */
import type { Datum } from '../../common/datum.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { SqlType } from '../../common/types.js';
import type { ValueContext } from '../../common/values/context.js';
import { BINARY_FORMAT, expandFormats } from './row_encoder.js';
import { decodeBinary, decodeText } from './types/index.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeParams(
  statementName: string,
  types: readonly SqlType[],
  formats: readonly number[],
  values: readonly (Uint8Array | null)[],
  ctx: ValueContext,
): Datum[] {
  if (values.length !== types.length) {
    throw new QueryError(
      SQLSTATE.protocol_violation,
      `bind message supplies ${values.length} parameters, but prepared statement "${statementName}" requires ${types.length}`,
    );
  }
  const fmts = expandFormats(formats, values.length, () =>
    new QueryError(SQLSTATE.protocol_violation, `bind message has ${formats.length} parameter formats but ${values.length} parameters`),
  );
  return values.map((bytes, i) => {
    if (bytes === null) return null;
    const type = types[i]!;
    try {
      if (fmts[i] === BINARY_FORMAT) return decodeBinary(type, bytes);
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        throw new QueryError('22021', 'invalid byte sequence for encoding "UTF8"');
      }
      return decodeText(type, text, ctx);
    } catch (err) {
      if (err instanceof QueryError && fmts[i] === BINARY_FORMAT && err.sqlstate === SQLSTATE.invalid_text_representation) {
        throw new QueryError('22P03', `incorrect binary data format in bind parameter ${i + 1}`);
      }
      throw err;
    }
  });
}
