// The ballot: one fieldset per area with a checkbox per project. Plain form fields, so it works
// without JavaScript (the server's review page shows the totals); with JavaScript the count or the
// budget left updates as you pick, and screen readers hear it through a polite live region.
import { Link } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/shared/i18n/react";
import type { Locale } from "~/shared/catalog";
import { formatEuros } from "~/shared/locale";
import type { BallotPageData } from "~/features/voting/ballot";
import { ProjectDescription, ProjectPicture } from "~/features/proposals/project-media";

type Area = BallotPageData["areas"][number];

function AreaBallot({ area, style, maxPicks, initial }: { area: Area; style: "approval" | "budget"; maxPicks: number; initial: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set(initial));
  const total = area.projects.filter((p) => picked.has(p.id)).reduce((sum, p) => sum + p.cost, 0);
  const left = area.budget - total;
  const over = style === "approval" ? picked.size > maxPicks : left < 0;
  const status =
    style === "approval"
      ? t("vote.picked", { count: picked.size, max: maxPicks })
      : left >= 0
        ? t("vote.budgetLeft", { left: formatEuros(left, locale), budget: formatEuros(area.budget, locale) })
        : t("vote.budgetOver", { over: formatEuros(-left, locale), budget: formatEuros(area.budget, locale) });
  const id = `ballot-${area.slug}`;
  const name = t(`areas.${area.slug}`);
  return (
    <fieldset className="ballot" aria-describedby={`${id}-help`}>
      <legend className="ballot__legend">{t("vote.ballotFor", { area: name })}</legend>
      <p id={`${id}-help`} className="field__description">
        {style === "approval" ? t("vote.approvalHelp", { count: maxPicks }) : t("vote.budgetHelp", { budget: formatEuros(area.budget, locale) })}
      </p>
      {style === "budget" ? (
        // An SVG bar: its width is an attribute, which the Content-Security-Policy allows (a style attribute it does not).
        <svg className="budget-bar" aria-hidden="true" focusable="false" viewBox="0 0 100 1" preserveAspectRatio="none">
          <rect className={over ? "budget-bar__fill budget-bar__fill--over" : "budget-bar__fill"} x="0" y="0" height="1" width={Math.min(100, (total / Math.max(1, area.budget)) * 100)} />
        </svg>
      ) : null}
      <p className={over ? "ballot__status ballot__status--over" : "ballot__status"} aria-live="polite">
        {status}
      </p>
      {area.projects.length === 0 ? <p>{t("vote.noProjects")}</p> : null}
      <ul className="ballot__projects">
        {area.projects.map((p) => (
          <li key={p.id} className={`ballot-card${picked.has(p.id) ? " ballot-card--picked" : ""}${p.media.picture ? " ballot-card--with-picture" : ""}`}>
            <label className="ballot-card__label">
              <input
                type="checkbox"
                name={`pick:${area.slug}`}
                value={p.id}
                defaultChecked={initial.includes(p.id)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.target.checked) next.add(p.id);
                  else next.delete(p.id);
                  setPicked(next);
                }}
              />
              <span className="ballot-card__title">{p.title}</span>
            </label>
            <p className="ballot-card__meta">
              {t("vote.cost")}: <strong>{formatEuros(p.cost, locale)}</strong> · {t(`sectors.${p.sector}`)} · {p.code}
            </p>
            <ProjectPicture picture={p.media.picture} className="ballot-card__picture" />
            <ProjectDescription media={p.media} title={p.title} compact />
            {p.ideas.length ? (
              <p className="ballot-card__ideas">
                {t("vote.fromIdeas")}:{" "}
                {p.ideas.map((idea, i) => (
                  <span key={idea.id}>
                    {i ? ", " : ""}
                    <Link to={`/ideas/${idea.id}`} target="_blank" rel="noreferrer">
                      {idea.title}
                    </Link>
                  </span>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function BallotFields({ data, picks }: { data: BallotPageData; picks: Record<string, string[]> }) {
  return (
    <>
      {data.areas.map((area) => (
        <AreaBallot key={area.slug} area={area} style={data.style} maxPicks={data.maxPicks} initial={picks[area.slug] ?? []} />
      ))}
    </>
  );
}
