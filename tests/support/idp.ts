// A real OpenID provider (oidc-provider v9, the certified implementation) for tests and local
// development: `startIdp({ port, clients })` → `{ issuer, stop() }`. It plays MPASSid: its fixture
// people (idp-people.ts) carry MPASSid claims, released in the ID token and at userinfo with scope
// `profile`. Only on 127.0.0.1, over plain HTTP: never a production provider.
//
// - Authorization code flow only, PKCE (S256) required for every client, client_secret_basic.
// - The sign-in page (/interaction/UID) lists the fixture people as radio buttons; the tester picks
//   one and presses "Kirjaudu" (Playwright: check the label, click the button). The provider asks
//   every time, even with a session, so one browser can try several people. There is no consent
//   page: the grant (openid profile + the MPASSid claims) is given at once.
// - Bad tokens on purpose: a person with `tokenFault`, or a client with `tokenFault`, gets an ID
//   token whose claims are spoiled after the provider made it ("expired": iat/exp an hour in the
//   past; "wrong-audience": aud is another service; "bad-signature": the signature is broken). The
//   token is re-signed with the provider's own key, so only the relying party's claim checks can
//   catch it. Everything else (codes, replay, state, PKCE) is oidc-provider's own behaviour.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { interactionPolicy, type ClientMetadata, type KoaContext } from "oidc-provider";
import { FIXTURE_PEOPLE, RELEASED_CLAIMS, type FixturePerson, type TokenFault } from "./idp-people";

export type { FixturePerson, TokenFault } from "./idp-people";

export interface IdpClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  /** Spoil every ID token this client gets (see the header). */
  tokenFault?: TokenFault;
}

export interface StartIdpOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  clients: IdpClient[];
  /** The fixture people; FIXTURE_PEOPLE by default. */
  people?: readonly FixturePerson[];
  /** Log each sign-in to stdout (idp-cli does). */
  log?: (line: string) => void;
}

export interface Idp {
  /** http://127.0.0.1:PORT, the issuer identifier and discovery base. */
  issuer: string;
  port: number;
  people: readonly FixturePerson[];
  stop(): Promise<void>;
}

const KID = "omakoulu-fixture-rs256";

