// The configuration rules of app/server/env.server.ts: defaults, secrets in production, demo mode,
// rotation lists and refused values.
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

  it("refuses a port or a limit that is not a number, naming the variable", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ SIGNIN_LIMIT_PER_IP: "-1" })).toThrow(/SIGNIN_LIMIT_PER_IP/);
  });
});
