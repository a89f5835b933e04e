import { describe, expect, it } from "vitest";
import { CODE_BITS, generateCode, hashCode, normaliseCode } from "~/features/access/codes";

// Crockford's base32: digits and letters without I, L, O and U.
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PRINTED = new RegExp(`^[${CROCKFORD}]{4}-[${CROCKFORD}]{4}-[${CROCKFORD}]{4}$`);

/** A fake random source that returns the given bytes (repeating them as needed). */
const bytesOf = (values: number[]) => (n: number) => Uint8Array.from({ length: n }, (_, i) => values[i % values.length] ?? 0);

describe("generateCode", () => {
  it("prints codes as XXXX-XXXX-XXXX in Crockford base32", () => {
    for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(PRINTED);
  });

  it("has enough randomness that codes cannot be guessed", () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(50);
    // 12 symbols of 5 bits each is what the printed form can carry at most.
    expect(CODE_BITS).toBeLessThanOrEqual(12 * 5);
  });

  it("does not repeat codes", () => {
    const codes = new Set(Array.from({ length: 5000 }, () => generateCode()));
    expect(codes.size).toBe(5000);
  });

  it("can produce every symbol of the alphabet and nothing else", () => {
    const seen = new Set<string>();
    // Feed every byte value 0..255 through the generator, 12 at a time.
    for (let start = 0; start < 256; start += 12) {
      const code = generateCode(bytesOf(Array.from({ length: 12 }, (_, i) => (start + i) % 256)));
      expect(code).toMatch(PRINTED);
      for (const ch of code.replace(/-/g, "")) seen.add(ch);
    }
    expect([...seen].sort().join("")).toBe([...CROCKFORD].sort().join(""));
  });

  it("maps byte values evenly onto the alphabet", () => {
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const ch = generateCode(bytesOf([b])).charAt(0);
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    for (const count of counts.values()) expect(count).toBe(256 / 32);
  });

  it("generates codes that normalise back to themselves", () => {
    for (let i = 0; i < 100; i++) {
      const code = generateCode();
      expect(normaliseCode(code)).toBe(code.replace(/-/g, ""));
    }
  });
});

describe("normaliseCode", () => {
  const canonical = "7KQ2M9XD4TRA";

  it.each([
    ["7KQ2-M9XD-4TRA"],
    ["7kq2-m9xd-4tra"],
    ["7KQ2 M9XD 4TRA"],
    ["  7kq2m9xd4tra  "],
    ["7KQ2–M9XD–4TRA"], // en-dashes, as word processors print them
    ["7KQ2 - M9XD - 4TRA"],
  ])("accepts %j", (typed) => {
    expect(normaliseCode(typed)).toBe(canonical);
  });

  it("reads O as zero and I and L as one", () => {
    expect(normaliseCode("OOOO-IIII-LLLL")).toBe("000011111111");
    expect(normaliseCode("oooo-iiii-llll")).toBe("000011111111");
    expect(normaliseCode("1O2I-3L4o-5i6l")).toBe("102131405161");
  });

  it.each([
    ["too short", "7KQ2-M9XD-4TR"],
    ["too long", "7KQ2-M9XD-4TRAX"],
    ["empty", ""],
    ["only dashes", "----"],
    ["contains U", "7KQ2-M9XD-4TRU"],
    ["contains a symbol", "7KQ2-M9XD-4TR!"],
    ["contains a non-Latin letter", "7KQ2-M9XD-4TRÄ"],
  ])("rejects a code that is %s", (_label, typed) => {
    expect(normaliseCode(typed)).toBeNull();
  });
});

describe("hashCode", () => {
  it("is deterministic and hexadecimal", () => {
    const a = hashCode("7KQ2M9XD4TRA");
    expect(a).toMatch(/^[0-9a-f]+$/);
    expect(a.length).toBeGreaterThanOrEqual(64);
    expect(hashCode("7KQ2M9XD4TRA")).toBe(a);
  });

  it("differs between codes, even neighbouring ones", () => {
    const hashes = new Set(["7KQ2M9XD4TRA", "7KQ2M9XD4TRB", "8KQ2M9XD4TRA", "000000000000"].map(hashCode));
    expect(hashes.size).toBe(4);
  });

  it("gives the same hash for every way a pupil may type the code", () => {
    const typed = ["7kq2-m9xd-4tra", "7KQ2 M9XD 4TRA", "7KQ2–M9XD–4TRA"].map((t) => hashCode(normaliseCode(t) ?? ""));
    expect(new Set(typed).size).toBe(1);
  });

  it("does not contain the code", () => {
    for (let i = 0; i < 50; i++) {
      const code = normaliseCode(generateCode()) ?? "";
      const hash = hashCode(code);
      expect(hash.toUpperCase()).not.toContain(code);
      expect(hash).not.toContain(code.toLowerCase());
    }
  });
});
