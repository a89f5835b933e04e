// The development/test OpenID provider (tests/support/idp.ts, oidc-provider v9) and the relying
// party library (openid-client v6) together, WITHOUT the app: the real redirects, the provider's
// sign-in form driven with fetch (form posts, cookies), the code exchange with PKCE, state and
// nonce, userinfo. Then the server's relying-party functions (app/features/access/oidc.server.ts)
// against the same provider: every fixture person, and each bad answer refused with its reason.
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideIdentity, MPASSID_CLAIMS as C, type RegisterSchool } from "~/features/access/mpass";
import { beginSignIn, finishSignIn, forgetDiscoveries, type OidcProviderConfig } from "~/features/access/oidc.server";
import { DEMO_SCHOOLS } from "../../app/cli/demo-data";
import { startIdp, type Idp } from "../support/idp";
import { location, ProviderBrowser, signInAtProvider as signInAtProviderAs } from "../support/idp-browser";

const REDIRECT = "http://127.0.0.1:9/login/school/callback"; // never contacted: the test reads the Location header
const RP = { client_id: "omakoulu-test", client_secret: "omakoulu-test-secret", redirect_uris: [REDIRECT] };
const RP_WRONG_AUDIENCE = { client_id: "omakoulu-wrong-aud", client_secret: "wrong-aud-secret", redirect_uris: [REDIRECT], tokenFault: "wrong-audience" as const };
const RP_BAD_SIGNATURE = { client_id: "omakoulu-bad-sig", client_secret: "bad-sig-secret", redirect_uris: [REDIRECT], tokenFault: "bad-signature" as const };

let idp: Idp;

beforeAll(async () => {
  idp = await startIdp({ clients: [RP, RP_WRONG_AUDIENCE, RP_BAD_SIGNATURE] });
});
afterAll(async () => {
  await idp?.stop();
});

const Browser = ProviderBrowser;
const signInAtProvider = (authorizationUrl: string, person: string | "cancel", browser = new ProviderBrowser()) => signInAtProviderAs(authorizationUrl, person, REDIRECT, browser);

async function rawConfiguration(rp: { client_id: string; client_secret: string }): Promise<client.Configuration> {
  // Plain HTTP only because the issuer is a loopback test provider.
  return client.discovery(new URL(idp.issuer), rp.client_id, { client_secret: rp.client_secret }, client.ClientSecretBasic(rp.client_secret), {
    execute: [client.allowInsecureRequests],
  });
}

async function rawBegin(config: client.Configuration) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: "openid profile",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, codeVerifier, state, nonce };
}

