import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { StatusBadge } from "~/features/proposals/proposals-ui";
import type { Locale } from "~/shared/catalog";
import { requirePermission } from "~/features/access/guard.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { moderationQueue } from "~/features/proposals/moderation.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("moderation.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "idea:moderate");
  return { ...(await moderationQueue(user, await getLocale(request))), strings: pageStrings(await getLocale(request), ["areas", "events", "followUp", "format", "images", "moderation", "phases", "projects", "proposals", "reasonTemplates", "roundAdmin", "sectors", "statuses"]) };
}

export default function Moderation() {
  const { t, i18n } = useTranslation();
  const { counts, queue, others } = useLoaderData<typeof loader>();
  const format = new Intl.DateTimeFormat({ fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[i18n.language as Locale], { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Helsinki" });
  return (
    <div className="page">
      <h1>{t("moderation.title")}</h1>
      <p>{t("moderation.intro")}</p>
      <h2 id="counts-title">{t("moderation.counts")}</h2>
      <ul className="counts" aria-labelledby="counts-title">
        {counts.map((c) => (
          <li key={c.status}>
            <StatusBadge status={c.status} /> <strong>{c.count}</strong>
          </li>
        ))}
      </ul>
      <h2 id="queue-title">{t("moderation.queue")}</h2>
      {queue.length === 0 ? (
        <p>{t("moderation.none")}</p>
      ) : (
        // Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" role="region" aria-labelledby="queue-title" tabIndex={0}>
          <table aria-labelledby="queue-title">
            <thead>
              <tr>
                <th scope="col">{t("proposals.title")}</th>
                <th scope="col">{t("moderation.sent")}</th>
                <th scope="col">{t("proposals.area")}</th>
                <th scope="col">{t("proposals.sector")}</th>
                <th scope="col">{t("proposals.school")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/moderation/${p.id}`}>{p.title}</Link>
                  </th>
                  <td>
                    <time dateTime={p.submittedAt}>{format.format(new Date(p.submittedAt))}</time>
                  </td>
                  <td>{t(`areas.${p.area}`)}</td>
                  <td>{t(`sectors.${p.sector}`)}</td>
                  <td>{p.school ?? t("format.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="others-title">{t("moderation.allIdeas")}</h2>
      <ul aria-labelledby="others-title">
        {others.map((p) => (
          <li key={p.id}>
            <Link to={`/moderation/${p.id}`}>{p.title}</Link> <StatusBadge status={p.status} /> · {t(`areas.${p.area}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
