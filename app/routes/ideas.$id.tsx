import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { Notice } from "~/shared/fields";
import { StatusBadge, Timeline } from "~/features/proposals/proposals-ui";
import type { Locale } from "~/shared/catalog";
import { formatEuros } from "~/shared/locale";
import { getUser } from "~/features/access/guard.server";
import { getLocale } from "~/server/locale.server";
import { titleOf } from "~/shared/meta";
import { ideaPage } from "~/features/proposals/proposals.server";
import { publicOrigin } from "~/features/proposals/follow.server";
import { FollowBox } from "~/features/proposals/follow-ui";
import followStyles from "~/styles/follow.css";
import { pageStrings } from "~/shared/i18n/strings.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: followStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.proposal.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  const page = await ideaPage(user, params.id ?? "", locale, publicOrigin(request));
  // Someone who may not see it is told nothing about whether it exists.
  if (!page) throw new Response("Not found", { status: 404 });
  return { ...page, strings: pageStrings(locale, ["areas", "events", "follow", "followUp", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "sectors", "statuses"]) };
}

export default function Idea() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { proposal, events, access, follow } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="page page--narrow">
      {access === "author" ? (
        <p>
          <Link to="/my-ideas">{t("proposals.myTitle")}</Link>
        </p>
      ) : (
        <p>
          <Link to="/ideas">{t("proposals.browseTitle")}</Link>
        </p>
      )}
      {done === "saved" ? <Notice tone="success">{t("proposals.saved")}</Notice> : null}
      {done === "submitted" ? <Notice tone="success">{t("proposals.submitted")}</Notice> : null}
      <h1>{proposal.title}</h1>
      <p>
        <StatusBadge status={proposal.status} />
      </p>
      {proposal.status === "hidden" && access === "author" ? <Notice>{t("proposals.hiddenNotice")}</Notice> : null}
      {follow && done === "submitted" ? <FollowBox link={follow} ideaId={proposal.id} /> : null}
      <p className="card__text">{proposal.description}</p>
      <dl className="facts-list">
        <dt>{t("proposals.area")}</dt>
        <dd>{t(`areas.${proposal.area}`)}</dd>
        <dt>{t("proposals.sector")}</dt>
        <dd>{t(`sectors.${proposal.sector}`)}</dd>
        {proposal.school ? (
          <>
            <dt>{t("proposals.school")}</dt>
            <dd>{proposal.school}</dd>
          </>
        ) : null}
        {proposal.costEstimate !== null ? (
          <>
            <dt>{t("proposals.costGuess")}</dt>
            <dd>{formatEuros(proposal.costEstimate, locale)}</dd>
          </>
        ) : null}
        {proposal.coAuthors.length ? (
          <>
            <dt>{t("proposals.coAuthorsList")}</dt>
            <dd>{proposal.coAuthors.join(", ")}</dd>
          </>
        ) : null}
        {proposal.project ? (
          <>
            <dt>{t("proposals.publicStatus")}</dt>
            <dd>{proposal.project}</dd>
          </>
        ) : null}
      </dl>
      {proposal.proposerSchool && access === "public" ? <p className="card__meta">{t("proposals.by", { school: proposal.proposerSchool })}</p> : null}
      {proposal.editable ? (
        <p>
          <Link to={`/ideas/${proposal.id}/edit`} className="button">
            {t("proposals.edit")}
          </Link>
        </p>
      ) : null}
      {follow && done !== "submitted" ? <FollowBox link={follow} ideaId={proposal.id} /> : null}
      {access === "staff" ? (
        <p>
          <Link to={`/moderation/${proposal.id}`} className="button">
            {t("moderation.decide")}
          </Link>
        </p>
      ) : null}
      {events.length ? (
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("proposals.timeline")}</h2>
          <Timeline events={events} locale={locale} viewer={access === "staff" ? "staff" : "pupil"} />
        </section>
      ) : null}
    </div>
  );
}
