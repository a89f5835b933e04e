// POST /codes/csv: the sign-in codes of /codes's form as a CSV download (a resource route, because
// a page's action cannot answer with a file). Same checks and issuing as the printable sheet.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { i18nFor } from "~/shared/i18n/strings.server";
import { requirePermission } from "~/features/access/guard.server";
import { issueSheet, readSheetForm, slipsCsv } from "~/features/voting/code-sheets.server";
import { getLocale } from "~/server/locale.server";
import { readForm } from "~/server/request.server";

export function loader() {
  return redirect("/codes");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "code:issue");
  const form = await readSheetForm(user, await readForm(request));
  if (!form.ok) {
    // No page to show the problems on: a short translated text (the form itself marks the fields).
    const { t } = i18nFor(await getLocale(request));
    const lines = Object.values(form.reply.fieldErrors).map((m) => t(m.key as never, m.values as never) as unknown as string);
    return new Response(`${lines.join("\n")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const { round, school, classLevel, count } = form.value;
  const slips = await issueSheet({ roundSlug: round.slug, schoolCode: school.code, classLevel, count, actorId: user.id });
  const filename = `codes-${school.code}-class-${classLevel}-${round.slug}.csv`;
  return new Response(slipsCsv(slips, school.code, classLevel), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
