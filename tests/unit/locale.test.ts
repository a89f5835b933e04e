import { describe, expect, it } from "vitest";
import { formatDay, formatEuros, isLocale, negotiateLocale, parseAcceptLanguage } from "~/shared/locale";

/** Intl separates thousands and the € sign with no-break spaces (U+00A0 or U+202F). */
const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("parseAcceptLanguage", () => {
  it("orders tags by quality, keeping the header's order for equal qualities", () => {
    expect(parseAcceptLanguage("en;q=0.5, sv, fi;q=0.8, de;q=0.8")).toEqual(["sv", "fi", "de", "en"]);
  });

  it("treats a tag without q as quality 1", () => {
    expect(parseAcceptLanguage("en;q=0.9,sv")).toEqual(["sv", "en"]);
  });

  it("drops refused languages (q=0) and the wildcard", () => {
    expect(parseAcceptLanguage("sv;q=0, *, en;q=0.3")).toEqual(["en"]);
  });

  it("returns nothing for a missing header", () => {
    expect(parseAcceptLanguage(null)).toEqual([]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage("")).toEqual([]);
  });
});

describe("negotiateLocale", () => {
  it("lets the language cookie win over the browser", () => {
    expect(negotiateLocale("en", "sv-FI,sv;q=0.9")).toBe("en");
    expect(negotiateLocale("sv", "en-US")).toBe("sv");
  });

  it("ignores a cookie that is not one of our languages", () => {
    expect(negotiateLocale("de", "sv")).toBe("sv");
    expect(negotiateLocale("", "en")).toBe("en");
  });

  it.each([
    ["sv-FI,sv;q=0.9", "sv"],
    ["en-US", "en"],
    ["en-GB,en;q=0.9", "en"],
    ["fi-FI,fi;q=0.9,en;q=0.8", "fi"],
    ["de-DE,sv;q=0.7", "sv"],
    ["de", "fi"],
    ["sv;q=0", "fi"],
    ["sv;q=0, en;q=0.5", "en"],
    [";;;,,garbage==", "fi"],
    ["x-!!!, @@", "fi"],
    ["*", "fi"],
    ["", "fi"],
  ])("Accept-Language %j gives %s", (header, expected) => {
    expect(negotiateLocale(null, header)).toBe(expected);
  });

  it("falls back to Finnish with no cookie and no header", () => {
    expect(negotiateLocale(null, null)).toBe("fi");
    expect(negotiateLocale(undefined, undefined)).toBe("fi");
  });
});

describe("isLocale", () => {
  it("knows exactly fi, sv and en", () => {
    expect(["fi", "sv", "en"].every(isLocale)).toBe(true);
    expect(["FI", "de", "", null, 1].some(isLocale)).toBe(false);
  });
});

describe("formatEuros", () => {
  it("writes Finnish amounts with spaces between thousands and the € sign after", () => {
    expect(plainSpaces(formatEuros(1200000, "fi"))).toBe("1 200 000 €");
  });

  it("writes Swedish amounts the same way", () => {
    expect(plainSpaces(formatEuros(1200000, "sv"))).toBe("1 200 000 €");
  });

  it("writes English amounts with the € sign first and commas", () => {
    expect(formatEuros(1200000, "en")).toBe("€1,200,000");
  });

  it("shows whole euros without cents", () => {
    expect(plainSpaces(formatEuros(25000, "fi"))).toBe("25 000 €");
    expect(formatEuros(500, "en")).toBe("€500");
    expect(formatEuros(0, "en")).toBe("€0");
  });
});

describe("formatDay", () => {
  it("writes the day as Finns, Finland-Swedes and English readers expect", () => {
    expect(formatDay("2026-03-11", "fi")).toBe("11.3.2026");
    expect(formatDay("2026-03-11", "sv")).toBe("11 mars 2026");
    expect(formatDay("2026-03-11", "en")).toBe("11 March 2026");
  });

  it("writes the first and last day of a year as that day", () => {
    expect(formatDay("2026-01-01", "fi")).toBe("1.1.2026");
    expect(formatDay("2026-12-31", "en")).toBe("31 December 2026");
  });
});
