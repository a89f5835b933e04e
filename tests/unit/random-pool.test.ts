// The random pool (app/shared/random-pool.ts) hands out each random byte once: the nonces of sealed
// ballots and the receipt codes it feeds must never repeat, across refills of the pool too.
import { describe, expect, it } from "vitest";
import { fillRandom, randomBytesFromPool } from "~/shared/random-pool";
import { open, seal, type BoxPayload } from "~/features/voting/ballot-box";

describe("random pool", () => {
  it("never hands out the same 12-byte nonce twice over many refills", () => {
    const seen = new Set<string>();
    // 12 does not divide 4096: draws straddle the refills.
    for (let i = 0; i < 20_000; i++) seen.add(randomBytesFromPool(12).toString("hex"));
    expect(seen.size).toBe(20_000);
  });

  it("fills only the range asked for, and refuses a range outside the target", () => {
    const target = Buffer.alloc(64, 0xaa);
    fillRandom(target, 8, 16);
    expect(target.subarray(0, 8).every((b) => b === 0xaa)).toBe(true);
    expect(target.subarray(24).every((b) => b === 0xaa)).toBe(true);
    expect(target.subarray(8, 24).equals(Buffer.alloc(16, 0xaa))).toBe(false);
    expect(() => fillRandom(target, 60, 8)).toThrow(RangeError);
    expect(() => fillRandom(target, -1, 4)).toThrow(RangeError);
    expect(() => fillRandom(target, 0, Number.NaN)).toThrow(RangeError);
    expect(() => fillRandom(target, 1.5, 4)).toThrow(RangeError);
    // A refused call leaves the pool as it was: the next draws are still all different.
    expect(randomBytesFromPool(12).equals(randomBytesFromPool(12))).toBe(false);
  });

  it("gives large draws straight from the system, all of them random", () => {
    const a = randomBytesFromPool(5_000);
    const b = randomBytesFromPool(5_000);
    expect(a.equals(b)).toBe(false);
    // About 20 of 5,000 bytes are zero by chance; a range left unfilled would be far more.
    expect(a.filter((x) => x === 0).length).toBeLessThan(100);
  });

  it("gives every sealed entry of the same ballot a nonce of its own, and each still opens", () => {
    const payload: BoxPayload = { area: "keskinen", picks: ["p1"], voterKey: "k".repeat(64), receiptHash: "r".repeat(64), cast: 1 };
    const entries = Array.from({ length: 1_000 }, () => seal("secret", "round-1", payload));
    expect(new Set(entries.map((e) => e.subarray(0, 12).toString("hex"))).size).toBe(1_000);
    expect(open("secret", "round-1", entries[999] as Buffer)).toEqual(payload);
  });
});
