// GET /audit.csv?action=&actor=&from=&to=: the audit log rows of /audit's filters as a CSV download
// (format: app/features/audit/audit.server.ts `auditCsv`), for coordinators and admins (`audit:view`).
// The file name escapes the dot ("[.csv]"), so this is its own URL and not a child of /audit.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/features/access/guard.server";
import { auditCsv } from "~/features/audit/audit.server";
import { getLocale } from "~/server/locale.server";
import { i18nFor } from "~/shared/i18n/strings.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:view");
  const { t } = i18nFor(await getLocale(request));
  return auditCsv(new URL(request.url), (m) => t(m.key as never, m.values as never) as unknown as string);
}
