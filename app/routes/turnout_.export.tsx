// GET /turnout/export?round=SLUG&by=KEYS&format=csv|json|xlsx[&public=1][&school=CODE]: the files
// of the `turnout` command (app/features/turnout/turnout-export.server.ts), as a download.
// Who gets what (`canSeeTurnout`, app/features/access/permissions.ts):
// - coordinators and admins: the whole city (or one school with `school`), exact or public;
// - staff: only the schools they serve, and only public figures (suppressed small cells): a request
//   for exact figures, or for a school they do not serve, is refused with 403.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/features/access/guard.server";
import { turnoutDownload } from "~/features/turnout/turnout-page.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "turnout:view");
  return turnoutDownload(user, new URL(request.url));
}
