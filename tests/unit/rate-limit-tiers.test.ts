// The tiers of rate limits: which route counts where, and how their configuration is read
// (app/shared/rate-limit-tiers.ts, app/server/env.server.ts).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/server/env.server";
import { DEFAULT_LIMITS, NAMED_ROUTES, parseTierLimit, tierLimits, tierOf, TIERS } from "~/shared/rate-limit-tiers";

const ROUTES_DIR = path.join(__dirname, "..", "..", "app", "routes");

describe("tierOf", () => {
  it("puts casting, receipts, ideas and downloads in their own tiers and every other action in write", () => {
    expect(tierOf("routes/vote._index", "action")).toBe("vote");
    expect(tierOf("routes/vote.check", "action")).toBe("receipt");
    expect(tierOf("routes/ideas.new", "action")).toBe("proposal");
    expect(tierOf("routes/ideas.$id_.edit", "action")).toBe("proposal");
    expect(tierOf("routes/moderation.$id", "action")).toBe("write");
    expect(tierOf("routes/login", "action")).toBe("write");
    expect(tierOf("routes/audit[.csv]", "loader")).toBe("export");
    expect(tierOf("routes/turnout_.export", "loader")).toBe("export");
    expect(tierOf("routes/codes_.csv", "loader")).toBe("export");
    // Pages are not limited.
    expect(tierOf("routes/vote._index", "loader")).toBeNull();
    expect(tierOf("routes/audit", "loader")).toBeNull();
  });

  it("names only routes that exist, so a renamed file cannot silently lose its limit", () => {
    const files = new Set(fs.readdirSync(ROUTES_DIR).map((f) => `routes/${f.replace(/\.tsx?$/, "")}`));
    for (const id of NAMED_ROUTES) expect(files.has(id), id).toBe(true);
  });
});

describe("parseTierLimit", () => {
  it("reads requests per window in seconds, minutes or hours, and off", () => {
    expect(parseTierLimit("30/600")).toEqual({ points: 30, seconds: 600 });
    expect(parseTierLimit(" 30 / 10m ")).toEqual({ points: 30, seconds: 600 });
    expect(parseTierLimit("20/1h")).toEqual({ points: 20, seconds: 3600 });
    expect(parseTierLimit("5/30s")).toEqual({ points: 5, seconds: 30 });
    expect(parseTierLimit("OFF")).toBeNull();
  });

  it("refuses anything else with the fix", () => {
    for (const bad of ["", "30", "thirty/10m", "0/10m", "30/0", "30/10d", "30/8h/1", "-1/60", "30/10000h"]) {
      expect(() => parseTierLimit(bad), bad).toThrow(/such as 30\/10m, 120\/60 or 20\/1h/);
    }
  });
});

describe("configuration", () => {
  it("uses the defaults where unset and names the variable of a bad value", () => {
    expect(tierLimits({})).toEqual(DEFAULT_LIMITS);
    expect(tierLimits({ RATE_LIMIT_VOTE: "5/1m", RATE_LIMIT_EXPORT: "off" })).toEqual({ ...DEFAULT_LIMITS, vote: { points: 5, seconds: 60 }, export: null });
    expect(() => tierLimits({ RATE_LIMIT_PROPOSAL: "many" })).toThrow(/^RATE_LIMIT_PROPOSAL: "many" is not a limit/);
  });

  it("the server's configuration carries them, refuses a bad one naming it, and has a factor for addresses", () => {
    const env = parseEnv({ RATE_LIMIT_RECEIPT: "10/5m", RATE_LIMIT_ADDRESS_FACTOR: "4" });
    expect(env.rateLimits.receipt).toEqual({ points: 10, seconds: 300 });
    expect(env.rateLimitAddressFactor).toBe(4);
    expect(parseEnv({}).rateLimitAddressFactor).toBe(10);
    expect(() => parseEnv({ RATE_LIMIT_WRITE: "lots" })).toThrow(/RATE_LIMIT_WRITE: "lots" is not a limit.*README, 'Configuration'/);
    expect(() => parseEnv({ RATE_LIMIT_ADDRESS_FACTOR: "0" })).toThrow(/RATE_LIMIT_ADDRESS_FACTOR/);
  });

  it("every tier has a default and a translated 429 message in each language", async () => {
    const catalogs = await Promise.all(["fi", "sv", "en"].map(async (l) => (await import(`~/shared/i18n/${l}.ts`)).default));
    for (const tier of TIERS) {
      expect(DEFAULT_LIMITS[tier].points).toBeGreaterThan(0);
      for (const catalog of catalogs) {
        const tooMany = (catalog as { errors: { tooMany: Record<string, string> } }).errors.tooMany;
        expect(tooMany[`${tier}_one`], tier).toMatch(/\{\{count\}\}/);
        expect(tooMany[`${tier}_other`], tier).toMatch(/\{\{count\}\}/);
      }
    }
  });
});