describe("oidc-provider + openid-client, without the app", () => {
  it("signs the 7B pupil in: MPASSid claims in the ID token and at userinfo", async () => {
    const config = await rawConfiguration(RP);
    expect(config.serverMetadata().supportsPKCE()).toBe(true);
    const t = await rawBegin(config);
    const callback = await signInAtProvider(t.url, "oppilas-7b");
    expect(callback.searchParams.get("state")).toBe(t.state);
    expect(callback.searchParams.get("code")).toBeTruthy();

    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: t.codeVerifier, expectedState: t.state, expectedNonce: t.nonce });
    const idToken = tokens.claims();
    expect(idToken?.sub).toBe("oppilas-7b");
    expect(idToken?.aud).toBe(RP.client_id);
    expect(idToken?.[C.learnerId]).toBe("1.2.246.562.24.10000000001");
    expect(idToken?.[C.schoolInfo]).toEqual(["00501;Malmin peruskoulu"]);

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, "oppilas-7b");
    expect(userinfo[C.learnerId]).toBe("1.2.246.562.24.10000000001");
    expect(userinfo[C.uid]).toBe("mpass-fixture-7b");
    expect(userinfo[C.schoolInfo]).toEqual(["00501;Malmin peruskoulu"]);
    expect(userinfo[C.classLevel]).toBe("7");
    expect(userinfo[C.role]).toEqual(["Helsinki;00501;7B;Oppilas;1"]);
    expect(userinfo[C.educationProviderInfo]).toEqual(["1.2.246.562.10.346830761110;Helsingin kaupunki"]);
  });

  it("requires PKCE: an authorization request without a code challenge is refused", async () => {
    const config = await rawConfiguration(RP);
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid", state: client.randomState() });
    const res = await new Browser().get(url.href);
    const to = new URL(location(res, url.href));
    expect(to.href.startsWith(REDIRECT)).toBe(true);
    expect(to.searchParams.get("error")).toBe("invalid_request");
  });

  it("refuses a state mismatch before using the code", async () => {
    const config = await rawConfiguration(RP);
    const t = await rawBegin(config);
    const callback = await signInAtProvider(t.url, "oppilas-7b");
    await expect(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: t.codeVerifier, expectedState: client.randomState(), expectedNonce: t.nonce })).rejects.toMatchObject({
      code: "OAUTH_INVALID_RESPONSE",
    });
    // The code was not spent: the right state still works.
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: t.codeVerifier, expectedState: t.state, expectedNonce: t.nonce });
    expect(tokens.claims()?.sub).toBe("oppilas-7b");
  });

  it("refuses a replayed code", async () => {
    const config = await rawConfiguration(RP);
    const t = await rawBegin(config);
    const callback = await signInAtProvider(t.url, "oppilas-7b");
    const checks = { pkceCodeVerifier: t.codeVerifier, expectedState: t.state, expectedNonce: t.nonce };
    await client.authorizationCodeGrant(config, callback, checks);
    await expect(client.authorizationCodeGrant(config, callback, checks)).rejects.toMatchObject({ code: "OAUTH_RESPONSE_BODY_ERROR", error: "invalid_grant" });
  });

  it("refuses a wrong code verifier (PKCE)", async () => {
    const config = await rawConfiguration(RP);
    const t = await rawBegin(config);
    const callback = await signInAtProvider(t.url, "oppilas-7b");
    await expect(
      client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: t.state, expectedNonce: t.nonce }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("refuses an ID token with the wrong audience", async () => {
    const config = await rawConfiguration(RP_WRONG_AUDIENCE);
    const t = await rawBegin(config);
    const callback = await signInAtProvider(t.url, "oppilas-7b");
    await expect(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: t.codeVerifier, expectedState: t.state, expectedNonce: t.nonce })).rejects.toMatchObject({
      code: "OAUTH_JWT_CLAIM_COMPARISON_FAILED",
    });
  });
});

