// The public code of an idea (/i/CODE): short, unambiguous when typed from paper, and drawn from
// the cryptographic random source without bias.
import { describe, expect, it, vi } from "vitest";
import { cryptoRandomBytes, newPublicCode, normalisePublicCode, PUBLIC_CODE_ALPHABET, PUBLIC_CODE_LENGTH } from "~/features/proposals/public-code";

describe("newPublicCode", () => {
  it("is 10 characters of an alphabet without 0, O, 1, I or L", () => {
    expect(PUBLIC_CODE_LENGTH).toBe(10);
    expect(PUBLIC_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(PUBLIC_CODE_ALPHABET).size).toBe(31);
    for (const ch of "0O1IL") expect(PUBLIC_CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 500; i += 1) expect(newPublicCode()).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
  });

  it("about 49 bits: 500 codes never repeat, and every character turns up", () => {
    const codes = Array.from({ length: 500 }, () => newPublicCode());
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(codes.join("")).size).toBe(PUBLIC_CODE_ALPHABET.length);
    expect(Math.log2(PUBLIC_CODE_ALPHABET.length) * PUBLIC_CODE_LENGTH).toBeGreaterThan(49);
  });

  it("takes its randomness from crypto.getRandomValues by default", () => {
    const spy = vi.spyOn(globalThis.crypto, "getRandomValues");
    newPublicCode();
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    expect(cryptoRandomBytes(16)).toHaveLength(16);
  });

  it("maps bytes to characters without bias: bytes from 248 up are thrown away", () => {
    // 248 = 8 × 31; 255 would make the first seven characters more likely if it were used.
    const bytes = [255, 248, 0, 1, 30, 31, 247, 62, 249, 2, 3, 4, 5];
    const random = (count: number) => Uint8Array.from({ length: count }, (_, i) => bytes[i] ?? 0);
    expect(newPublicCode(random)).toBe(["2", "3", "Z", "2", "Z", "2", "4", "5", "6", "7"].join(""));
  });

  it("asks again when a batch of bytes is not enough", () => {
    let calls = 0;
    const random = (count: number) => {
      calls += 1;
      return new Uint8Array(count).fill(calls === 1 ? 250 : 0);
    };
    expect(newPublicCode(random)).toBe("2222222222");
    expect(calls).toBe(2);
  });
});

describe("normalisePublicCode", () => {
  it("forgives lower case, spaces and dashes", () => {
    expect(normalisePublicCode("abcd-efgh 23")).toBe("ABCDEFGH23");
  });
  it("refuses other lengths and characters outside the alphabet", () => {
    expect(normalisePublicCode("ABCDEFGH2")).toBeNull();
    expect(normalisePublicCode("ABCDEFGH2O")).toBeNull();
    expect(normalisePublicCode("ABCDEFGH21")).toBeNull();
    expect(normalisePublicCode("../../etc/x")).toBeNull();
  });
});
