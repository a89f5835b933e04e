// The ballot box's sealing (docs/decisions/009-ballot-box.md), with no database: a cast's ballot of
// one area is sealed with AES-256-GCM under a key derived from BALLOT_SECRET (HKDF-SHA256, label
// "ballot-box"), a random 96-bit nonce, and the round id as associated data, after padding the
// payload to a fixed size, so that every entry of a realistic ballot is exactly SEALED_SIZE bytes
// whatever its picks. The mixer (ballot-box.server.ts) opens, shuffles and counts them.
import { createCipheriv, createDecipheriv, hkdfSync, randomInt } from "node:crypto";
import { fillRandom } from "~/shared/random-pool";

/** The plaintext (length prefix, JSON, zero padding) of an entry is a multiple of this, normally exactly this. */
export const PADDED_SIZE = 2048;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const LENGTH_BYTES = 4;
/** The size of a sealed entry whose payload fits PADDED_SIZE (about 45 picks in one area). */
export const SEALED_SIZE = NONCE_BYTES + PADDED_SIZE + TAG_BYTES;

/** What a box entry holds: one area's ballot of one cast. */
export interface BoxPayload {
  area: string;
  /** Project ids; empty when the voter picked nothing in the area (a recast then removes the earlier ballot). */
  picks: string[];
  voterKey: string;
  receiptHash: string;
  /** `Participation.casts` after this cast: the highest one per voterKey is the voter's last. */
  cast: number;
}

export class SealError extends Error {
  constructor(message = "the sealed ballot cannot be opened (wrong secret, another round, or altered)") {
    super(message);
    this.name = "SealError";
  }
}

const keys = new Map<string, Buffer>();

/** The box key: HKDF-SHA256 of the ballot secret with the label "ballot-box". */
export function boxKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), Buffer.from("ballot-box", "utf8"), 32));
    keys.set(secret, key);
  }
  return key;
}

const aad = (roundId: string) => Buffer.from(`omakoulu-ballot-box:${roundId}`, "utf8");

/** The payload as length prefix + JSON + zeros, to a multiple of PADDED_SIZE. */
export function pad(payload: BoxPayload): Buffer {
  const json = Buffer.from(JSON.stringify({ a: payload.area, p: payload.picks, k: payload.voterKey, r: payload.receiptHash, c: payload.cast }), "utf8");
  const size = Math.max(1, Math.ceil((LENGTH_BYTES + json.length) / PADDED_SIZE)) * PADDED_SIZE;
  const out = Buffer.alloc(size);
  out.writeUInt32BE(json.length, 0);
  json.copy(out, LENGTH_BYTES);
  return out;
}

function unpad(plain: Buffer): BoxPayload {
  const length = plain.readUInt32BE(0);
  if (length > plain.length - LENGTH_BYTES) throw new SealError("the sealed ballot's length is wrong");
  const value = JSON.parse(plain.subarray(LENGTH_BYTES, LENGTH_BYTES + length).toString("utf8")) as { a: unknown; p: unknown; k: unknown; r: unknown; c: unknown };
  if (
    typeof value.a !== "string" ||
    !Array.isArray(value.p) ||
    !value.p.every((p) => typeof p === "string") ||
    typeof value.k !== "string" ||
    typeof value.r !== "string" ||
    typeof value.c !== "number"
  ) {
    throw new SealError("the sealed ballot's payload is malformed");
  }
  return { area: value.a, picks: value.p as string[], voterKey: value.k, receiptHash: value.r, cast: value.c };
}

/** Seals one area's ballot for `roundId`: nonce ‖ ciphertext ‖ tag, in one buffer of its own. */
export function seal(secret: string, roundId: string, payload: BoxPayload): Buffer {
  const plain = pad(payload);
  // Every cast seals an entry per area: one output buffer, written in place, instead of the copies
  // that concatenating the parts would make.
  const sealed = Buffer.allocUnsafeSlow(NONCE_BYTES + plain.length + TAG_BYTES);
  fillRandom(sealed, 0, NONCE_BYTES);
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", boxKey(secret), nonce);
  cipher.setAAD(aad(roundId));
  let at = NONCE_BYTES + cipher.update(plain).copy(sealed, NONCE_BYTES);
  at += cipher.final().copy(sealed, at);
  at += cipher.getAuthTag().copy(sealed, at);
  // Every byte written (GCM gives out as many bytes as it is given): no uninitialised memory is stored.
  if (at !== sealed.length) throw new Error(`sealing wrote ${at} of ${sealed.length} bytes`);
  return sealed;
}

/** Opens a sealed entry of `roundId`; throws SealError when it was altered, is of another round, or the secret is wrong. */
export function open(secret: string, roundId: string, sealed: Uint8Array): BoxPayload {
  // A view of the same bytes, not a copy (the mixer opens thousands at once).
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < NONCE_BYTES + PADDED_SIZE + TAG_BYTES) throw new SealError("the sealed ballot is too short");
  const decipher = createDecipheriv("aes-256-gcm", boxKey(secret), bytes.subarray(0, NONCE_BYTES));
  decipher.setAAD(aad(roundId));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealError();
  }
  return unpad(plain);
}

/** A uniformly random permutation of `items` (Fisher–Yates with crypto.randomInt); the input is left alone. */
export function shuffle<T>(items: readonly T[], random: (max: number) => number = randomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The entries to count: the newest (highest `cast`) per voterKey, in the order given. The others are
 * superseded by a recast made before the mix.
 */
export function newestPerVoter<T extends { payload: BoxPayload }>(entries: readonly T[]): { kept: T[]; superseded: T[] } {
  const newest = new Map<string, T>();
  for (const entry of entries) {
    const seen = newest.get(entry.payload.voterKey);
    if (!seen || entry.payload.cast > seen.payload.cast) newest.set(entry.payload.voterKey, entry);
  }
  const keep = new Set(newest.values());
  return { kept: entries.filter((e) => keep.has(e)), superseded: entries.filter((e) => !keep.has(e)) };
}
