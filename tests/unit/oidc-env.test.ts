// parseOidcEnv (app/features/access/oidc.server.ts): the school-account providers read from the
// environment, and safeReturnTo. The protocol itself is tested against a real provider in
// tests/integration/oidc-provider.test.ts.
import { describe, expect, it } from "vitest";
import { MPASSID_CLAIMS } from "~/features/access/mpass";
import { OidcEnvError, parseOidcEnv, safeReturnTo } from "~/features/access/oidc.server";

const single = {
  OIDC_ISSUER: "https://mpass.example.fi",
  OIDC_CLIENT_ID: "omakoulu",
  OIDC_CLIENT_SECRET: "s3cret",
  OIDC_REDIRECT_URI: "https://omakoulu.hel.fi/login/school/callback",
};

describe("parseOidcEnv", () => {
  it("is off when nothing is set", () => {
    expect(parseOidcEnv({})).toEqual([]);
    expect(parseOidcEnv({ OIDC_ISSUER: "  ", PORT: "3000" })).toEqual([]);
  });

  it("reads one provider with MPASSid defaults", () => {
    expect(parseOidcEnv(single)).toEqual([
      {
        id: "mpass",
        issuer: "https://mpass.example.fi",
        clientId: "omakoulu",
        clientSecret: "s3cret",
        redirectUri: "https://omakoulu.hel.fi/login/school/callback",
        scope: "openid profile",
        claimNames: MPASSID_CLAIMS,
        label: {},
        tokenAuthMethod: "client_secret_basic",
      },
    ]);
  });

  it("reads labels, scope, claim names and the client authentication method", () => {
    const [p] = parseOidcEnv({
      ...single,
      OIDC_SCOPE: "openid profile mpass",
      OIDC_LABEL_FI: "Kirjaudu MPASSidllä",
      OIDC_LABEL_SV: "Logga in med MPASSid",
      OIDC_CLAIM_LEARNER_ID: "learner_id",
      OIDC_CLAIM_ROLE: "roles",
      OIDC_TOKEN_AUTH_METHOD: "client_secret_post",
    });
    expect(p).toMatchObject({
      scope: "openid profile mpass",
      label: { fi: "Kirjaudu MPASSidllä", sv: "Logga in med MPASSid" },
      claimNames: { ...MPASSID_CLAIMS, learnerId: "learner_id", role: "roles" },
      tokenAuthMethod: "client_secret_post",
    });
  });

  it("reads several providers with prefixed variables", () => {
    const providers = parseOidcEnv({
      OIDC_PROVIDERS: "mpass, wilma-ao",
      OIDC_MPASS_ISSUER: "https://mpass.example.fi",
      OIDC_MPASS_CLIENT_ID: "a",
      OIDC_MPASS_CLIENT_SECRET: "b",
      OIDC_MPASS_REDIRECT_URI: "https://omakoulu.hel.fi/login/school/mpass/callback",
      OIDC_WILMA_AO_ISSUER: "http://127.0.0.1:4010",
      OIDC_WILMA_AO_CLIENT_ID: "c",
      OIDC_WILMA_AO_CLIENT_SECRET: "d",
      OIDC_WILMA_AO_REDIRECT_URI: "http://localhost:3000/login/school/wilma-ao/callback",
    });
    expect(providers.map((p) => [p.id, p.issuer, p.clientId])).toEqual([
      ["mpass", "https://mpass.example.fi", "a"],
      ["wilma-ao", "http://127.0.0.1:4010", "c"],
    ]);
  });

  const errors: [string, Record<string, string>, RegExp][] = [
    ["a half-configured provider", { OIDC_ISSUER: "https://mpass.example.fi" }, /missing OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI/],
    ["plain http to another host", { ...single, OIDC_ISSUER: "http://mpass.example.fi" }, /must use https/],
    ["a relative redirect URI", { ...single, OIDC_REDIRECT_URI: "/login/school/callback" }, /not an absolute URL/],
    ["an issuer with a query", { ...single, OIDC_ISSUER: "https://mpass.example.fi/?x=1" }, /query or fragment/],
    ["a scope without openid", { ...single, OIDC_SCOPE: "profile" }, /must include "openid"/],
    ["an unknown auth method", { ...single, OIDC_TOKEN_AUTH_METHOD: "private_key_jwt" }, /TOKEN_AUTH_METHOD/],
    ["both styles at once", { ...single, OIDC_PROVIDERS: "mpass" }, /not both/],
    ["a bad provider id", { OIDC_PROVIDERS: "MPASS!" }, /not a provider id/],
    ["a provider listed twice", { OIDC_PROVIDERS: "mpass,mpass" }, /missing|twice/],
    ["a listed provider without variables", { OIDC_PROVIDERS: "wilma" }, /missing OIDC_WILMA_ISSUER/],
  ];
  it.each(errors)("refuses %s", (_name, source, message) => {
    expect(() => parseOidcEnv(source)).toThrow(OidcEnvError);
    expect(() => parseOidcEnv(source)).toThrow(message);
  });
});

describe("safeReturnTo", () => {
  it.each([
    ["/vote?round=x", "/vote?round=x"],
    ["/", "/"],
    [null, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/ok\r\nSet-Cookie: x", "/"],
    // Browsers drop tabs and line breaks: "/\t/evil.example" would become "//evil.example".
    ["/\t/evil.example", "/"],
    ["/\u0000/evil.example", "/"],
    ["vote", "/"],
  ])("%j → %j", (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });
});
