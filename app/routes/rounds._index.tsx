import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import type { Locale } from "~/shared/catalog";
import { formatDay, formatEuros } from "~/shared/locale";
import { requirePermission } from "~/features/access/guard.server";
import { listRounds } from "~/features/rounds/rounds.server";
import { titled } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("rounds.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "round:manage");
  return { strings: pageStrings(await getLocale(request), ["ballotStyles", "phases", "roundAdmin", "rounds", "scopes"]), rounds: await listRounds(await getLocale(request)) };
}

export default function Rounds() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("rounds.title")}</h1>
      <p>{t("rounds.intro")}</p>
      <p>
        <Link to="/rounds/new" className="button">
          {t("roundAdmin.newLink")}
        </Link>
      </p>
      {rounds.length === 0 ? (
        <p>{t("rounds.none")}</p>
      ) : (
        // Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" role="region" aria-label={t("rounds.title")} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("rounds.name")}</th>
                <th scope="col">{t("rounds.phase")}</th>
                <th scope="col">{t("rounds.dateRange")}</th>
                <th scope="col">{t("rounds.scope")}</th>
                <th scope="col">{t("rounds.ballot")}</th>
                <th scope="col" className="num">
                  {t("rounds.budget")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.slug}>
                  <th scope="row">
                    <Link to={`/rounds/${encodeURIComponent(r.slug)}`}>{r.name}</Link>
                  </th>
                  <td>{t(r.state === "results" && !r.published ? "phases.stateShort.resultsPending" : `phases.stateShort.${r.state}`)}</td>
                  <td>{t("phases.range", { start: formatDay(r.start, locale), end: formatDay(r.end, locale) })}</td>
                  <td>{t(`scopes.${r.scope}`)}</td>
                  <td>{r.ballotStyle === "approval" ? t("ballotStyles.approval", { count: r.maxPicks }) : t("ballotStyles.budget")}</td>
                  <td className="num">{formatEuros(r.budget, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
