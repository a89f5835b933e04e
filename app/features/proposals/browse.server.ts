// The public list of approved ideas (/ideas). Filters live in the query string, so a URL can be shared.
import { AREAS, SECTORS, isOneOf, type AreaSlug, type Locale, type Sector } from "~/shared/catalog";
import { localName } from "~/features/rounds/rounds";
import { loadChosenRound } from "~/features/rounds/rounds.server";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/server/db.server";
import { CHOSEN_PROJECT_STATUSES, STATUS_FILTERS, projectOutcome, type StatusFilter } from "./proposals";
import { localTitle } from "./proposals.server";

export const PAGE_SIZE = 20;

export async function browseIdeas(url: URL, locale: Locale) {
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
    ...(status === "selected" ? { project: { status: { in: [...CHOSEN_PROJECT_STATUSES] } } } : {}),
    ...(status === "inProgress" ? { project: { status: { in: ["planned", "in-progress"] } } } : {}),
    ...(status === "implemented" ? { project: { status: "implemented" } } : {}),
    ...(status === "notSelected" ? { project: { status: "not-selected" } } : {}),
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
      // What the vote decided, once results are published (publishing sets the project's status).
      // and then follow-up moves it on (app/features/follow-up/implementation.ts).
      outcome: p.project ? projectOutcome(p.project.status) : null,
    })),
  };
}
