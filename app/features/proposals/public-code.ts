// The public code of an idea: the CODE of its status page /i/CODE, printed on the pupil's slip with
// a QR code (docs/domain.md, "Following an idea"). Short and easy to type from paper, yet
// unguessable: 10 characters from 31 unambiguous ones (no 0/O, 1/I/L) is about 49.5 random bits, so
// nobody finds ideas by trying codes. The random source is the platform's cryptographic generator.

/** Digits 2–9 and the capital letters without I, L and O: nothing that reads as another character. */
export const PUBLIC_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const PUBLIC_CODE_LENGTH = 10;

export type RandomBytes = (count: number) => Uint8Array;

/** Cryptographically strong random bytes (Web Crypto, in Node.js 20 as in browsers). */
export const cryptoRandomBytes: RandomBytes = (count) => globalThis.crypto.getRandomValues(new Uint8Array(count));

/**
 * A new random code. Bytes of 248 and above are thrown away (rejection sampling) so that every
 * character is equally likely: 248 = 8 × 31.
 */
export function newPublicCode(random: RandomBytes = cryptoRandomBytes): string {
  const size = PUBLIC_CODE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = "";
  while (code.length < PUBLIC_CODE_LENGTH) {
    for (const byte of random(PUBLIC_CODE_LENGTH * 2)) {
      if (byte >= limit) continue;
      code += PUBLIC_CODE_ALPHABET[byte % size];
      if (code.length === PUBLIC_CODE_LENGTH) break;
    }
  }
  return code;
}

/** A code as typed from paper: lower case, spaces and dashes are forgiven. Null when it cannot be a code. */
export function normalisePublicCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]+/g, "");
  if (code.length !== PUBLIC_CODE_LENGTH) return null;
  for (const ch of code) if (!PUBLIC_CODE_ALPHABET.includes(ch)) return null;
  return code;
}
