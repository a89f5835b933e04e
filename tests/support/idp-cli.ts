// The development OpenID provider (docs/mpassid.md, "Local development"):
//   node --import tsx tests/support/idp-cli.ts [PORT]
// Environment (all optional): IDP_PORT (4010; an argument wins), IDP_CLIENT_ID (omakoulu-dev),
// IDP_CLIENT_SECRET (omakoulu-dev-secret), IDP_REDIRECT_URIS (comma-separated; by default the
// callback of the app on localhost:3000 and 127.0.0.1:3000). The app then needs
//   OIDC_ISSUER=http://127.0.0.1:4010 OIDC_CLIENT_ID=omakoulu-dev OIDC_CLIENT_SECRET=omakoulu-dev-secret
//   OIDC_REDIRECT_URI=http://localhost:3000/login/school/callback
// Loopback only (127.0.0.1). Stops on Ctrl-C.
import { startIdp } from "./idp";

const DEFAULT_CALLBACK_PATH = "/login/school/callback";

const port = Number(process.argv[2] ?? process.env.IDP_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`idp: bad port "${process.argv[2] ?? process.env.IDP_PORT}"`);
  process.exit(2);
}
const clientId = process.env.IDP_CLIENT_ID || "omakoulu-dev";
const clientSecret = process.env.IDP_CLIENT_SECRET || "omakoulu-dev-secret";
const redirectUris = (process.env.IDP_REDIRECT_URIS || `http://localhost:3000${DEFAULT_CALLBACK_PATH},http://127.0.0.1:3000${DEFAULT_CALLBACK_PATH}`)
  .split(",")
  .map((u) => u.trim())
  .filter(Boolean);

const idp = await startIdp({
  port,
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris }],
  log: (line) => console.log(line),
});

console.log(`Development OpenID provider (fixture MPASSid) at ${idp.issuer}`);
console.log(`  discovery: ${idp.issuer}/.well-known/openid-configuration`);
console.log(`  client: ${clientId} / ${clientSecret}`);
console.log(`  redirect URIs: ${redirectUris.join(", ")}`);
console.log(`  people: ${idp.people.map((p) => p.id).join(", ")}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void idp.stop().then(() => process.exit(0));
  });
}
