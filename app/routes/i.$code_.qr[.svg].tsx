// The QR code of an idea's public status page (/i/CODE), drawn on the server as an SVG image for
// the proposer's idea page and printed slip.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { followQrSvg, publicOrigin } from "~/features/proposals/follow.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const svg = await followQrSvg(params.code ?? "", publicOrigin(request));
  if (!svg) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Robots-Tag": "noindex" } });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      // X-Content-Type-Options: nosniff is on every answer (app/server/index.ts).
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Robots-Tag": "noindex",
      "Cache-Control": "private, max-age=3600",
    },
  });
}
