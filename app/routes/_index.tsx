import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { BudgetTable } from "~/features/rounds/budget-table";
import type { AreaSlug, Locale } from "~/shared/catalog";
import { formatDay } from "~/shared/locale";
import { helsinkiDay, parseClassLevels, phaseOn } from "~/features/rounds/phases";
import { phaseStateDate, roundName } from "~/features/rounds/rounds";
import { titled } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { loadCurrentRound, publishedRounds } from "~/features/rounds/rounds.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("app.tagline");

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, round] = await Promise.all([getLocale(request), loadCurrentRound()]);
  // Published results of the other rounds: a pupil looks for them long after the vote.
  const earlier = (await publishedRounds(locale)).filter((r) => r.slug !== round?.slug);
  if (!round) return { strings: pageStrings(locale, ["areas", "ballotStyles", "followUp", "home", "phases", "results", "roundAdmin", "rules"]), round: null, earlier };
  const today = helsinkiDay();
  const state = phaseOn(round, today);
  return {
    strings: pageStrings(locale, ["areas", "ballotStyles", "followUp", "home", "phases", "results", "roundAdmin", "rules"]),
    round: {
      slug: round.slug,
      published: round.resultsPublishedAt !== null,
      name: roundName(round, locale as Locale),
      state,
      stateDate: phaseStateDate(round, state, today),
      ballotStyle: round.ballotStyle as "approval" | "budget",
      maxPicks: round.maxPicks ?? 0,
      rule: round.rule as "greedy" | "greedy-no-skip" | "greedy-threshold" | "equal-shares",
      classLevels: parseClassLevels(round.classLevels),
      phases: [
        { name: "proposals" as const, start: round.proposalsStart, end: round.proposalsEnd },
        { name: "review" as const, start: round.reviewStart, end: round.reviewEnd },
        { name: "voting" as const, start: round.votingStart, end: round.votingEnd },
        { name: "results" as const, start: round.resultsDate, end: round.resultsDate },
      ],
      areas: round.areas.map((a) => ({ slug: a.areaSlug as AreaSlug, budget: a.budget })),
    },
    earlier,
  };
}

export default function Index() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { round, earlier } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.title")}</h1>
        <p className="hero__intro">{t("home.intro")}</p>
        <p className="hero__actions">
          <Link to="/login/code" className="button">
            {t("home.signInPupil")}
          </Link>
          <Link to="/login" className="button button--secondary">
            {t("home.signInStaff")}
          </Link>
        </p>
      </section>

      {round ? (
        <section className="round" aria-labelledby="round-title">
          <h2 id="round-title">{round.name}</h2>
          <p className="round__state">
            <strong>{t("phases.current")}:</strong>{" "}
            {round.state === "results" && !round.published
              ? t("phases.state.resultsPending")
              : t(`phases.state.${round.state}`, { date: formatDay(round.stateDate, locale) })}
          </p>
          {round.state === "voting" ? (
            <p>
              <Link to="/vote" className="button">
                {t("nav.vote")}
              </Link>
            </p>
          ) : null}
          {round.published ? (
            <p>
              <Link to={`/rounds/${round.slug}/results`} className="button">
                {t("results.title")}
              </Link>{" "}
              <Link to={`/rounds/${round.slug}/follow-up`} className="button button--secondary">
                {t("followUp.project.outcomes")}
              </Link>
            </p>
          ) : null}

          <h3>{t("home.timeline")}</h3>
          <ol className="timeline">
            {round.phases.map((p) => {
              const active = round.state === p.name;
              return (
                <li key={p.name} className={active ? "timeline__item timeline__item--active" : "timeline__item"} aria-current={active ? "step" : undefined}>
                  <span className="timeline__name">{t(`phases.${p.name}`)}</span>
                  <span className="timeline__dates">
                    {p.start === p.end
                      ? formatDay(p.start, locale)
                      : t("phases.range", { start: formatDay(p.start, locale), end: formatDay(p.end, locale) })}
                  </span>
                  <span className="timeline__text">{t(`home.steps.${p.name}`)}</span>
                </li>
              );
            })}
          </ol>

          <div className="facts">
            <div>
              <h3>{t("home.whoCanVote")}</h3>
              <p>{t("home.classLevels", { levels: round.classLevels.join(", ") })}</p>
            </div>
            <div>
              <h3>{t("home.ballot")}</h3>
              <p>{round.ballotStyle === "approval" ? t("ballotStyles.approval", { count: round.maxPicks }) : t("ballotStyles.budget")}</p>
              <p>{t(`rules.${round.rule}`)}</p>
            </div>
          </div>

          <h3 id="budgets-title">{t("home.budgets")}</h3>
          <BudgetTable areas={round.areas} labelledBy="budgets-title" />
        </section>
      ) : (
        <p>{t("home.noRound")}</p>
      )}

      {earlier.length ? (
        <section aria-labelledby="earlier-results-title">
          <h2 id="earlier-results-title">{t("home.earlierResults")}</h2>
          <ul className="link-list">
            {earlier.map((r) => (
              <li key={r.slug}>
                <Link to={`/rounds/${encodeURIComponent(r.slug)}/results`}>{r.name}</Link>
                {" · "}
                <Link to={`/rounds/${encodeURIComponent(r.slug)}/follow-up`} aria-label={`${t("followUp.project.outcomes")}: ${r.name}`}>
                  {t("followUp.project.outcomes")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
