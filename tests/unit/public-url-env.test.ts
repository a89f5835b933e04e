// PUBLIC_URL: the site's address in printed links and QR codes of ideas' status pages (README, "Configuration").
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/server/env.server";

describe("PUBLIC_URL", () => {
  it("is optional: unset means each request's own origin", () => {
    expect(parseEnv({}).publicUrl).toBeUndefined();
    expect(parseEnv({ PUBLIC_URL: "  " }).publicUrl).toBeUndefined();
  });
  it("keeps only the origin", () => {
    expect(parseEnv({ PUBLIC_URL: "https://omakoulu.hel.fi/" }).publicUrl).toBe("https://omakoulu.hel.fi");
    expect(parseEnv({ PUBLIC_URL: "http://localhost:3000/x" }).publicUrl).toBe("http://localhost:3000");
  });
  it("refuses what is not an http(s) address, naming the variable", () => {
    expect(() => parseEnv({ PUBLIC_URL: "omakoulu.hel.fi" })).toThrow(EnvError);
    expect(() => parseEnv({ PUBLIC_URL: "ftp://omakoulu.hel.fi" })).toThrow(/PUBLIC_URL/);
  });
});
