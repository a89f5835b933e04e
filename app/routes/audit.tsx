// /audit?action=&actor=&from=&to=&page=: the audit log for coordinators and admins (`audit:view`),
// newest first, 50 rows a page, with a CSV of the same filters (/audit.csv). Pupils are shown only
// as "pupil"; the log holds no ballot contents (app/features/audit/audit.server.ts). Refused filters
// answer 400 with the form showing what was typed and what to fix.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { requirePermission } from "~/features/access/guard.server";
import { loadAuditPage } from "~/features/audit/audit.server";
import { AuditDownload, AuditFilterForm, AuditPager, AuditTable } from "~/features/audit/audit-ui";
import { getLocale } from "~/server/locale.server";
import { formatNumber } from "~/shared/locale";
import { titled } from "~/shared/meta";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("audit.title");

// The log grows all the time: never from a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:view");
  const locale = await getLocale(request);
  const page = await loadAuditPage(new URL(request.url), locale);
  return data({ strings: pageStrings(locale, ["audit", "codes", "forms", "projects", "results", "schools"]), ...page, locale }, { status: page.status });
}

export default function AuditLog() {
  const { t } = useTranslation();
  const { values, errors, actions, accounts, result, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <AuditFilterForm values={values} errors={errors} actions={actions} accounts={accounts} />
      {result ? (
        <>
          <h2 id="audit-results" aria-live="polite">
            {result.total
              ? t("audit.rows", { first: formatNumber(result.first, locale), last: formatNumber(result.last, locale), total: formatNumber(result.total, locale) })
              : t("audit.noRows")}
          </h2>
          {result.total ? (
            <>
              <AuditDownload values={values} />
              <AuditTable rows={result.rows} />
              <AuditPager values={values} page={result.page} pages={result.pages} />
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
