import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { Notice } from "~/shared/fields";
import type { Locale } from "~/shared/catalog";
import { formatEuros } from "~/shared/locale";
import { requirePermission } from "~/features/access/guard.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { projectsPage } from "~/features/proposals/projects.server";
import { RoundPicker } from "~/features/rounds/round-picker";
import { ProjectDescription, ProjectPicture } from "~/features/proposals/project-media";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("projects.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "project:create");
  return { ...(await projectsPage(new URL(request.url), await getLocale(request), user)), strings: pageStrings(await getLocale(request), ["areas", "format", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "rounds", "sectors", "statuses"]) };
}

export default function Projects() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { round, slug, options, projects } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const created = params.get("created");
  const saved = params.get("saved");
  return (
    <div className="page">
      <h1>{t("projects.title")}</h1>
      <p>
        {t("projects.intro")} {round ? `(${round})` : ""}
      </p>
      <RoundPicker options={options} current={slug} />
      {created ? <Notice tone="success">{t("projects.created", { code: created })}</Notice> : null}
      {saved ? <Notice tone="success">{t("projects.saved", { code: saved })}</Notice> : null}
      <p>
        <Link to={`/projects/new${slug ? `?round=${encodeURIComponent(slug)}` : ""}`} className="button">
          {t("projects.newLink")}
        </Link>
      </p>
      {projects.length === 0 ? (
        <p>{t("projects.none")}</p>
      ) : (
        // Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" role="region" aria-label={t("projects.title")} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("projects.code")}</th>
                <th scope="col">{t("proposals.title")}</th>
                <th scope="col">{t("projects.area")}</th>
                <th scope="col">{t("projects.sector")}</th>
                <th scope="col" className="num">
                  {t("projects.cost")}
                </th>
                <th scope="col">{t("projects.fromProposals")}</th>
                <th scope="col">{t("projects.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id}>
                  <td>{p.code}</td>
                  <th scope="row" className="projects__project">
                    <ProjectPicture picture={p.media.picture} className="projects__picture" />
                    {/* The project's page: its status, progress updates and (after the results) the update form. */}
                    <Link to={`/projects/${p.id}`}>{p.title}</Link>
                    <ProjectDescription media={p.media} title={p.title} compact />
                  </th>
                  <td>{t(`areas.${p.area}`)}</td>
                  <td>{t(`sectors.${p.sector}`)}</td>
                  <td className="num">{formatEuros(p.cost, locale)}</td>
                  <td>
                    {p.proposals.length
                      ? p.proposals.map((x, i) => (
                          <span key={x.id}>
                            {i ? ", " : ""}
                            <Link to={`/ideas/${x.id}`}>{x.title}</Link>
                          </span>
                        ))
                      : t("format.none")}
                  </td>
                  <td>
                    {p.canEdit ? (
                      <Link to={`/projects/${p.id}/edit`} aria-label={t("projects.editLink", { code: p.code })}>
                        {t("projects.edit")}
                      </Link>
                    ) : (
                      t("format.none")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
