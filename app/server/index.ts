// The production HTTP server: Express serving the Remix build (`npm run serve`, and `npm start`).
// It creates and migrates the database before it listens.
//
// WORKERS=N (N > 1, PostgreSQL only; docs/postgres.md) starts N server processes with Node's cluster:
// the primary migrates once, then forks N workers that share PORT (the primary hands connections to
// them in turn) and never migrate themselves. A worker that dies unexpectedly is replaced after a
// pause that doubles with each crash in the last minute (up to 30 s), so a crash loop does not spin;
// SIGTERM or SIGINT stops the workers gracefully, then the primary. Each worker's PostgreSQL
// connections carry application_name "omakoulu-worker-K" (pg_stat_activity shows which is which).
// WORKERS>1 on SQLite is refused: one file has one writer at a time, so more processes only queue
// on its lock, and a second process would need its own copy of everything kept in memory.
// WORKERS=1 (the default) is one process that migrates and listens, as before.
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { crossSiteRequest, STATE_CHANGING, type CrossSite } from "./cross-site";
import { databaseUrl, isPostgres } from "./database-url.server";
import { env } from "./env.server";
import { migrateDatabase } from "./migrate.server";
import { MAX_FORM_BYTES } from "./request.server";
import { cspNonce, nonceOf, securityHeaders } from "./security-headers.server";
import { UPLOAD_MAX_BODY_BYTES } from "~/shared/images";

const root = process.cwd();
const { port, host, trustProxy, production, workers, publicUrl } = env();

if (cluster.isPrimary) {
  if (workers > 1 && !isPostgres(databaseUrl())) {
    console.error(
      `WORKERS=${workers} needs PostgreSQL (DATABASE_URL=postgresql://…): SQLite has one writer at a time, so more processes would only queue on its lock. Unset WORKERS or set WORKERS=1 for SQLite; see docs/postgres.md.`,
    );
    process.exit(1);
  }
  const migrated = await migrateDatabase(databaseUrl(), root);
  if (!migrated.ok) {
    console.error(`Could not migrate the database:\n${migrated.output}`);
    process.exit(1);
  }
  if (workers > 1) {
    console.log(migrated.output);
    runPrimary(workers);
  } else {
    await serve();
  }
} else {
  await serve();
}

/** Forks the workers, replaces those that die, and stops them all on SIGTERM/SIGINT. */
function runPrimary(count: number) {
  let forked = 0;
  let stopping = false;
  const running = new Set<Worker>();
  const crashes: number[] = [];
  const fork = () => {
    forked += 1;
    // Workers never migrate (the primary has); the name tells their connections apart in pg_stat_activity.
    running.add(cluster.fork({ PGAPPNAME: `omakoulu-worker-${forked}` }));
  };
  cluster.on("exit", (worker, code, signal) => {
    running.delete(worker);
    if (stopping) {
      if (running.size === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && (crashes[0] as number) < now - 60_000) crashes.shift();
    const delay = Math.min(30_000, 500 * 2 ** (crashes.length - 1));
    console.error(`OmaKoulu worker pid ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another in ${delay} ms`);
    setTimeout(() => {
      if (!stopping) fork();
    }, delay).unref();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`OmaKoulu primary received ${signal}: stopping the workers`);
    if (running.size === 0) process.exit(0);
    for (const worker of running) worker.process.kill("SIGTERM");
    // Workers close within 2 s themselves; whatever still runs after 5 s is killed.
    setTimeout(() => {
      console.error(`OmaKoulu primary: ${running.size} worker(s) still running after 5 s; killing them`);
      for (const worker of running) worker.process.kill("SIGKILL");
      process.exit(1);
    }, 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.log(`OmaKoulu primary pid ${process.pid} starting ${count} workers on port ${port}`);
  for (let i = 0; i < count; i++) fork();
}

/** One server process: the Remix build behind Express, listening on PORT. */
async function serve() {
  const loaded = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as ServerBuild;
  // Every route's action (and the exports' loaders) first goes through the rate limits and the
  // cross-site check (app/server/route-guards.server.ts). The wrapper comes from the Remix build's own
  // entry module (app/entry.server.tsx re-exports it), so that it shares that build's database pool
  // and counters instead of bundling a second copy into this file.
  const guardBuild = (loaded.entry.module as { guardBuild?: (build: ServerBuild) => ServerBuild }).guardBuild;
  if (!guardBuild) throw new Error("The server build does not export guardBuild (app/entry.server.tsx): run npm run build again.");
  const build = guardBuild(loaded);

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
  // for form fields). Remix reads originalUrl; Express routing reads url.
  app.use((req, _res, next) => {
    req.url = withoutEncodedNul(req.url);
    req.originalUrl = withoutEncodedNul(req.originalUrl);
    next();
  });
  // Security headers, with a fresh nonce per response for the page's inline scripts (security-headers.server.ts).
  app.use(cspNonce, ...securityHeaders());
  // A form sent from another site: decided here, refused with a 403 and an audit entry by the route's
  // action (route-guards.server.ts), so that the translated page and the log come from the app. The
  // Origin header has then been checked and is removed: Remix's own, simpler check would answer 500.
  app.use((req, res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const forwardedHost = trustProxy !== undefined ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
    res.locals.crossSite = crossSiteRequest({
      method: req.method,
      origin: req.get("origin"),
      fetchSite: req.get("sec-fetch-site"),
      host: forwardedHost || req.get("host"),
      publicOrigin: publicUrl,
    });
    delete req.headers.origin;
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
      getLoadContext: (req, res) => ({
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: nonceOf(res),
        crossSite: (res.locals.crossSite as CrossSite | null | undefined) ?? null,
      }),
    }),
  );

  const server = app.listen(port, host, () => {
    if (cluster.isWorker) console.log(`OmaKoulu worker ${cluster.worker?.id} (pid ${process.pid}) listening on http://localhost:${port}`);
    else console.log(`OmaKoulu listening on http://localhost:${port}`);
  });

  function shutdown() {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  }
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

function withoutEncodedNul(url: string): string {
  const query = url.indexOf("?");
  return query >= 0 ? url.slice(0, query) + url.slice(query).replace(/%00/gi, "") : url;
}
