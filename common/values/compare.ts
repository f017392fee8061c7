/** Total order of non-null datums of one type: negative, zero, positive (text compares by code point, "C" collation). */
import type { Datum } from '../datum.js';
import type { SqlType } from '../types.js';

export function compareDatums(type: SqlType, a: Exclude<Datum, null>, b: Exclude<Datum, null>): number { throw new Error('TODO'); }
