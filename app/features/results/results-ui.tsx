// The results of one area (/rounds/SLUG/results): budget, money spent and left, voters, and each
// project's votes, cost and outcome (with the comparison rule's outcome when comparing).
import { Link } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import type { AreaSlug, Locale } from "~/shared/catalog";
import { formatEuros, formatNumber } from "~/shared/locale";
import type { ProjectMedia } from "~/features/proposals/projects";
import { ProjectDescription, ProjectPicture } from "~/features/proposals/project-media";

function ResultText({ selected }: { selected: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={selected ? "result result--selected" : "result"}>
      <span aria-hidden="true">{selected ? "✔ " : "– "}</span>
      {selected ? t("results.selected") : t("results.notSelected")}
    </span>
  );
}

export interface AreaResultView {
  area: AreaSlug;
  budget: number;
  voters: number;
  spent: number;
  left: number;
  comparisonLeft: number | null;
  projects: Array<{ id: string; code: string; title: string; votes: number; cost: number; selected: boolean; comparisonSelected: boolean | null; ideas: Array<{ id: string; title: string }>; media: ProjectMedia }>;
}

export function AreaResults({ area, comparisonRule }: { area: AreaResultView; comparisonRule: "equal-shares" | "greedy" | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
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
        // Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" role="region" aria-labelledby={`results-caption-${area.area}`} tabIndex={0}>
          <table>
            <caption id={`results-caption-${area.area}`}>{t("results.tableCaption", { area: t(`areas.${area.area}`) })}</caption>
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
                  <th scope="row" className="result__project">
                    <ProjectPicture picture={p.media.picture} className="result__picture" />
                    <Link to={`/projects/${p.id}`}>
                      {p.code} {p.title}
                    </Link>
                    <ProjectDescription media={p.media} title={p.title} compact />
                    {p.selected && p.ideas.length ? (
                      <span className="result__ideas">
                        {t("results.fromIdeas")}:{" "}
                        {p.ideas.map((idea, i) => (
                          <span key={idea.id}>
                            {i ? ", " : ""}
                            <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
                          </span>
                        ))}
                      </span>
                    ) : null}
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
}
