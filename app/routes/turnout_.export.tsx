// GET /turnout/export?round=SLUG&by=KEYS&format=csv|json|xlsx[&public=1][&school=CODE]: the files
// of the `turnout` command (app/features/turnout/turnout-export.server.ts), as a download.
// Who gets what (docs/decisions/005-turnout-and-suppression.md):
// - coordinators and admins: the whole city (or one school with `school`), exact or public;
// - staff: only the schools they serve, and only public figures (suppressed small cells): a request
//   for exact figures, or for a school they do not serve, is refused with 403.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseTurnoutKeys, publishTable } from "~/features/turnout/turnout";
import { forbidden, requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { loadTurnout, requestScope } from "~/features/turnout/turnout.server";
import { CONTENT_TYPES, isTurnoutFormat, turnoutFile, turnoutFilename } from "~/features/turnout/turnout-export.server";

function badRequest(message: string): Response {
  return new Response(`${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff", "coordinator", "admin"]);
  const url = new URL(request.url);
  const isPublic = url.searchParams.get("public") === "1";
  if (user.role === "staff" && !isPublic) throw forbidden();
  const format = url.searchParams.get("format") ?? "csv";
  if (!isTurnoutFormat(format)) return badRequest("format must be csv, json or xlsx");
  const keys = parseTurnoutKeys(url.searchParams.get("by") ?? "type,language");
  if (!keys.ok) return badRequest(`by: ${keys.message}`);
  const slug = url.searchParams.get("round") ?? "";
  const round = await db.round.findUnique({ where: { slug } });
  if (!round) return new Response("No such round\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const scope = await requestScope(db, user, url.searchParams.get("school") || null);
  const { table } = await loadTurnout(db, round, keys.keys, scope);
  const body = await turnoutFile({ round: round.slug, table: publishTable(table, isPublic), generatedAt: new Date() }, format);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${turnoutFilename(round.slug, keys.keys, isPublic, format)}"`,
      "Cache-Control": "no-store",
    },
  });
}
