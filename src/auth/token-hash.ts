import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

/**
 * Tokens and their hashes. A token is `elk_<id>_<secret>`: the id finds the
 * stored entry without trying every hash, the secret (256 random bits) is
 * only ever stored as a salted scrypt hash (node:crypto), so a copy of the
 * lake does not give access to the API.
 */
const SCRYPT: ScryptOptions = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export interface NewToken {
  token: string;
  id: string;
  salt: string;
  hash: string;
}

export async function newToken(): Promise<NewToken> {
  const id = randomBytes(6).toString('hex');
  const token = `elk_${id}_${randomBytes(32).toString('base64url')}`;
  const salt = randomBytes(16).toString('base64');
  return { token, id, salt, hash: await hashToken(token, salt) };
}

/** The id part of a well-formed token, else undefined (no hash is computed for garbage). */
export function tokenId(token: string): string | undefined {
  return /^elk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(token)?.[1];
}

export async function hashToken(token: string, salt: string): Promise<string> {
  return (await scryptAsync(token, Buffer.from(salt, 'base64'))).toString('base64');
}

export async function tokenMatches(token: string, salt: string, hash: string): Promise<boolean> {
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(token, Buffer.from(salt, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function scryptAsync(password: BinaryLike, salt: BinaryLike): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))));
}
