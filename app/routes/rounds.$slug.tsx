import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BudgetTable } from "~/features/rounds/budget-table";
import { SCHOOL_LANGUAGES, SCHOOL_TYPES, type AreaSlug, type Locale, type SchoolLanguage, type SchoolType } from "~/shared/catalog";
import { formatDay, formatNumber } from "~/shared/locale";
import { helsinkiDay, parseClassLevels, phaseOn } from "~/features/rounds/phases";
import { localName, type BallotStyle, type RoundScope, type WinnerRule } from "~/features/rounds/rounds";
import { requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { titleOf } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.round.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["coordinator", "admin"]);
  const locale = await getLocale(request);
  const round = await db.round.findUnique({
    where: { slug: params.slug ?? "" },
    include: { areas: { include: { area: true }, orderBy: { area: { sortOrder: "asc" } } } },
  });
  if (!round) throw new Response("Not found", { status: 404 });
  const classLevels = parseClassLevels(round.classLevels);
  const enrolment = await db.enrolment.findMany({
    where: { roundId: round.id, classLevel: { in: classLevels } },
    select: { eligible: true, schoolId: true, school: { select: { type: true, language: true } } },
  });
  // Eligible pupils by school type × language: the table coordinators read turnout against.
  const groups = new Map<string, { type: SchoolType; language: SchoolLanguage; eligible: number; schools: Set<string> }>();
  for (const e of enrolment) {
    const key = `${e.school.type}/${e.school.language}`;
    const group = groups.get(key) ?? { type: e.school.type as SchoolType, language: e.school.language as SchoolLanguage, eligible: 0, schools: new Set() };
    group.eligible += e.eligible;
    group.schools.add(e.schoolId);
    groups.set(key, group);
  }
  const byType = [...groups.values()]
    .sort((a, b) => SCHOOL_TYPES.indexOf(a.type) - SCHOOL_TYPES.indexOf(b.type) || SCHOOL_LANGUAGES.indexOf(a.language) - SCHOOL_LANGUAGES.indexOf(b.language))
    .map((g) => ({ type: g.type, language: g.language, eligible: g.eligible, schools: g.schools.size }));
  return {
    round: {
      name: localName(round, locale),
      slug: round.slug,
      state: phaseOn(round, helsinkiDay()),
      scope: round.scope as RoundScope,
      ballotStyle: round.ballotStyle as BallotStyle,
      maxPicks: round.maxPicks ?? 0,
      rule: round.rule as WinnerRule,
      classLevels,
      phases: [
        { name: "proposals" as const, start: round.proposalsStart, end: round.proposalsEnd },
        { name: "review" as const, start: round.reviewStart, end: round.reviewEnd },
        { name: "voting" as const, start: round.votingStart, end: round.votingEnd },
        { name: "results" as const, start: round.resultsDate, end: round.resultsDate },
      ],
      areas: round.areas.map((a) => ({ slug: a.areaSlug as AreaSlug, budget: a.budget })),
    },
    byType,
  };
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
      <div className="table-wrap">
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
