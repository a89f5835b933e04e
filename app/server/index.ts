// The production HTTP server: Express serving the Remix build (`npm run serve`, and `npm start`).
// It creates and migrates the database before it listens.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { databaseUrl } from "./database-url.server";
import { env } from "./env.server";
import { migrateDatabase } from "./migrate.server";
import { MAX_FORM_BYTES } from "./request.server";
import { UPLOAD_MAX_BODY_BYTES } from "~/shared/images";

const root = process.cwd();
const { port, host, trustProxy, production } = env();

const migrated = await migrateDatabase(databaseUrl(), root);
if (!migrated.ok) {
  console.error(`Could not migrate the database:\n${migrated.output}`);
  process.exit(1);
}

const build = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy, TRUST_PROXY tells Express which X-Forwarded-For hops to believe
// (e.g. "loopback" or a hop count), so that rate limits see the real client address.
if (trustProxy !== undefined) app.set("trust proxy", trustProxy);
app.use(compression());
// OmaKoulu's forms are small: refuse a body that says it is over 1 MB before anything reads it
// (a body without a length is cut off at the same size by app/server/request.server.ts). Forms with
// a picture (multipart) may be larger: a picture over 5 MB is then refused on its field with the rest
// of the form kept, up to UPLOAD_MAX_BODY_BYTES (app/shared/images.server.ts, docs/uploads.md).
app.use((req, res, next) => {
  const multipart = /^multipart\/form-data/i.test(req.headers["content-type"] ?? "");
  if (Number(req.headers["content-length"] ?? 0) > (multipart ? UPLOAD_MAX_BODY_BYTES : MAX_FORM_BYTES)) {
    res.status(413).type("text/plain").send("Payload too large");
    return;
  }
  next();
});
// An encoded NUL (%00) in the query string is dropped before any route reads it: nobody types one,
// and PostgreSQL refuses to compare or store text containing one (request.server.ts does the same
// for form fields).
const withoutEncodedNul = (url: string) => {
  const query = url.indexOf("?");
  return query >= 0 ? url.slice(0, query) + url.slice(query).replace(/%00/gi, "") : url;
};
app.use((req, _res, next) => {
  // Remix reads originalUrl; Express routing reads url.
  req.url = withoutEncodedNul(req.url);
  req.originalUrl = withoutEncodedNul(req.originalUrl);
  next();
});
app.use((_req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
});
// Fingerprinted assets are immutable; everything else in public/ may change.
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: production ? "production" : "development",
    getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

const server = app.listen(port, host, () => {
  console.log(`OmaKoulu listening on http://localhost:${port}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
