// School-account sign-in over OpenID Connect: the relying party (docs/mpassid.md); the routes and
// accounts are in voting/school-signin.server.ts. openid-client v6 does the protocol: discovery (cached per process), authorization
// code flow with PKCE (S256), state and nonce, ID token validation (signature included) with 30 s
// clock tolerance, and userinfo. The server keeps nothing between the redirect and the callback except one short-lived
// cookie: `beginSignIn` returns its plain JSON payload (`cookieValue`), the caller signs it with
// the session secrets (Remix createCookie, maxAge `TRANSACTION_MAX_AGE_SECONDS`), and any server
// process can take the callback with `finishSignIn`. Every failure is a typed reason the route
// maps to a translated page (`OIDC_FAILURE_STATUS` suggests the HTTP status). Claims are returned
// as received; `decideIdentity` in mpass.ts decides who signed in.
import * as client from "openid-client";
import { z } from "zod";
import type { Locale } from "~/shared/catalog";
import { safeRedirect } from "~/shared/forms";
import { MPASSID_CLAIMS, type ClaimNames } from "./mpass";

// ---------------------------------------------------------------------------------------------
// Configuration

export type TokenAuthMethod = "client_secret_basic" | "client_secret_post";

export interface OidcProviderConfig {
  /** Short id used in URLs and the transaction cookie, e.g. "mpass". */
  id: string;
  /** Issuer identifier; discovery is at ISSUER/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback registered at the provider, absolute. */
  redirectUri: string;
  /** "openid profile" unless configured. */
  scope: string;
  claimNames: ClaimNames;
  /** Button text per locale; missing locales use the translated default ("Sign in with your school account"). */
  label: Partial<Record<Locale, string>>;
  tokenAuthMethod: TokenAuthMethod;
}

export class OidcEnvError extends Error {}

const PROVIDER_ID = /^[a-z][a-z0-9-]{0,30}$/;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Loopback HTTP is allowed for development and tests; anything else must be HTTPS. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
}

const CLAIM_VARIABLES: Record<keyof ClaimNames, string> = {
  learnerId: "CLAIM_LEARNER_ID",
  uid: "CLAIM_UID",
  schoolInfo: "CLAIM_SCHOOL_INFO",
  classLevel: "CLAIM_CLASS_LEVEL",
  role: "CLAIM_ROLE",
  educationProviderInfo: "CLAIM_EDUCATION_PROVIDER",
};

/**
 * The school-account providers configured in the environment (PURE: reads only `source`).
 * One provider (id "mpass"): OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI,
 * optionally OIDC_SCOPE, OIDC_LABEL_FI/_SV/_EN, OIDC_TOKEN_AUTH_METHOD, OIDC_CLAIM_* (see
 * docs/mpassid.md). Several: OIDC_PROVIDERS=mpass,wilma and the same variables prefixed with the
 * id in capitals (OIDC_MPASS_ISSUER, OIDC_WILMA_ISSUER, …). Nothing set → [] (sign-in with the
 * school account is off). A half-configured provider is an error, never silently skipped.
 */
export function parseOidcEnv(source: Record<string, string | undefined>): OidcProviderConfig[] {
  const get = (name: string) => {
    const v = source[name]?.trim();
    return v ? v : undefined;
  };
  const list = get("OIDC_PROVIDERS");
  if (!list) {
    const anySingle = Object.keys(source).some((k) => k.startsWith("OIDC_") && get(k) !== undefined);
    return anySingle ? [readProvider("mpass", "OIDC_", get)] : [];
  }
  if (get("OIDC_ISSUER") || get("OIDC_CLIENT_ID")) {
    throw new OidcEnvError("Set either OIDC_PROVIDERS with prefixed variables (OIDC_<ID>_ISSUER, …) or OIDC_ISSUER, OIDC_CLIENT_ID, …, not both (docs/mpassid.md).");
  }
  const ids = list.split(",").map((s) => s.trim()).filter(Boolean);
  const seen = new Set<string>();
  return ids.map((id) => {
    if (!PROVIDER_ID.test(id)) throw new OidcEnvError(`OIDC_PROVIDERS: "${id}" is not a provider id (a–z, digits and -, starting with a letter).`);
    if (seen.has(id)) throw new OidcEnvError(`OIDC_PROVIDERS: "${id}" is listed twice.`);
    seen.add(id);
    return readProvider(id, `OIDC_${id.toUpperCase().replace(/-/g, "_")}_`, get);
  });
}

