// /rounds/SLUG/results: the round's results per area (votes, cost, chosen or not, money left) with a
// plain-language explanation of the winner rule. Coordinators and admins always see them, can
// publish them once voting has ended, and can compare with another rule (?compare=1); everybody
// else sees them only after publishing (before that the page is a 404, so it reveals nothing).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Notice } from "~/shared/fields";
import { type AreaSlug, type Locale } from "~/shared/catalog";
import { formatDay, formatEuros, formatNumber } from "~/shared/locale";
import { helsinkiDay } from "~/features/rounds/phases";
import { hasRole } from "~/features/access/permissions";
import { localName, type WinnerRule } from "~/features/rounds/rounds";
import { getUser, requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { getLocale } from "~/server/locale.server";
import { titleOf } from "~/shared/meta";
import { readForm } from "~/server/request.server";
import { canPublish, computeResults, publishResults, ResultsError } from "~/features/results/results.server";
import { i18nFor } from "~/shared/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.title);

function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  const round = await db.round.findUnique({ where: { slug: params.slug ?? "" } });
  if (!round) throw notFound();
  const coordinator = hasRole(user, ["coordinator", "admin"]);
  if (!coordinator && round.resultsPublishedAt === null) throw notFound();
  const compare = coordinator && new URL(request.url).searchParams.get("compare") === "1";
  const results = await computeResults(round.id, { compare });
  const name = localName(round, locale);
  return {
    title: i18nFor(locale).t("results.pageTitle", { round: name }),
    slug: round.slug,
    coordinator,
    compare,
    rule: results.round.rule,
    minVotes: results.minVotes,
    comparisonRule: results.comparisonRule,
    votingEnd: round.votingEnd,
    votingOpen: helsinkiDay() <= round.votingEnd,
    publishedDay: round.resultsPublishedAt ? helsinkiDay(round.resultsPublishedAt) : null,
    canPublish: coordinator && canPublish(round),
    justPublished: new URL(request.url).searchParams.get("published") === "1",
    areas: results.areas.map((a) => ({
      area: a.area as AreaSlug,
      budget: a.budget,
      voters: a.voters,
      spent: a.spent,
      left: a.left,
      comparisonLeft: a.comparison?.left ?? null,
      projects: a.projects.map((p) => ({
        id: p.id,
        code: p.code,
        title: { fi: p.titles.fi, sv: p.titles.sv, en: p.titles.en }[locale],
        votes: p.votes,
        cost: p.cost,
        selected: p.selected,
        comparisonSelected: p.comparisonSelected ?? null,
      })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator", "admin"]);
  const round = await db.round.findUnique({ where: { slug: params.slug ?? "" } });
  if (!round) throw notFound();
  const form = await readForm(request);
  if (form.get("intent") !== "publish") throw new Response("Bad request", { status: 400 });
  try {
    await publishResults(round.id, user.id);
  } catch (error) {
    if (error instanceof ResultsError && error.code === "voting-not-ended") {
      return data({ error: "votingNotEnded" as const, date: round.votingEnd }, { status: 409 });
    }
    if (error instanceof ResultsError && error.code === "already-published") {
      return data({ error: "alreadyPublished" as const, date: round.votingEnd }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/rounds/${encodeURIComponent(round.slug)}/results?published=1`);
}

function ResultText({ selected }: { selected: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={selected ? "result result--selected" : "result"}>
      <span aria-hidden="true">{selected ? "✔ " : "– "}</span>
      {selected ? t("results.selected") : t("results.notSelected")}
    </span>
  );
}

export default function RoundResults() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const base = `/rounds/${encodeURIComponent(page.slug)}/results`;
  const rule = page.rule as WinnerRule;
  const comparisonRule = page.comparisonRule === null ? null : page.comparisonRule === "equal-shares" ? "equal-shares" : "greedy";
  return (
    <div className="page">
      <h1>{page.title}</h1>
      {page.justPublished && page.publishedDay ? <Notice tone="success">{t("results.publishedNow")}</Notice> : null}
      {reply ? (
        <div className="error-summary" role="alert">
          <p>{t(`results.errors.${reply.error}`, { date: formatDay(reply.date, locale) })}</p>
        </div>
      ) : null}
      {page.publishedDay ? (
        <p>{t("results.publishedOn", { date: formatDay(page.publishedDay, locale) })}</p>
      ) : (
        <p className="notice">{t("results.notPublished")}</p>
      )}
      {page.votingOpen ? <p className="notice">{t("results.votingOpen", { date: formatDay(page.votingEnd, locale) })}</p> : null}
      <p>{t("results.intro")}</p>

      <h2 id="how-title">{t("results.howTitle")}</h2>
      <p>{t(`results.explanation.${rule}`, { min: formatNumber(page.minVotes ?? 0, locale) })}</p>

      {page.canPublish ? (
        <section aria-labelledby="publish-title" className="panel">
          <h2 id="publish-title">{t("results.publishTitle")}</h2>
          <p>{t("results.publishHelp")}</p>
          <Form method="post">
            <Button type="submit" name="intent" value="publish" className="button">
              {t("results.publish")}
            </Button>
          </Form>
        </section>
      ) : null}

      {page.coordinator ? (
        <p>
          {page.compare ? (
            <Link to={base}>{t("results.compareHide")}</Link>
          ) : (
            <Link to={`${base}?compare=1`}>{rule === "equal-shares" ? t("results.compareLinkGreedy") : t("results.compareLink")}</Link>
          )}
        </p>
      ) : null}
      {page.compare ? <p>{t("results.compareIntro")}</p> : null}

      {page.areas.map((area) => {
        const headingId = `area-${area.area}`;
        return (
          <section key={area.area} aria-labelledby={headingId}>
            <h2 id={headingId}>{t(`areas.${area.area}`)}</h2>
            <dl className="facts-list">
              <dt>{t("results.budget")}</dt>
              <dd>{formatEuros(area.budget, locale)}</dd>
              <dt>{t("results.spent")}</dt>
              <dd>{formatEuros(area.spent, locale)}</dd>
              <dt>{t("results.left")}</dt>
              <dd>{formatEuros(area.left, locale)}</dd>
              <dt>{t("results.voters")}</dt>
              <dd>{formatNumber(area.voters, locale)}</dd>
            </dl>
            {area.voters === 0 ? <p>{t("results.noVotes")}</p> : null}
            {area.projects.length === 0 ? (
              <p>{t("results.noProjects")}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption>{t("results.tableCaption", { area: t(`areas.${area.area}`) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("results.project")}</th>
                      <th scope="col" className="num">
                        {t("results.votes")}
                      </th>
                      <th scope="col" className="num">
                        {t("results.cost")}
                      </th>
                      <th scope="col">{t("results.outcome")}</th>
                      {comparisonRule ? <th scope="col">{t(`results.comparisonColumn.${comparisonRule}`)}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {area.projects.map((p) => (
                      <tr key={p.id} data-code={p.code}>
                        <th scope="row">
                          {p.code} {p.title}
                        </th>
                        <td className="num">{formatNumber(p.votes, locale)}</td>
                        <td className="num">{formatEuros(p.cost, locale)}</td>
                        <td>
                          <ResultText selected={p.selected} />
                        </td>
                        {comparisonRule ? (
                          <td>
                            <ResultText selected={p.comparisonSelected === true} />
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {comparisonRule && area.comparisonLeft !== null ? <p>{t("results.comparisonLeft", { left: formatEuros(area.comparisonLeft, locale) })}</p> : null}
          </section>
        );
      })}
    </div>
  );
}
