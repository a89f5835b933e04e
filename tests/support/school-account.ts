// Sign-in with the school account in integration tests: the built server and the real test OpenID
// provider (idp.ts) side by side. `schoolAccountSetup()` starts the provider before the server and
// gives the server the OIDC_* settings for it; `signInWithSchoolAccount` walks the real redirects.
import { afterAll, beforeAll } from "vitest";
import { freePort, type Client, type HttpResponse, type ServerOptions } from "../integration/harness";
import { startIdp, type Idp, type IdpClient } from "./idp";
import { signInAtProvider } from "./idp-browser";

export const CALLBACK_PATH = "/login/school/callback";
export const TEST_CLIENT = { client_id: "omakoulu-test", client_secret: "omakoulu-test-secret" } as const;
/** The server's IDENTITY_SECRET (tests compute the expected `User.identityKey` with it). */
export const IDENTITY_SECRET = "integration-test-identity-secret";

export interface SchoolAccountSetup {
  /** Pass to setupServer(): filled in (port, OIDC_* environment) before the server starts. */
  serverOptions: ServerOptions;
  idp(): Idp;
}

/**
 * Starts the provider in a beforeAll registered BEFORE setupServer's, with a client whose redirect
 * URI is the callback on the server's future port. Call it first, then setupServer(serverOptions).
 */
export function schoolAccountSetup(base: ServerOptions = {}, extraClients: (callback: string) => IdpClient[] = () => []): SchoolAccountSetup {
  const serverOptions: ServerOptions = { ...base };
  let idp: Idp | undefined;
  beforeAll(async () => {
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
    idp = await startIdp({ clients: [{ ...TEST_CLIENT, redirect_uris: [callback] }, ...extraClients(callback)] });
    serverOptions.port = port;
    serverOptions.env = {
      ...base.env,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT.client_id,
      OIDC_CLIENT_SECRET: TEST_CLIENT.client_secret,
      OIDC_REDIRECT_URI: callback,
      IDENTITY_SECRET,
    };
  });
  afterAll(async () => {
    await idp?.stop();
  });
  return {
    serverOptions,
    idp: () => {
      if (!idp) throw new Error("the test provider is not running");
      return idp;
    },
  };
}

/** The first leg: GET /login/school must redirect to the provider. Returns the authorization URL. */
export async function startSchoolSignIn(client: Client, query = ""): Promise<string> {
  const start = await client.get(`/login/school${query}`);
  if (start.status !== 302 || !start.location) throw new Error(`GET /login/school answered ${start.status}: ${start.body.slice(0, 300)}`);
  return start.location;
}

/** The whole round trip as `person`; returns the app's answer to the callback. */
export async function signInWithSchoolAccount(client: Client, person: string | "cancel", query = ""): Promise<HttpResponse> {
  const authorizationUrl = await startSchoolSignIn(client, query);
  const callback = await signInAtProvider(authorizationUrl, person, `${client.baseUrl}${CALLBACK_PATH}`);
  return client.get(`${callback.pathname}${callback.search}`);
}

/**
 * The whole round trip as `person`, started from a link the app offers (e.g. the school-account
 * button on a code pupil's account page, which may carry its own query); returns the callback's answer.
 */
export async function signInWithSchoolAccountFrom(client: Client, startPath: string, person: string | "cancel"): Promise<HttpResponse> {
  const start = await client.get(startPath);
  if (start.status !== 302 || !start.location) throw new Error(`GET ${startPath} answered ${start.status}: ${start.body.slice(0, 300)}`);
  const callback = await signInAtProvider(start.location, person, `${client.baseUrl}${CALLBACK_PATH}`);
  return client.get(`${callback.pathname}${callback.search}`);
}

/** The provider's callback URL for `person`, without delivering it to the app (replay and state tests). */
export async function callbackFor(client: Client, person: string): Promise<string> {
  const authorizationUrl = await startSchoolSignIn(client);
  const callback = await signInAtProvider(authorizationUrl, person, `${client.baseUrl}${CALLBACK_PATH}`);
  return `${callback.pathname}${callback.search}`;
}
