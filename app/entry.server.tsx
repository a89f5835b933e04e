import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startSweeper } from "./features/voting/ballot-box.server";
import { getLocale } from "./server/locale.server";
import { NonceProvider } from "./shared/nonce";
import { refusalIn } from "./shared/refusal";

// The server (app/server/index.ts) wraps every route's handlers with the rate limits and the cross-site
// check when it starts; exported from here so that it is part of the Remix build.
export { guardBuild } from "./server/route-guards.server";

const ABORT_DELAY = 5_000;

// Every server process sweeps the ballot box of rounds whose voting has ended (soon after it starts,
// then hourly), so that ballots left sealed when casting stopped are counted even if nobody casts,
// publishes or exports again (docs/decisions/009-ballot-box.md). Processes never mix the same entries
// twice: the mix takes the database's lock.
startSweeper();

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The Content-Security-Policy allows inline scripts only with this response's nonce (app/server/security-headers.server.ts).
  const nonce = loadContext.cspNonce;
  const locale = await getLocale(request);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Language", locale);
          responseHeaders.append("Vary", "Cookie, Accept-Language");
          // A refused request (app/server/route-guards.server.ts): say when to try again, and keep no copy.
          const refusal = refusalIn(remixContext.staticHandlerContext.errors);
          if (refusal) responseHeaders.set("Cache-Control", "no-store");
          if (refusal?.refusal === "rate-limit") responseHeaders.set("Retry-After", String(refusal.retryAfterSeconds));
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
