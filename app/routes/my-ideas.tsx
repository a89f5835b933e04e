import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { StatusBadge, Timeline } from "~/features/proposals/proposals-ui";
import type { Locale } from "~/shared/catalog";
import { requirePermission } from "~/features/access/guard.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { myIdeas } from "~/features/proposals/proposals.server";
import { publicOrigin } from "~/features/proposals/follow.server";
import followStyles from "~/styles/follow.css";
import { pageStrings } from "~/shared/i18n/strings.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: followStyles }];

export const meta: MetaFunction = titled("proposals.myTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "idea:propose");
  return { ...(await myIdeas(user, await getLocale(request), publicOrigin(request))), strings: pageStrings(await getLocale(request), ["areas", "events", "follow", "followUp", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "statuses"]) };
}

export default function MyIdeas() {
  const { t, i18n } = useTranslation();
  const { proposals, canPropose } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <h1>{t("proposals.myTitle")}</h1>
      <p>{t("proposals.myIntro")}</p>
      {canPropose ? (
        <p>
          <Link to="/ideas/new" className="button">
            {t("proposals.newLink")}
          </Link>
        </p>
      ) : null}
      {proposals.length === 0 ? <p>{t("proposals.myNone")}</p> : null}
      <ul className="cards">
        {proposals.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <Link to={`/ideas/${p.id}`}>{p.title}</Link>
            </h2>
            <p className="card__meta">
              <StatusBadge status={p.status} /> · {t(`areas.${p.area}`)}
            </p>
            {p.follow ? (
              <p>
                {t("follow.myLink")} <a href={p.follow.href} className="follow-link">{p.follow.text}</a>
              </p>
            ) : null}
            {p.editable ? (
              <p>
                <Link to={`/ideas/${p.id}/edit`}>{t("proposals.edit")}</Link>
              </p>
            ) : null}
            <h3 className="visually-hidden">{t("proposals.timeline")}</h3>
            <Timeline events={p.events} locale={i18n.language as Locale} />
          </li>
        ))}
      </ul>
    </div>
  );
}
