// The ballot box's sealing and mixing rules (docs/decisions/009-ballot-box.md), without a database.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newestPerVoter, open, SEALED_SIZE, SealError, seal, shuffle, type BoxPayload } from "~/features/voting/ballot-box";

const SECRET = "unit-test-ballot-secret";
const ROUND = "round-1";
const hex = (c: string) => c.repeat(64);

const payload = (picks: string[], overrides: Partial<BoxPayload> = {}): BoxPayload => ({
  area: "koillinen",
  picks,
  voterKey: hex("a"),
  receiptHash: hex("b"),
  cast: 1,
  ...overrides,
});

describe("seal and open", () => {
  it("gives back what was sealed", () => {
    const p = payload([randomUUID(), randomUUID()], { cast: 3 });
    expect(open(SECRET, ROUND, seal(SECRET, ROUND, p))).toEqual(p);
  });

  it("keeps an empty area's ballot (a recast that picks nothing there)", () => {
    const p = payload([]);
    expect(open(SECRET, ROUND, seal(SECRET, ROUND, p))).toEqual(p);
  });

  it("makes every entry the same size, whatever the picks", () => {
    const sizes = new Set([0, 1, 5, 20, 40].map((n) => seal(SECRET, ROUND, payload(Array.from({ length: n }, () => randomUUID()), { area: n % 2 ? "koko-kaupunki" : "etelainen" })).length));
    expect([...sizes]).toEqual([SEALED_SIZE]);
  });

  it("never seals the same ballot to the same bytes (random nonce) and shows none of it in clear", () => {
    const p = payload(["project-one"]);
    const a = seal(SECRET, ROUND, p);
    const b = seal(SECRET, ROUND, p);
    expect(a.equals(b)).toBe(false);
    for (const clear of ["project-one", hex("a"), hex("b"), "koillinen"]) expect(a.includes(Buffer.from(clear))).toBe(false);
  });

  it("refuses an altered entry", () => {
    const sealed = seal(SECRET, ROUND, payload(["p1"]));
    for (const at of [0, 20, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[at] = altered[at]! ^ 0x01;
      expect(() => open(SECRET, ROUND, altered)).toThrow(SealError);
    }
    expect(() => open(SECRET, ROUND, sealed.subarray(0, sealed.length - 1))).toThrow(SealError);
  });

  it("refuses the wrong secret and another round's entry", () => {
    const sealed = seal(SECRET, ROUND, payload(["p1"]));
    expect(() => open("another-secret", ROUND, sealed)).toThrow(SealError);
    expect(() => open(SECRET, "round-2", sealed)).toThrow(SealError);
  });
});

describe("shuffle", () => {
  it("keeps every item exactly once and leaves the input alone", () => {
    const items = Array.from({ length: 200 }, (_, i) => i % 37);
    const copy = [...items];
    const shuffled = shuffle(items);
    expect(items).toEqual(copy);
    expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
  });

  it("moves items (a permutation of 200 left in order would be a broken shuffle)", () => {
    const items = Array.from({ length: 200 }, (_, i) => i);
    const fixed = shuffle(items).filter((v, i) => v === i).length;
    // The expected number of fixed points is 1; 20 or more has probability far below 1e-15.
    expect(fixed).toBeLessThan(20);
  });

  it("is Fisher–Yates over the random source", () => {
    // random(i + 1) always 0: each item swaps with the first, a rotation.
    expect(shuffle([1, 2, 3, 4], () => 0)).toEqual([2, 3, 4, 1]);
    // random(i + 1) = i: nothing moves.
    expect(shuffle([1, 2, 3, 4], (max) => max - 1)).toEqual([1, 2, 3, 4]);
  });
});

describe("newestPerVoter", () => {
  const entry = (voterKey: string, cast: number, id: string) => ({ id, payload: payload([], { voterKey, cast }) });

  it("keeps only the highest cast per voterKey, whatever the order", () => {
    const entries = [entry("v1", 1, "a"), entry("v2", 1, "b"), entry("v1", 3, "c"), entry("v1", 2, "d"), entry("v3", 5, "e")];
    for (const order of [entries, [...entries].reverse(), shuffle(entries)]) {
      const { kept, superseded } = newestPerVoter(order);
      expect(kept.map((e) => e.id).sort()).toEqual(["b", "c", "e"]);
      expect(superseded.map((e) => e.id).sort()).toEqual(["a", "d"]);
    }
  });

  it("keeps the order it was given (the shuffle)", () => {
    const entries = [entry("v3", 1, "x"), entry("v1", 1, "y"), entry("v2", 1, "z")];
    expect(newestPerVoter(entries).kept.map((e) => e.id)).toEqual(["x", "y", "z"]);
  });
});