describe("oidc.server.ts against the provider", () => {
  const provider = (rp: { client_id: string; client_secret: string }, id = "mpass"): OidcProviderConfig => ({
    id,
    issuer: idp.issuer,
    clientId: rp.client_id,
    clientSecret: rp.client_secret,
    redirectUri: REDIRECT,
    scope: "openid profile",
    claimNames: { ...C },
    label: {},
    tokenAuthMethod: "client_secret_basic",
  });

  const register = new Map<string, RegisterSchool & { code: string }>(DEMO_SCHOOLS.map((s) => [s.code, { code: s.code, type: s.type }]));
  const schoolByCode = (code: string) => register.get(code) ?? null;

  async function signIn(person: string, rp: { client_id: string; client_secret: string } = RP) {
    const p = provider(rp);
    const begun = await beginSignIn(p, "/vote?x=1", { locale: "fi" });
    if (!begun.ok) throw new Error(begun.failure);
    expect(new URL(begun.redirectUrl).searchParams.get("ui_locales")).toBe("fi");
    const callback = await signInAtProvider(begun.redirectUrl, person);
    return { p, begun, callback, result: await finishSignIn(p, callback, JSON.parse(JSON.stringify(begun.cookieValue))) };
  }

  const outcomes: [string, string][] = [
    ["oppilas-7b", "pupil 00501 level 7"],
    ["lukiolainen", "pupil 00104 level 11"],
    ["elev-sv", "pupil 00105 level 8"],
    ["opettaja", "teacher 00501,00502"],
    ["kaksi-koulua", "choose 00301,00304"],
    ["ulkopuolinen", "refused unknown-school"],
    ["ei-koulua", "refused missing-school"],
  ];
  it.each(outcomes)("%s → %s", async (person, expected) => {
    const { result } = await signIn(person);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.subject).toBe(person);
    expect(result.returnTo).toBe("/vote?x=1");
    expect(result.claims.nonce).toBeUndefined();
    const identity = decideIdentity(result.claims, { schoolByCode }, { today: new Date("2026-03-01") });
    const summary =
      identity.kind === "refused"
        ? `refused ${identity.reason}`
        : identity.kind === "teacher"
          ? `teacher ${identity.schools.map((s) => s.code).join(",")}`
          : identity.needsSchoolChoice
            ? `choose ${identity.schools.map((s) => s.code).join(",")}`
            : `pupil ${identity.schools[0]?.code} level ${identity.schools[0]?.classLevel}`;
    expect(summary).toBe(expected);
  });

  it("refuses an expired ID token (fixture person 'vanhentunut')", async () => {
    const { result } = await signIn("vanhentunut");
    expect(result).toMatchObject({ ok: false, failure: "token-expired", returnTo: "/vote?x=1" });
  });

  it("refuses an ID token for another service (fixture person 'vaara-yleiso', and a whole client)", async () => {
    expect((await signIn("vaara-yleiso")).result).toMatchObject({ ok: false, failure: "wrong-audience" });
    expect((await signIn("oppilas-7b", RP_WRONG_AUDIENCE)).result).toMatchObject({ ok: false, failure: "wrong-audience" });
  });

  it("refuses an ID token with a broken signature", async () => {
    expect((await signIn("oppilas-7b", RP_BAD_SIGNATURE)).result).toMatchObject({ ok: false, failure: "invalid-token" });
  });

  it("refuses a replayed callback", async () => {
    const { p, begun, callback, result } = await signIn("oppilas-7b");
    expect(result.ok).toBe(true);
    expect(await finishSignIn(p, callback, begun.cookieValue)).toMatchObject({ ok: false, failure: "code-rejected" });
  });

  it("refuses a callback whose state is not the cookie's (another browser's transaction)", async () => {
    const p = provider(RP);
    const mine = await beginSignIn(p, "/");
    const theirs = await beginSignIn(p, "/");
    if (!mine.ok || !theirs.ok) throw new Error("begin failed");
    const callback = await signInAtProvider(theirs.redirectUrl, "oppilas-7b");
    expect(await finishSignIn(p, callback, mine.cookieValue)).toMatchObject({ ok: false, failure: "state-mismatch" });
    // Nothing was spent: the right browser still signs in.
    expect(await finishSignIn(p, callback, theirs.cookieValue)).toMatchObject({ ok: true, subject: "oppilas-7b" });
  });

  it("refuses a callback without a transaction cookie, an old one, or one for another provider", async () => {
    const p = provider(RP);
    const begun = await beginSignIn(p, "/");
    if (!begun.ok) throw new Error("begin failed");
    const callback = await signInAtProvider(begun.redirectUrl, "oppilas-7b");
    expect(await finishSignIn(p, callback, undefined)).toMatchObject({ ok: false, failure: "transaction-missing" });
    expect(await finishSignIn(p, callback, { ...begun.cookieValue, state: 1 })).toMatchObject({ ok: false, failure: "transaction-missing" });
    expect(await finishSignIn(provider(RP, "wilma"), callback, begun.cookieValue)).toMatchObject({ ok: false, failure: "transaction-missing" });
    expect(await finishSignIn(p, callback, begun.cookieValue, { now: Date.now() + 11 * 60_000 })).toMatchObject({ ok: false, failure: "transaction-expired" });
  });

  it("reports a cancelled sign-in", async () => {
    const p = provider(RP);
    const begun = await beginSignIn(p, "/");
    if (!begun.ok) throw new Error("begin failed");
    const callback = await signInAtProvider(begun.redirectUrl, "cancel");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(await finishSignIn(p, callback, begun.cookieValue)).toMatchObject({ ok: false, failure: "cancelled" });
  });

  it("reports a provider that is down", async () => {
    const down = await startIdp({ clients: [RP] });
    const p = { ...provider(RP), issuer: down.issuer };
    await down.stop();
    forgetDiscoveries();
    expect(await beginSignIn(p, "/account")).toMatchObject({ ok: false, failure: "provider-unavailable", returnTo: "/account" });
  });

  it("keeps the return path on this site", async () => {
    const begun = await beginSignIn(provider(RP), "https://evil.example/");
    expect(begun.ok && begun.cookieValue.returnTo).toBe("/");
    const protocolRelative = await beginSignIn(provider(RP), "//evil.example/");
    expect(protocolRelative.ok && protocolRelative.cookieValue.returnTo).toBe("/");
  });
});
