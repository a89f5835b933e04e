import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/shared/fields";
import type { AreaSlug, Locale, Sector } from "~/shared/catalog";
import { formatEuros } from "~/shared/locale";
import { localName } from "~/features/rounds/rounds";
import { requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { localTitle } from "~/features/proposals/proposals.server";
import { loadChosenRound } from "~/features/rounds/rounds.server";
import { RoundPicker } from "~/features/rounds/round-picker";

export const meta: MetaFunction = titled("projects.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["staff", "coordinator", "admin"]);
  const locale = await getLocale(request);
  const { round, options } = await loadChosenRound(new URL(request.url), locale);
  const projects = round
    ? await db.ballotProject.findMany({
        where: { roundId: round.id },
        include: { proposals: { select: { id: true, title: true } }, area: true },
        orderBy: [{ area: { sortOrder: "asc" } }, { code: "asc" }],
      })
    : [];
  return {
    round: round ? localName(round, locale) : null,
    slug: round?.slug ?? null,
    options,
    projects: projects.map((p) => ({
      id: p.id,
      code: p.code,
      title: localTitle(p, locale),
      area: p.areaSlug as AreaSlug,
      sector: p.sector as Sector,
      cost: p.cost,
      proposals: p.proposals,
    })),
  };
}

export default function Projects() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { round, slug, options, projects } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const created = params.get("created");
  return (
    <div className="page">
      <h1>{t("projects.title")}</h1>
      <p>
        {t("projects.intro")} {round ? `(${round})` : ""}
      </p>
      <RoundPicker options={options} current={slug} />
      {created ? <Notice tone="success">{t("projects.created", { code: created })}</Notice> : null}
      <p>
        <Link to={`/projects/new${slug ? `?round=${encodeURIComponent(slug)}` : ""}`} className="button">
          {t("projects.newLink")}
        </Link>
      </p>
      {projects.length === 0 ? (
        <p>{t("projects.none")}</p>
      ) : (
        <div className="table-wrap">
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
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id}>
                  <td>{p.code}</td>
                  <th scope="row">{p.title}</th>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
