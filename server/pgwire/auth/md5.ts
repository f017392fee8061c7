/** PostgreSQL's md5 password scheme: 'md5' + md5hex(md5hex(password + user) + salt). */
import { createHash, timingSafeEqual } from 'node:crypto';

function md5hex(data: Uint8Array | string): string {
  return createHash('md5').update(data).digest('hex');
}

/** What a client sends for `password` of `user` given the 4-byte `salt`. */
export function md5Response(user: string, password: string, salt: Uint8Array): string {
  const inner = md5hex(password + user);
  return 'md5' + md5hex(Buffer.concat([Buffer.from(inner, 'utf8'), Buffer.from(salt)]));
}

export function verifyMd5(user: string, password: string, salt: Uint8Array, response: string): boolean {
  const expected = Buffer.from(md5Response(user, password, salt), 'utf8');
  const got = Buffer.from(response, 'utf8');
  return expected.length === got.length && timingSafeEqual(expected, got);
}
