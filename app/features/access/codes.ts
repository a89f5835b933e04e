// Pupil sign-in codes: 12 symbols of Crockford's base32 (60 bits of randomness), printed as
// XXXX-XXXX-XXXX. Typing is forgiving: case, spaces and dashes are ignored, and the letters that
// look like digits (O, I, L) are read as the digits. Only a SHA-256 hash of the normalised code is
// stored; with 60 random bits the hash cannot be reversed by guessing.
import { createHash } from "node:crypto";
import { randomBytesFromPool } from "~/shared/random-pool";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
export const CODE_LENGTH = 12;
export const CODE_BITS = CODE_LENGTH * 5;

/** A new random code in its printed form, e.g. "7KQ2-M9XD-4TRA". */
export function generateCode(random: (n: number) => Uint8Array = randomBytesFromPool): string {
  // 5 bits per symbol: draw one byte per symbol and keep its low 5 bits (256 is a multiple of 32,
  // so every symbol is equally likely).
  const bytes = random(CODE_LENGTH);
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[(bytes[i] ?? 0) & 31];
  return formatCode(raw);
}

/** The canonical form of what a pupil typed, or null when it cannot be a code. */
export function normaliseCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-‐‑–—_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
  return cleaned;
}

export function formatCode(normalised: string): string {
  return normalised.match(/.{1,4}/g)?.join("-") ?? normalised;
}

export function hashCode(normalised: string): string {
  return createHash("sha256").update(`omakoulu-code:${normalised}`).digest("hex");
}