function readProvider(id: string, prefix: string, get: (name: string) => string | undefined): OidcProviderConfig {
  const required = ["ISSUER", "CLIENT_ID", "CLIENT_SECRET", "REDIRECT_URI"] as const;
  const missing = required.filter((k) => !get(prefix + k)).map((k) => prefix + k);
  if (missing.length) throw new OidcEnvError(`School-account sign-in "${id}" is missing ${missing.join(", ")} (docs/mpassid.md).`);
  const issuer = checkUrl(prefix + "ISSUER", get(prefix + "ISSUER") as string);
  if (issuer.search || issuer.hash) throw new OidcEnvError(`${prefix}ISSUER must not have a query or fragment.`);
  const redirectUri = checkUrl(prefix + "REDIRECT_URI", get(prefix + "REDIRECT_URI") as string);
  const method = get(prefix + "TOKEN_AUTH_METHOD") ?? "client_secret_basic";
  if (method !== "client_secret_basic" && method !== "client_secret_post") {
    throw new OidcEnvError(`${prefix}TOKEN_AUTH_METHOD must be client_secret_basic or client_secret_post.`);
  }
  const scope = get(prefix + "SCOPE") ?? "openid profile";
  if (!scope.split(/\s+/).includes("openid")) throw new OidcEnvError(`${prefix}SCOPE must include "openid".`);
  const claimNames = { ...MPASSID_CLAIMS };
  for (const [key, suffix] of Object.entries(CLAIM_VARIABLES) as [keyof ClaimNames, string][]) {
    const v = get(prefix + suffix);
    if (v) claimNames[key] = v;
  }
  const label: Partial<Record<Locale, string>> = {};
  for (const locale of ["fi", "sv", "en"] as const) {
    const v = get(`${prefix}LABEL_${locale.toUpperCase()}`);
    if (v) label[locale] = v;
  }
  return {
    id,
    // The issuer identifier is compared with the discovered one: keep it as written.
    issuer: get(prefix + "ISSUER") as string,
    clientId: get(prefix + "CLIENT_ID") as string,
    clientSecret: get(prefix + "CLIENT_SECRET") as string,
    redirectUri: redirectUri.href,
    scope,
    claimNames,
    label,
    tokenAuthMethod: method,
  };
}

function checkUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OidcEnvError(`${name} is not an absolute URL: "${value}".`);
  }
  if (url.protocol !== "https:" && !isLoopbackHttp(url)) {
    throw new OidcEnvError(`${name} must use https (plain http only on 127.0.0.1/localhost for development): "${value}".`);
  }
  return url;
}

// ---------------------------------------------------------------------------------------------
// Failures

export const OIDC_FAILURES = [
  /** No (valid) transaction cookie: a different browser, cookies off, or a forged callback. */
  "transaction-missing",
  /** The sign-in took longer than TRANSACTION_MAX_AGE_SECONDS. */
  "transaction-expired",
  /** The callback's state is not the one this browser was sent with. */
  "state-mismatch",
  /** The person cancelled at the provider (error=access_denied). */
  "cancelled",
  /** The provider answered the authorization request with another error. */
  "provider-error",
  /** The token endpoint refused the code: already used (replay), expired, or PKCE mismatch. */
  "code-rejected",
  /** The ID token was made for another service. */
  "wrong-audience",
  /** The ID token has expired (or is dated too far from our clock, beyond 30 s). */
  "token-expired",
  /** The ID token fails another check: signature, issuer, nonce, subject. */
  "invalid-token",
  /** The provider could not be reached or answered with an unexpected status. */
  "provider-unavailable",
] as const;
export type OidcFailure = (typeof OIDC_FAILURES)[number];

/** The HTTP status a page for each failure should carry. */
export const OIDC_FAILURE_STATUS: Record<OidcFailure, number> = {
  "transaction-missing": 400,
  "transaction-expired": 400,
  "state-mismatch": 400,
  cancelled: 401,
  "provider-error": 502,
  "code-rejected": 400,
  "wrong-audience": 401,
  "token-expired": 401,
  "invalid-token": 401,
  "provider-unavailable": 503,
};

export interface SignInFailure {
  ok: false;
  failure: OidcFailure;
  /** For the server log only; may contain provider text. Never show it to the user. */
  detail: string;
  /** Where the person wanted to go, when the transaction was readable. */
  returnTo?: string;
}

