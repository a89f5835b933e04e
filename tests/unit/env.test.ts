// The configuration rules of app/server/env.server.ts: defaults, secrets in production, demo mode,
// rotation lists and refused values.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/server/env.server";

describe("parseEnv", () => {
  it("gives development defaults", () => {
    const env = parseEnv({});
    expect(env.production).toBe(false);
    expect(env.port).toBe(3000);
    expect(env.host).toBe("0.0.0.0");
    expect(env.signInLimitPerIp).toBe(30);
    expect(env.signInLimitPerAccount).toBe(5);
    expect(env.secureCookies).toBe(false);
    expect(env.sessionSecrets).toHaveLength(1);
    expect(env.databaseUrl).toBeUndefined();
  });

  it("refuses production without secrets, naming the missing one", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "s" })).toThrow(/BALLOT_SECRET/);
    expect(() => parseEnv({ NODE_ENV: "production", OMAKOULU_DEMO: "0", SESSION_SECRET: "s" })).toThrow(EnvError);
  });

  it("allows development secrets in the production demo, and secure cookies there", () => {
    const env = parseEnv({ NODE_ENV: "production", OMAKOULU_DEMO: "1" });
    expect(env.demo).toBe(true);
    expect(env.secureCookies).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", OMAKOULU_DEMO: "1", INSECURE_COOKIES: "1" }).secureCookies).toBe(false);
  });

  it("reads a comma list of session secrets, the first signing", () => {
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: " new , old ,", BALLOT_SECRET: "b" });
    expect(env.sessionSecrets).toEqual(["new", "old"]);
    expect(env.ballotSecret).toBe("b");
    expect(env.demo).toBe(false);
  });

  it("reads TRUST_PROXY as a hop count or a name", () => {
    expect(parseEnv({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "loopback" }).trustProxy).toBe("loopback");
  });

  it("keeps uploaded pictures in UPLOAD_DIR, by default data/uploads under the directory it runs in", () => {
    expect(parseEnv({}).uploadDir).toBe(path.resolve(process.cwd(), "data", "uploads"));
    expect(parseEnv({ UPLOAD_DIR: "/var/lib/omakoulu/uploads" }).uploadDir).toBe("/var/lib/omakoulu/uploads");
  });

  it("refuses a port or a limit that is not a number, naming the variable", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ SIGNIN_LIMIT_PER_IP: "-1" })).toThrow(/SIGNIN_LIMIT_PER_IP/);
  });

  const OIDC = { OIDC_ISSUER: "https://mpass.example", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_REDIRECT_URI: "https://omakoulu.example/login/school/callback" };

  it("turns school-account sign-in on only when a provider is configured", () => {
    expect(parseEnv({}).oidcProviders).toEqual([]);
    const env = parseEnv(OIDC);
    expect(env.oidcProviders.map((p) => [p.id, p.issuer, p.redirectUri])).toEqual([["mpass", "https://mpass.example", "https://omakoulu.example/login/school/callback"]]);
  });

  it("refuses a half-configured provider at start, naming what is missing", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://mpass.example" })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => parseEnv({ ...OIDC, OIDC_ISSUER: "http://mpass.example" })).toThrow(EnvError);
  });

  it("requires IDENTITY_SECRET in production once school-account sign-in is on", () => {
    const production = { NODE_ENV: "production", SESSION_SECRET: "s", BALLOT_SECRET: "b" };
    expect(() => parseEnv({ ...production, ...OIDC })).toThrow(/IDENTITY_SECRET/);
    expect(parseEnv({ ...production, ...OIDC, IDENTITY_SECRET: "i" }).identitySecret).toBe("i");
    // Without school accounts the secret is not needed.
    expect(() => parseEnv(production)).not.toThrow();
  });
});