export async function startIdp(options: StartIdpOptions): Promise<Idp> {
  const people = options.people ?? FIXTURE_PEOPLE;
  const byId = new Map(people.map((p) => [p.id, p]));
  const clientFaults = new Map(options.clients.filter((c) => c.tokenFault).map((c) => [c.client_id, c.tokenFault as TokenFault]));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: KID, alg: "RS256", use: "sig" };

  // Listen first (the issuer needs the port), then hand requests to the provider.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const policy = interactionPolicy.base();
  policy
    .get("login")
    ?.checks.add(
      new interactionPolicy.Check("fixture_pick_person", "the fixture provider asks whom to sign in as every time", "login_required", (ctx) => !ctx.oidc?.result?.login),
    );

  const clients: ClientMetadata[] = options.clients.map((c) => ({
    client_id: c.client_id,
    client_secret: c.client_secret,
    redirect_uris: c.redirect_uris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }));

  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], profile: RELEASED_CLAIMS, acr: null, sid: null, auth_time: null, iss: null },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    clientBasedCORS: () => false,
    async findAccount(_ctx, sub) {
      const person = byId.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ ...person.claims, sub }) };
    },
    // No consent step: every client is first-party here.
    async loadExistingGrant(ctx) {
      const oidc = ctx.oidc;
      if (!oidc?.client || !oidc.session) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope("openid profile");
      grant.addOIDCClaims(RELEASED_CLAIMS);
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      ctx.type = "html";
      const rows = Object.entries(out)
        .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(String(v))}</dd>`)
        .join("");
      ctx.body = page("Virhe / Error", `<h1>Tunnistus epäonnistui / Sign-in failed</h1><dl>${rows}</dl>`);
    },
  });

  // Spoil ID tokens on purpose (see the header).
  provider.use(async (ctx: KoaContext, next) => {
    await next();
    if (ctx.method !== "POST" || ctx.path !== "/token" || ctx.status !== 200) return;
    const body = ctx.body as Record<string, unknown> | null;
    if (!body || typeof body.id_token !== "string") return;
    const payload = decodePayload(body.id_token);
    const fault = clientFaults.get(String(payload.aud)) ?? byId.get(String(payload.sub))?.tokenFault;
    if (fault) ctx.body = { ...body, id_token: spoil(body.id_token, fault, privateKey) };
  });

  const callback = provider.callback();
  handle = (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(url.pathname);
    if (!match) return callback(req, res);
    const action = match[2] ?? "";
    interaction(req, res, action).catch((error: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 400;
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(page("Virhe / Error", `<h1>Tunnistus epäonnistui / Sign-in failed</h1><p>${esc(error instanceof Error ? error.message : String(error))}</p>`));
      }
    });
  };

  async function interaction(req: IncomingMessage, res: ServerResponse, action: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (action === "" && req.method === "GET") {
      return send(res, 200, loginPage(details.uid, String(details.params.client_id ?? ""), people));
    }
    if (req.method !== "POST") return send(res, 405, page("405", "<h1>405</h1>"));
    if (action === "/abort") {
      const to = await provider.interactionResult(req, res, { error: "access_denied", error_description: "End-User aborted interaction" }, { mergeWithLastSubmission: false });
      return redirect(res, to);
    }
    const form = new URLSearchParams(await readBody(req));
    const person = byId.get(form.get("person") ?? "");
    if (!person) return send(res, 400, loginPage(details.uid, String(details.params.client_id ?? ""), people, true));
    options.log?.(`idp: ${person.id} signs in to ${String(details.params.client_id)}`);
    const to = await provider.interactionResult(req, res, { login: { accountId: person.id } }, { mergeWithLastSubmission: false });
    return redirect(res, to);
  }

  return {
    issuer,
    port,
    people,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

function spoil(jwt: string, fault: TokenFault, key: KeyObject): string {
  const [header = ""] = jwt.split(".");
  const payload = decodePayload(jwt);
  const now = Math.floor(Date.now() / 1000);
  if (fault === "expired") {
    payload.iat = now - 2 * 3600;
    payload.exp = now - 3600;
    if (typeof payload.auth_time === "number") payload.auth_time = now - 2 * 3600;
  }
  if (fault === "wrong-audience") {
    payload.aud = "some-other-service";
    delete payload.azp;
  }
  const input = `${header}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  const signature = sign("sha256", Buffer.from(input), key);
  if (fault === "bad-signature") signature[0] = (signature[0] ?? 0) ^ 0xff;
  return `${input}.${signature.toString("base64url")}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error("body too large"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(html);
}

function redirect(res: ServerResponse, to: string): void {
  res.statusCode = 303;
  res.setHeader("Location", to);
  res.setHeader("Content-Length", "0");
  res.end();
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
fieldset{border:1px solid #666;padding:1rem}label{display:block;padding:.25rem 0}
button{font:inherit;padding:.5rem 1.25rem;margin:1rem .5rem 0 0}
.note{background:#fff4ce;padding:.5rem}.error{color:#a00000;font-weight:bold}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function loginPage(uid: string, clientId: string, people: readonly FixturePerson[], error = false): string {
  const options = people
    .map(
      (p, i) =>
        `<label><input type="radio" name="person" value="${esc(p.id)}"${i === 0 ? " checked" : ""}> ${esc(p.label)} <code>${esc(p.id)}</code></label>`,
    )
    .join("\n");
  return page(
    "Testitunnistus (MPASSid) / Test sign-in",
    `<h1>Testitunnistus (MPASSid) / Test sign-in</h1>
<p class="note">Kehitys- ja testikäyttöön: ei oikea MPASSid. / Development and tests only: not the real MPASSid.</p>
<p>Palvelu / Service: <code>${esc(clientId)}</code></p>
${error ? '<p class="error" role="alert">Valitse henkilö. / Pick a person.</p>' : ""}
<form method="post" action="/interaction/${esc(uid)}/login">
<fieldset><legend>Kirjaudu henkilönä / Sign in as</legend>
${options}
</fieldset>
<button type="submit">Kirjaudu / Sign in</button>
</form>
<form method="post" action="/interaction/${esc(uid)}/abort">
<button type="submit">Peruuta / Cancel</button>
</form>`,
  );
}
