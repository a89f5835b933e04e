import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { BudgetTable } from "~/features/rounds/budget-table";
import type { Locale } from "~/shared/catalog";
import { formatDay, formatNumber } from "~/shared/locale";
import { requirePermission } from "~/features/access/guard.server";
import { loadRoundPage } from "~/features/rounds/rounds.server";
import { titleOf } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.round.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "round:manage");
  return { ...(await loadRoundPage(params.slug ?? "", await getLocale(request))), strings: pageStrings(await getLocale(request), ["areas", "ballotStyles", "followUp", "home", "phases", "results", "roundAdmin", "rounds", "rules", "schoolLanguages", "schoolTypes", "scopes"]) };
}

export default function RoundPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { round, byType } = useLoaderData<typeof loader>();
  const totalEligible = byType.reduce((s, g) => s + g.eligible, 0);
  const totalSchools = byType.reduce((s, g) => s + g.schools, 0);
  return (
    <div className="page">
      <h1>{round.name}</h1>
      <p>
        <Link to={`/rounds/${encodeURIComponent(round.slug)}/edit`} className="button button--secondary">
          {t("roundAdmin.editLink")}
        </Link>{" "}
        <Link to={`/rounds/${encodeURIComponent(round.slug)}/results`} className="button button--secondary">
          {t("results.link")}
        </Link>{" "}
        <Link to={`/rounds/${encodeURIComponent(round.slug)}/follow-up`} className="button button--secondary">
          {t("followUp.project.outcomes")}
        </Link>
      </p>
      <dl className="facts-list">
        <dt>{t("rounds.phase")}</dt>
        <dd>{t(`phases.stateShort.${round.state}`)}</dd>
        <dt>{t("rounds.scope")}</dt>
        <dd>{t(`scopes.${round.scope}`)}</dd>
        <dt>{t("rounds.ballot")}</dt>
        <dd>{round.ballotStyle === "approval" ? t("ballotStyles.approval", { count: round.maxPicks }) : t("ballotStyles.budget")}</dd>
        <dt>{t("rounds.rule")}</dt>
        <dd>{t(`rules.${round.rule}`)}</dd>
        <dt>{t("rounds.classLevels")}</dt>
        <dd>{round.classLevels.join(", ")}</dd>
      </dl>

      <h2 id="phases-title">{t("rounds.dates")}</h2>
      <div className="table-wrap">
        <table aria-labelledby="phases-title">
          <thead>
            <tr>
              <th scope="col">{t("rounds.phaseName")}</th>
              <th scope="col">{t("rounds.dateRange")}</th>
            </tr>
          </thead>
          <tbody>
            {round.phases.map((p) => (
              <tr key={p.name}>
                <th scope="row">{t(`phases.${p.name}`)}</th>
                <td>{p.start === p.end ? formatDay(p.start, locale) : t("phases.range", { start: formatDay(p.start, locale), end: formatDay(p.end, locale) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="areas-title">{t("rounds.areas")}</h2>
      <BudgetTable areas={round.areas} labelledBy="areas-title" />

      <h2 id="eligible-title">{t("rounds.eligibleByType")}</h2>
      {/* Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="table-wrap" role="region" aria-labelledby="eligible-title" tabIndex={0}>
        <table aria-labelledby="eligible-title">
          <thead>
            <tr>
              <th scope="col">{t("rounds.schoolType")}</th>
              <th scope="col">{t("rounds.language")}</th>
              <th scope="col" className="num">
                {t("rounds.schools")}
              </th>
              <th scope="col" className="num">
                {t("rounds.eligible")}
              </th>
            </tr>
          </thead>
          <tbody>
            {byType.map((g) => (
              <tr key={`${g.type}/${g.language}`}>
                <th scope="row">
                  {t(`schoolTypes.${g.type}`)} ({g.type})
                </th>
                <td>{t(`schoolLanguages.${g.language}`)}</td>
                <td className="num">{formatNumber(g.schools, locale)}</td>
                <td className="num">{formatNumber(g.eligible, locale)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t("rounds.total")}
              </th>
              <td className="num">{formatNumber(totalSchools, locale)}</td>
              <td className="num">{formatNumber(totalEligible, locale)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
