// /rounds/SLUG/follow-up: "what happened to our ideas", public. Per school: ideas sent, approved, on
// the ballot, chosen and implemented; ?school=CODE shows one school with its approved ideas and
// where each got to. A plain GET form, so it works without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { SelectField } from "~/shared/fields";
import { titleOf } from "~/shared/meta";
import { i18nFor, pageStrings } from "~/shared/i18n/strings.server";
import { getLocale } from "~/server/locale.server";
import { loadOutcomesPage } from "~/features/follow-up/outcomes.server";
import { OutcomeCells, OutcomeHeaders, ProjectStatusBadge } from "~/features/follow-up/follow-up-ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const school = new URL(request.url).searchParams.get("school") || null;
  const page = await loadOutcomesPage(params.slug ?? "", school, locale);
  return { strings: pageStrings(locale, ["followUp", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "statuses"]), ...page, title: i18nFor(locale).t("followUp.outcomes.title", { round: page.round.name }) };
}

export default function RoundFollowUp() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const base = `/rounds/${encodeURIComponent(page.round.slug)}`;
  return (
    <div className="page">
      {/* The round's own page is for coordinators; the public reaches the round through its results. */}
      <p>{page.round.published ? <Link to={`${base}/results`}>{page.round.name}</Link> : page.round.name}</p>
      <h1>{page.title}</h1>
      <p>{t("followUp.outcomes.intro")}</p>
      {page.round.published ? (
        <p>
          <Link to={`${base}/results`}>{t("followUp.outcomes.results")}</Link>
        </p>
      ) : null}
      <Form method="get" className="form form--inline">
        <SelectField
          name="school"
          label={t("followUp.outcomes.chooseSchool")}
          defaultValue={page.school?.code ?? ""}
          options={[{ value: "", label: t("followUp.outcomes.allSchools") }, ...page.rows.map((r) => ({ value: r.code, label: r.name }))]}
        />
        <Button type="submit" className="button button--secondary">
          {t("followUp.outcomes.show")}
        </Button>
      </Form>
      {page.total.sent === 0 ? (
        <p>{t("followUp.outcomes.noIdeas")}</p>
      ) : (
        // Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" role="region" aria-labelledby="outcomes-caption" tabIndex={0}>
          <table>
            <caption id="outcomes-caption">{t("followUp.outcomes.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("followUp.outcomes.school")}</th>
                <OutcomeHeaders />
              </tr>
            </thead>
            <tbody>
              {(page.school ? page.rows.filter((r) => r.code === page.school?.code) : page.rows).map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <Link to={`?school=${encodeURIComponent(r.code)}`}>{r.name}</Link>
                  </th>
                  <OutcomeCells counts={r.counts} />
                </tr>
              ))}
              {!page.school && page.otherIdeas ? (
                <tr>
                  <th scope="row">{t("followUp.outcomes.other")}</th>
                  <OutcomeCells counts={page.otherIdeas} />
                </tr>
              ) : null}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("followUp.outcomes.total")}</th>
                <OutcomeCells counts={page.total} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {page.school ? (
        <section aria-labelledby="school-ideas">
          <h2 id="school-ideas">{t("followUp.outcomes.schoolIdeas", { school: page.school.name })}</h2>
          {page.school.ideas.length === 0 ? (
            <p>{t("followUp.outcomes.noSchoolIdeas")}</p>
          ) : (
            <ul className="outcome-ideas">
              {page.school.ideas.map((i) => (
                <li key={i.id}>
                  <Link to={`/ideas/${i.id}`}>{i.title}</Link>
                  {" — "}
                  {i.project ? (
                    <>
                      {i.project.id ? <Link to={`/projects/${i.project.id}`}>{i.project.title}</Link> : i.project.title} <ProjectStatusBadge status={i.project.status} />
                    </>
                  ) : (
                    t("followUp.outcomes.noProject")
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
