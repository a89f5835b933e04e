import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/shared/fields";
import { AREAS, SECTORS, isOneOf, type AreaSlug, type Sector } from "~/shared/catalog";
import { localName } from "~/features/rounds/rounds";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/server/db.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { localTitle } from "~/features/proposals/proposals.server";
import { loadChosenRound } from "~/features/rounds/rounds.server";

export const meta: MetaFunction = titled("proposals.browseTitle");

const PAGE_SIZE = 20;
const STATUS_FILTERS = ["any", "project", "noProject", "selected"] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Public list of approved ideas. Filters live in the query string, so a URL can be shared. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await getLocale(request);
  const { round, options: roundOptions } = await loadChosenRound(url, locale);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const areaParam = url.searchParams.get("area");
  const sectorParam = url.searchParams.get("sector");
  const schoolParam = url.searchParams.get("school") ?? "";
  const statusParam = url.searchParams.get("status");
  const area = isOneOf(AREAS.map((a) => a.slug), areaParam) ? areaParam : "";
  const sector = isOneOf(SECTORS, sectorParam) ? sectorParam : "";
  const status: StatusFilter = isOneOf(STATUS_FILTERS, statusParam) ? statusParam : "any";
  const sort = url.searchParams.get("sort") === "area" ? "area" : "newest";
  const requestedPage = Number.parseInt(url.searchParams.get("page") ?? "1", 10);

  const schools = await db.school.findMany({ orderBy: { nameFi: "asc" }, select: { id: true, code: true, nameFi: true, nameSv: true, nameEn: true } });
  const school = schools.find((s) => s.code === schoolParam);
  const where: Prisma.ProposalWhereInput = {
    roundId: round?.id ?? "-",
    status: "approved",
    ...(area ? { areaSlug: area } : {}),
    ...(sector ? { sector } : {}),
    ...(school ? { OR: [{ schoolId: school.id }, { author: { schoolId: school.id } }] } : {}),
    ...(status === "project" ? { projectId: { not: null } } : {}),
    ...(status === "noProject" ? { projectId: null } : {}),
    ...(status === "selected" ? { project: { status: "selected" } } : {}),
    ...(q ? { AND: [{ OR: [{ title: { contains: q } }, { description: { contains: q } }] }] } : {}),
  };
  const total = await db.proposal.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Number.isFinite(requestedPage) ? Math.min(Math.max(1, requestedPage), pages) : 1;
  const rows = await db.proposal.findMany({
    where,
    include: { school: true, project: true, author: { select: { school: true } } },
    orderBy: sort === "area" ? [{ area: { sortOrder: "asc" } }, { createdAt: "desc" }] : [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  return {
    round: round ? localName(round, locale) : null,
    roundOptions,
    filters: { round: round?.slug ?? "", q, area, sector, school: school?.code ?? "", status, sort },
    schools: schools.map((s) => ({ code: s.code, name: localName(s, locale) })).sort((a, b) => a.name.localeCompare(b.name, locale)),
    total,
    page,
    pages,
    proposals: rows.map((p) => ({
      id: p.id,
      title: p.title,
      excerpt: p.description.length > 280 ? `${p.description.slice(0, 277)}…` : p.description,
      area: p.areaSlug as AreaSlug,
      sector: p.sector as Sector,
      school: (p.school ?? p.author.school) ? localName((p.school ?? p.author.school)!, locale) : null,
      project: p.project ? `${p.project.code} ${localTitle(p.project, locale)}` : null,
    })),
  };
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
