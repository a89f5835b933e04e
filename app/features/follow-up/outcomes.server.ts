// "What happened to our ideas" (/rounds/SLUG/follow-up): per school, how many ideas its pupils sent
// and how many were approved, put on the ballot, chosen and implemented (implementation.ts
// `ideaReached`). Counts only, plus the titles of ideas that are public anyway (approved ones): no
// proposer, no draft, no rejected idea's text.
import type { Locale } from "~/shared/catalog";
import { localName } from "~/features/rounds/rounds";
import { helsinkiDay } from "~/features/rounds/phases";
import { projectIsPublic } from "~/features/proposals/projects";
import { localTitle } from "~/features/proposals/proposals.server";
import { db } from "~/server/db.server";
import { addCounts, ideaReached, NO_IDEAS, type IdeaOutcomeCounts, type ProjectStatus } from "./implementation";

function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export async function loadOutcomesPage(slug: string, schoolCode: string | null, locale: Locale) {
  const round = await db.round.findUnique({ where: { slug } });
  if (!round) throw notFound();
  const ideas = await db.proposal.findMany({
    where: { roundId: round.id, status: { not: "draft" } },
    select: {
      id: true,
      title: true,
      status: true,
      mergedIntoId: true,
      project: { select: { id: true, code: true, titleFi: true, titleSv: true, titleEn: true, status: true } },
      author: { select: { schoolId: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const byId = new Map(ideas.map((i) => [i.id, i]));
  // A merged idea lives on in the idea it was merged into (followed to the end of the chain).
  const finalOf = (idea: (typeof ideas)[number]) => {
    let current = idea;
    for (let hops = 0; current.status === "merged" && current.mergedIntoId && hops < ideas.length; hops++) {
      const next = byId.get(current.mergedIntoId);
      if (!next) break;
      current = next;
    }
    return current;
  };
  const schools = await db.school.findMany({ where: { id: { in: [...new Set(ideas.map((i) => i.author.schoolId).filter((s): s is string => s !== null))] } } });
  const counts = new Map<string, IdeaOutcomeCounts>();
  let total = NO_IDEAS;
  const chosen = schoolCode ? schools.find((s) => s.code === schoolCode) ?? null : null;
  if (schoolCode && !chosen) throw notFound();
  const listed: Array<{ id: string; title: string; project: { id: string | null; title: string; status: ProjectStatus } | null }> = [];
  // Before voting starts a project's page is not public yet: its name is shown without a link.
  const linkProjects = projectIsPublic(round, helsinkiDay());
  for (const idea of ideas) {
    const end = finalOf(idea);
    const project = end.status === "approved" ? end.project : null;
    const reached = ideaReached({ status: idea.status, projectStatus: project?.status ?? null });
    total = addCounts(total, reached);
    const school = idea.author.schoolId ?? "";
    counts.set(school, addCounts(counts.get(school) ?? NO_IDEAS, reached));
    if (chosen && idea.author.schoolId === chosen.id && idea.status === "approved") {
      listed.push({
        id: idea.id,
        title: idea.title,
        project: project ? { id: linkProjects ? project.id : null, title: `${project.code} ${localTitle(project, locale)}`, status: project.status as ProjectStatus } : null,
      });
    }
  }
  const rows = schools
    .map((s) => ({ code: s.code, name: localName(s, locale), counts: counts.get(s.id) ?? NO_IDEAS }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const unknownSchool = counts.get("");
  return {
    round: { slug: round.slug, name: localName(round, locale), published: round.resultsPublishedAt !== null },
    total,
    rows,
    // Ideas of pupils whose school is not recorded (e.g. imported accounts) are in the total only.
    otherIdeas: unknownSchool ?? null,
    school: chosen ? { code: chosen.code, name: localName(chosen, locale), counts: counts.get(chosen.id) ?? NO_IDEAS, ideas: listed } : null,
  };
}
