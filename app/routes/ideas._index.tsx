import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { Field, SelectField } from "~/shared/fields";
import { AREAS, SECTORS } from "~/shared/catalog";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { STATUS_FILTERS } from "~/features/proposals/proposals";
import { browseIdeas } from "~/features/proposals/browse.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("proposals.browseTitle");

/** Public list of approved ideas. Filters live in the query string, so a URL can be shared. */
export async function loader({ request }: LoaderFunctionArgs) {
  return { ...(await browseIdeas(new URL(request.url), await getLocale(request))), strings: pageStrings(await getLocale(request), ["areas", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "rounds", "sectors", "statuses"]) };
}

function pageHref(filters: Record<string, string>, page: number) {
  const params = new URLSearchParams(Object.entries({ ...filters, page: String(page) }).filter(([, v]) => v && v !== "any" && v !== "newest"));
  return `/ideas?${params}`;
}

export default function Ideas() {
  const { t } = useTranslation();
  const { round, roundOptions, filters, schools, total, page, pages, proposals } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("proposals.browseTitle")}</h1>
      <p>
        {t("proposals.browseIntro")} {round ? `(${round})` : ""}
      </p>
      <Form method="get" className="filters" role="search" aria-label={t("proposals.search")}>
        {roundOptions.length > 1 ? (
          <SelectField id="filter-round" name="round" label={t("rounds.name")} defaultValue={filters.round} options={roundOptions.map((o) => ({ value: o.slug, label: o.name }))} />
        ) : null}
        <Field name="q" label={t("proposals.search")} description={t("proposals.searchHelp")} defaultValue={filters.q} maxLength={100} />
        <SelectField
          id="filter-area"
          name="area"
          label={t("proposals.area")}
          defaultValue={filters.area}
          options={[{ value: "", label: t("proposals.allAreas") }, ...AREAS.map((a) => ({ value: a.slug, label: t(`areas.${a.slug}`) }))]}
        />
        <SelectField
          id="filter-sector"
          name="sector"
          label={t("proposals.sector")}
          defaultValue={filters.sector}
          options={[{ value: "", label: t("proposals.allSectors") }, ...SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))]}
        />
        <SelectField
          id="filter-school"
          name="school"
          label={t("proposals.school")}
          defaultValue={filters.school}
          options={[{ value: "", label: t("proposals.allSchools") }, ...schools.map((s) => ({ value: s.code, label: s.name }))]}
        />
        <SelectField
          id="filter-status"
          name="status"
          label={t("proposals.status")}
          defaultValue={filters.status}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`proposals.statusFilter.${s}`) }))}
        />
        <SelectField
          id="filter-sort"
          name="sort"
          label={t("proposals.sort")}
          defaultValue={filters.sort}
          options={[
            { value: "newest", label: t("proposals.sortNewest") },
            { value: "area", label: t("proposals.sortArea") },
          ]}
        />
        <div>
          <button type="submit" className="button">
            {t("proposals.filter")}
          </button>
        </div>
      </Form>
      <h2 id="results-title" aria-live="polite">
        {t("proposals.results", { count: total })}
      </h2>
      {proposals.length === 0 ? <p>{t("proposals.noResults")}</p> : null}
      <ul className="cards" aria-labelledby="results-title">
        {proposals.map((p) => (
          <li key={p.id} className="card">
            <h3>
              <Link to={`/ideas/${p.id}`}>{p.title}</Link>
            </h3>
            <p className="card__meta">
              {t(`areas.${p.area}`)} · {t(`sectors.${p.sector}`)}
              {p.school ? ` · ${p.school}` : ""}
            </p>
            <p className="card__text">{p.excerpt}</p>
            {p.project ? <p className="card__meta">{t("proposals.project", { title: p.project })}</p> : null}
            {p.outcome ? (
              <p className="card__meta">
                <span className={`badge badge--outcome-${p.outcome}`}>{t(`proposals.outcome.${p.outcome}`)}</span>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("proposals.pagination")}>
          {page > 1 ? <Link to={pageHref(filters, page - 1)}>{t("proposals.previous")}</Link> : null}
          <span>{t("proposals.page", { page, pages })}</span>
          {page < pages ? <Link to={pageHref(filters, page + 1)}>{t("proposals.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
