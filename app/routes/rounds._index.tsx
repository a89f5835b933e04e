import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/shared/catalog";
import { formatDay, formatEuros } from "~/shared/locale";
import { helsinkiDay, phaseOn } from "~/features/rounds/phases";
import { localName } from "~/features/rounds/rounds";
import type { BallotStyle, RoundScope, WinnerRule } from "~/features/rounds/rounds";
import { requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { titled } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction = titled("rounds.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["coordinator", "admin"]);
  const locale = await getLocale(request);
  const today = helsinkiDay();
  const rounds = await db.round.findMany({ include: { areas: true }, orderBy: { proposalsStart: "desc" } });
  return {
    rounds: rounds.map((r) => ({
      slug: r.slug,
      name: localName(r, locale),
      state: phaseOn(r, today),
      scope: r.scope as RoundScope,
      ballotStyle: r.ballotStyle as BallotStyle,
      maxPicks: r.maxPicks ?? 0,
      rule: r.rule as WinnerRule,
      start: r.proposalsStart,
      end: r.votingEnd,
      budget: r.areas.reduce((sum, a) => sum + a.budget, 0),
    })),
  };
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
        <div className="table-wrap">
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
                  <td>{t(`phases.stateShort.${r.state}`)}</td>
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
