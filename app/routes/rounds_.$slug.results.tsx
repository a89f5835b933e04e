// /rounds/SLUG/results: the round's results per area (votes, cost, chosen or not, money left) with a
// plain-language explanation of the winner rule. Coordinators and admins always see them, can
// publish them once voting has ended, and can compare with another rule (?compare=1); everybody
// else sees them only after publishing (before that the page is a 404, so it reveals nothing).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { Notice, useReplyMessages } from "~/shared/fields";
import type { Locale } from "~/shared/catalog";
import { formatDay, formatNumber } from "~/shared/locale";
import type { WinnerRule } from "~/features/rounds/rounds";
import { getUser, requirePermission } from "~/features/access/guard.server";
import { getLocale } from "~/server/locale.server";
import { titleOf } from "~/shared/meta";
import { readForm } from "~/server/request.server";
import { refusedReply } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { loadResultsPage, publishRoundResults } from "~/features/results/results-page.server";
import { AreaResults } from "~/features/results/results-ui";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  return { ...(await loadResultsPage(user, params.slug ?? "", new URL(request.url), locale)), strings: pageStrings(locale, ["areas", "followUp", "forms", "images", "moderation", "phases", "projects", "proposals", "results", "roundAdmin", "statuses"]) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "results:publish");
  const formData = await readForm(request);
  if (formData.get("intent") !== "publish") throw new Response("Bad request", { status: 400 });
  const result = await publishRoundResults(params.slug ?? "", user.id, await getLocale(request));
  if (!result.ok) return replyWith(refusedReply(result, formData, []), result.status);
  return redirect(`/rounds/${encodeURIComponent(result.slug)}/results?published=1`);
}

export default function RoundResults() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const base = `/rounds/${encodeURIComponent(page.slug)}/results`;
  const rule = page.rule as WinnerRule;
  const comparisonRule = page.comparisonRule === null ? null : page.comparisonRule === "equal-shares" ? "equal-shares" : "greedy";
  return (
    <div className="page">
      <h1>{page.title}</h1>
      {page.justPublished && page.publishedDay ? <Notice tone="success">{t("results.publishedNow")}</Notice> : null}
      {messages.form ? (
        <div className="error-summary" role="alert">
          <p>{messages.form}</p>
        </div>
      ) : null}
      {page.publishedDay ? (
        <p>
          {t("results.publishedOn", { date: formatDay(page.publishedDay, locale) })} <Link to={`/rounds/${encodeURIComponent(page.slug)}/follow-up`}>{t("followUp.project.outcomes")}</Link>
        </p>
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

      {page.areas.map((area) => (
        <AreaResults key={area.area} area={area} comparisonRule={comparisonRule} />
      ))}
    </div>
  );
}
