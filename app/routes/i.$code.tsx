// The public status page of one idea (docs/domain.md, "Following an idea"): anyone with the code
// from the pupil's slip sees the idea's status and dates, without signing in and without names.
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { formatFollowDay } from "~/features/proposals/follow-ui";
import { getLocale } from "~/server/locale.server";
import { metaT } from "~/shared/meta";
import followStyles from "~/styles/follow.css";
import { followPage } from "~/features/proposals/follow.server";
import { pageStrings } from "~/shared/i18n/strings.server";

const NO_INDEX = { "X-Robots-Tag": "noindex", "Cache-Control": "no-store" };

export const meta: MetaFunction<typeof loader> = ({ matches }) => [
  { title: `${metaT(matches)("follow.pageTitle")} – OmaKoulu` },
  { name: "robots", content: "noindex" },
];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: followStyles }];

export const headers: HeadersFunction = () => NO_INDEX;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await followPage(params.code ?? "", await getLocale(request));
  if (!page) throw new Response("Not found", { status: 404, headers: NO_INDEX });
  if (page.redirect) throw redirect(`/i/${page.code}`, { headers: NO_INDEX });
  return { ...page, strings: pageStrings(await getLocale(request), ["follow"]) };
}

export default function FollowIdea() {
  const { t, i18n } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const locale = i18n.language;
  return (
    <div className="page page--narrow follow-page">
      <h1>{t("follow.pageTitle")}</h1>
      <p>{t("follow.intro")}</p>
      {page.idea ? (
        <section aria-labelledby="idea-title" className="card">
          <h2 id="idea-title">{page.idea.title}</h2>
          <p className="card__text">{page.idea.description}</p>
        </section>
      ) : page.sentAt ? (
        <p>{t("follow.sentOn", { date: formatFollowDay(page.sentAt, locale) })}</p>
      ) : null}
      <dl className="facts-list">
        <dt>{t("follow.statusLabel")}</dt>
        <dd>
          <strong className={`follow-status follow-status--${page.status}`}>{t(`follow.status.${page.status}`)}</strong>
        </dd>
        {page.idea && page.sentAt ? (
          <>
            <dt>{t("follow.status.sent")}</dt>
            <dd>{formatFollowDay(page.sentAt, locale)}</dd>
          </>
        ) : null}
        <dt>{t("follow.code")}</dt>
        <dd className="follow-code">{page.code}</dd>
      </dl>
      <p>{t(`follow.explain.${page.status}`)}</p>
      {page.reason ? (
        <div className="notice">
          <p>
            <strong>{t("follow.reason")}:</strong> {page.reason}
          </p>
        </div>
      ) : null}
      {page.project || page.idea?.href || page.resultsHref ? (
        <section aria-labelledby="links-title">
          <h2 id="links-title">{t("follow.links")}</h2>
          <ul>
            {page.project ? (
              <li>
                <Link to={page.project.href}>{t("follow.project", { title: page.project.title })}</Link>
              </li>
            ) : null}
            {page.idea?.href ? (
              <li>
                <Link to={page.idea.href}>{t("follow.openIdea")}</Link>
              </li>
            ) : null}
            {page.resultsHref ? (
              <li>
                <Link to={page.resultsHref}>{t("follow.results")}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      {page.steps.length ? (
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">{t("follow.steps")}</h2>
          <ol className="story">
            {page.steps.map((s) => (
              <li key={s.id} className={`story__item story__item--${s.type}`}>
                <span className="story__what">{t(`follow.step.${s.type}`)}</span>{" "}
                <time className="story__when" dateTime={s.at}>
                  {formatFollowDay(s.at, locale)}
                </time>
                {s.reason ? (
                  <p className="story__reason">
                    <span className="story__label">{t("follow.reason")}:</span> {s.reason}
                  </p>
                ) : null}
                {s.link ? (
                  <p className="story__target">
                    <Link to={s.link.href}>
                      {s.link.kind === "idea" ? t("follow.mergedInto", { title: s.link.title ?? "" }) : s.link.title ? t("follow.project", { title: s.link.title }) : t("follow.projectNews")}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
