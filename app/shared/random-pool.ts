// Random bytes for many small draws: the nonce of every sealed ballot-box entry and the receipt code
// of every cast. Each `crypto.randomFillSync` call costs about 20 µs whatever its size (Node creates a
// job object per call), so the bytes are drawn 4 KB at a time and handed out in order, each byte once,
// as Node's own `crypto.randomUUID()` does. Server-side only (node:crypto).
import { randomFillSync } from "node:crypto";

const POOL_BYTES = 4096;
/** Made on first use: modules that import this one also reach the browser, which has no Buffer. */
let pool: Buffer | undefined;
/** Bytes of the pool already handed out; the pool is filled on first use. */
let used = POOL_BYTES;

/** Fills `size` bytes of `target` from `offset` with cryptographically strong random bytes, never handed out before. */
export function fillRandom(target: Uint8Array, offset = 0, size = target.length - offset): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(size) || offset < 0 || size < 0 || offset + size > target.length) {
    throw new RangeError("fillRandom: the range is not whole bytes inside the target");
  }
  if (size > POOL_BYTES / 4) {
    randomFillSync(target, offset, size);
    return;
  }
  if (!pool || used + size > POOL_BYTES) {
    pool ??= Buffer.alloc(POOL_BYTES);
    randomFillSync(pool);
    used = 0;
  }
  pool.copy(target, offset, used, used + size);
  // Handed out: nothing later can see these bytes again in the pool.
  pool.fill(0, used, used + size);
  used += size;
}

/** `size` random bytes (as crypto.randomBytes), from the pool. */
export function randomBytesFromPool(size: number): Buffer {
  // Memory of its own, not a slice of Node's shared buffer pool: these bytes become sign-in and receipt codes.
  const bytes = Buffer.allocUnsafeSlow(size);
  fillRandom(bytes);
  return bytes;
}