function fail(failure: OidcFailure, detail: string, returnTo?: string): SignInFailure {
  return { ok: false, failure, detail, ...(returnTo === undefined ? {} : { returnTo }) };
}

/** Maps openid-client / oauth4webapi errors to a failure. */
export function classifyError(error: unknown): { failure: OidcFailure; detail: string } {
  const e = error as { code?: string; message?: string; error?: string; status?: number; cause?: unknown; name?: string };
  const message = `${e?.name ?? "Error"}: ${e?.message ?? String(error)}`;
  const cause = e?.cause as { message?: string; cause?: { claim?: string } } | undefined;
  const claim = cause?.cause?.claim;
  const causeMessage = cause?.message ?? "";
  switch (e?.code) {
    case "OAUTH_AUTHORIZATION_RESPONSE_ERROR":
      return { failure: e.error === "access_denied" ? "cancelled" : "provider-error", detail: `${message} (${e.error})` };
    case "OAUTH_RESPONSE_BODY_ERROR":
      if (e.error === "invalid_grant") return { failure: "code-rejected", detail: `${message} (${e.error})` };
      return { failure: "provider-error", detail: `${message} (${e.error}, HTTP ${e.status})` };
    case "OAUTH_JWT_TIMESTAMP_CHECK_FAILED":
      return { failure: "token-expired", detail: `${message}: ${causeMessage}` };
    case "OAUTH_JWT_CLAIM_COMPARISON_FAILED":
      return { failure: claim === "aud" || claim === "azp" ? "wrong-audience" : "invalid-token", detail: `${message}: ${causeMessage}` };
    case "OAUTH_INVALID_RESPONSE":
      if (/"state"/.test(causeMessage)) return { failure: "state-mismatch", detail: `${message}: ${causeMessage}` };
      if (/"aud"/.test(causeMessage)) return { failure: "wrong-audience", detail: `${message}: ${causeMessage}` };
      return { failure: "invalid-token", detail: `${message}: ${causeMessage}` };
    case "OAUTH_RESPONSE_IS_NOT_CONFORM":
    case "OAUTH_RESPONSE_IS_NOT_JSON":
      return { failure: "provider-unavailable", detail: message };
    case "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED":
    case "OAUTH_PARSE_ERROR":
    case "OAUTH_KEY_SELECTION_FAILED":
      return { failure: "invalid-token", detail: `${message}: ${causeMessage}` };
    default:
      // fetch failures (connection refused, DNS, timeout) are TypeErrors / AbortErrors / TimeoutErrors.
      return { failure: e?.name === "TypeError" || e?.name === "AbortError" || e?.name === "TimeoutError" ? "provider-unavailable" : "invalid-token", detail: `${message}${causeMessage ? `: ${causeMessage}` : ""}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Discovery, cached per process

const discoveries = new Map<string, Promise<client.Configuration>>();

function discoveryKey(provider: OidcProviderConfig): string {
  return `${provider.issuer}\n${provider.clientId}\n${provider.tokenAuthMethod}`;
}

/** The provider's metadata and client configuration; a failed discovery is retried next time. */
export function providerConfiguration(provider: OidcProviderConfig): Promise<client.Configuration> {
  const key = discoveryKey(provider);
  let found = discoveries.get(key);
  if (!found) {
    const issuer = new URL(provider.issuer);
    const auth = provider.tokenAuthMethod === "client_secret_post" ? client.ClientSecretPost(provider.clientSecret) : client.ClientSecretBasic(provider.clientSecret);
    found = client.discovery(
      issuer,
      provider.clientId,
      { client_secret: provider.clientSecret, [client.clockTolerance]: 30 },
      auth,
      {
        // Signatures are checked too (openid-client trusts TLS for the token response by default;
        // the loopback development provider has no TLS, and a checked signature costs one cached JWKS fetch).
        execute: isLoopbackHttp(issuer) ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
        timeout: 10,
      },
    );
    discoveries.set(key, found);
    found.catch(() => {
      if (discoveries.get(key) === found) discoveries.delete(key);
    });
  }
  return found;
}

/** Forget cached discoveries (tests; or after the provider rotated its metadata). */
export function forgetDiscoveries(): void {
  discoveries.clear();
}

// ---------------------------------------------------------------------------------------------
// The transaction cookie

export const TRANSACTION_MAX_AGE_SECONDS = 600;

const transactionSchema = z.object({
  v: z.literal(1),
  provider: z.string().min(1).max(40),
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  codeVerifier: z.string().min(43).max(128),
  returnTo: z.string().max(2000),
  /** Epoch seconds. */
  issuedAt: z.number().int().nonnegative(),
});
export type SignInTransaction = z.infer<typeof transactionSchema>;

/** A same-site path to return to after sign-in (the site-wide rule, `safeRedirect`); anything else becomes "/". */
export function safeReturnTo(value: string | null | undefined): string {
  return value && value.length <= 2000 ? safeRedirect(value, "/") : "/";
}

export interface BeginOptions {
  /** ui_locales for the provider's pages. */
  locale?: Locale;
  now?: number;
}

export type BeginResult = { ok: true; redirectUrl: string; cookieValue: SignInTransaction; maxAge: number } | SignInFailure;

/** The provider URL to redirect to, and the transaction to keep in the short-lived signed cookie. */
export async function beginSignIn(provider: OidcProviderConfig, returnTo: string | null | undefined, options: BeginOptions = {}): Promise<BeginResult> {
  const back = safeReturnTo(returnTo);
  let config: client.Configuration;
  try {
    config = await providerConfiguration(provider);
  } catch (error) {
    return fail("provider-unavailable", classifyError(error).detail, back);
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const transaction: SignInTransaction = {
    v: 1,
    provider: provider.id,
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier,
    returnTo: back,
    issuedAt: Math.floor((options.now ?? Date.now()) / 1000),
  };
  const parameters: Record<string, string> = {
    redirect_uri: provider.redirectUri,
    scope: provider.scope,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state: transaction.state,
    nonce: transaction.nonce,
  };
  if (options.locale) parameters.ui_locales = options.locale;
  const url = client.buildAuthorizationUrl(config, parameters);
  return { ok: true, redirectUrl: url.href, cookieValue: transaction, maxAge: TRANSACTION_MAX_AGE_SECONDS };
}

export interface SignedIn {
  ok: true;
  provider: string;
  issuer: string;
  /** The ID token's subject. */
  subject: string;
  /** ID token claims (without the protocol ones) merged with userinfo; userinfo wins. */
  claims: Record<string, unknown>;
  returnTo: string;
}

const PROTOCOL_CLAIMS = new Set(["iss", "aud", "exp", "iat", "nbf", "nonce", "at_hash", "c_hash", "s_hash", "auth_time", "azp", "sid", "acr", "amr", "jti"]);

export interface FinishOptions {
  now?: number;
}

/**
 * Completes the sign-in at the callback: checks the transaction (from the signed cookie, as
 * parsed), state, code (with PKCE), ID token (signature, issuer, audience, nonce, expiry with 30 s
 * tolerance) and fetches userinfo. The callback's query is applied to the configured redirect URI,
 * so a proxy in front of the server does not change the redirect_uri sent to the provider.
 */
export async function finishSignIn(provider: OidcProviderConfig, callbackUrl: URL | string, cookieValue: unknown, options: FinishOptions = {}): Promise<SignedIn | SignInFailure> {
  const parsed = transactionSchema.safeParse(cookieValue);
  if (!parsed.success) return fail("transaction-missing", "no valid sign-in transaction cookie");
  const transaction = parsed.data;
  const returnTo = safeReturnTo(transaction.returnTo);
  if (transaction.provider !== provider.id) return fail("transaction-missing", `transaction for provider "${transaction.provider}", callback of "${provider.id}"`, returnTo);
  const age = Math.floor((options.now ?? Date.now()) / 1000) - transaction.issuedAt;
  if (age > TRANSACTION_MAX_AGE_SECONDS || age < -60) return fail("transaction-expired", `transaction is ${age} s old`, returnTo);

  const incoming = new URL(callbackUrl);
  const current = new URL(provider.redirectUri);
  current.search = incoming.search;

  let config: client.Configuration;
  try {
    config = await providerConfiguration(provider);
  } catch (error) {
    return fail("provider-unavailable", classifyError(error).detail, returnTo);
  }
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) return fail("invalid-token", "no ID token", returnTo);
    const claims: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(idClaims)) if (!PROTOCOL_CLAIMS.has(k)) claims[k] = v;
    if (config.serverMetadata().userinfo_endpoint) {
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      Object.assign(claims, userinfo);
    }
    return { ok: true, provider: provider.id, issuer: idClaims.iss, subject: idClaims.sub, claims, returnTo };
  } catch (error) {
    const { failure, detail } = classifyError(error);
    return fail(failure, detail, returnTo);
  }
}
