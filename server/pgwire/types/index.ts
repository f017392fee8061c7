/** Value codecs of the wire protocol: text (type output/input functions) and binary (send/recv). */
export { encodeText, decodeText } from './text.js';
export { encodeBinary, decodeBinary, unsupportedBinary } from './binary.js';
export { encodeNumericBinary, decodeNumericBinary } from './numeric_binary.js';
