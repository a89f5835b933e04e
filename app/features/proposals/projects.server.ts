// Ballot projects made from approved proposals (co-creation: one project may combine several).
import { SECTORS, isOneOf, type AreaSlug, type Locale, type Sector } from "~/shared/catalog";
import { transition, type ProposalStatus } from "~/features/proposals/proposals";
import { canModerate } from "~/features/access/permissions";
import { localName } from "~/features/rounds/rounds";
import { loadChosenRound } from "~/features/rounds/rounds.server";
import { appendAudit } from "~/server/audit.server";
import type { SessionUser } from "~/features/access/auth.server";
import { db, type Db, type Tx } from "~/server/db.server";
import { refuse, type Outcome } from "~/shared/forms";
import { moderatedIdea, moderationWhere, staffSectors } from "./moderation-scope.server";
import { localTitle } from "./proposals.server";
import { mayEditProject, projectEditable, projectMedia } from "./projects";
import { helsinkiDay } from "~/features/rounds/phases";

export interface ProjectInput {
  code: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  area: string;
  sector: string;
  cost: number;
  proposals: string[];
  descriptionFi: string;
  descriptionSv: string;
  descriptionEn: string;
  imageAltFi: string;
  imageAltSv: string;
  imageAltEn: string;
  /** A picture stored by storeImage (app/shared/images.server.ts), or none. */
  imageId: string | null;
}

export type ProjectOutcome = Outcome<{ id: string }>;

/** The round named by `?round=SLUG` (or the current one), with its areas; null when there is none. */
export async function chosenRound(url: URL, locale: Locale) {
  return (await loadChosenRound(url, locale)).round;
}

/** The projects of the chosen round, for /projects. */
export async function projectsPage(url: URL, locale: Locale, user?: SessionUser) {
  const { round, options } = await loadChosenRound(url, locale);
  const projects = round
    ? await db.ballotProject.findMany({
        where: { roundId: round.id },
        include: {
          proposals: { select: { id: true, title: true, schoolId: true, sector: true, author: { select: { schoolId: true } } } },
          area: true,
          image: { select: { id: true, width: true, height: true } },
        },
        orderBy: [{ area: { sortOrder: "asc" } }, { code: "asc" }],
      })
    : [];
  // "Edit" is offered until voting starts, to those who may edit the project (project-edit.server.ts).
  const editable = round !== null && projectEditable(round, helsinkiDay());
  const sectors = user && editable ? await staffSectors(user) : [];
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
      proposals: p.proposals.map((x) => ({ id: x.id, title: x.title })),
      media: projectMedia(p, locale),
      canEdit: editable && user !== undefined && mayEditProject(user, p.proposals.map(moderatedIdea), sectors),
    })),
  };
}

/** The "new project" form of a round: its areas and the approved, unlinked ideas this user moderates. */
export async function newProjectPage(user: SessionUser, round: NonNullable<Awaited<ReturnType<typeof chosenRound>>>, locale: Locale) {
  // The list is `canModerate` as a query (moderation-scope.server.ts).
  const scope = moderationWhere(user, await staffSectors(user));
  const approved = await db.proposal.findMany({
    where: { AND: [scope, { roundId: round.id, status: "approved", projectId: null }] },
    include: { author: { select: { school: true } } },
    orderBy: [{ areaSlug: "asc" }, { title: "asc" }],
  });
  return {
    round: localName(round, locale),
    areas: round.areas.map((a) => a.areaSlug as AreaSlug),
    approved: approved.map((p) => ({
      id: p.id,
      title: p.title,
      area: p.areaSlug as AreaSlug,
      sector: p.sector as Sector,
      school: p.author.school ? localName(p.author.school, locale) : null,
    })),
  };
}

export async function createProject(user: SessionUser, roundId: string, input: ProjectInput): Promise<ProjectOutcome> {
  const area = await db.roundArea.findUnique({ where: { roundId_areaSlug: { roundId, areaSlug: input.area } } });
  if (!area) return refuse(400, "projects.errors.areaInvalid", "area");
  if (!isOneOf(SECTORS, input.sector)) return refuse(400, "projects.errors.sectorInvalid", "sector");
  if (await db.ballotProject.findUnique({ where: { roundId_code: { roundId, code: input.code } } })) {
    return refuse(409, "projects.errors.codeTaken", "code");
  }
  const sectors = await staffSectors(user);
  const ids = [...new Set(input.proposals)];
  return db.$transaction(async (tx): Promise<ProjectOutcome> => {
    const proposals = await tx.proposal.findMany({
      where: { id: { in: ids }, roundId, status: "approved", projectId: null },
      include: { author: { select: { schoolId: true } } },
    });
    // Every proposal must be approved, unlinked and moderated by this user (`canModerate`); the state machine agrees.
    const allowed = proposals.every((p) => canModerate(user, moderatedIdea(p), sectors) && transition(p.status as ProposalStatus, "link-project").ok);
    if (proposals.length !== ids.length || !allowed) return refuse(409, "projects.errors.proposalsInvalid", "proposals");
    const project = await tx.ballotProject.create({
      data: {
        roundId,
        code: input.code,
        titleFi: input.titleFi,
        titleSv: input.titleSv,
        titleEn: input.titleEn,
        areaSlug: input.area,
        sector: input.sector,
        cost: input.cost,
        descriptionFi: input.descriptionFi,
        descriptionSv: input.descriptionSv,
        descriptionEn: input.descriptionEn,
        imageId: input.imageId,
        imageAltFi: input.imageId ? input.imageAltFi : "",
        imageAltSv: input.imageId ? input.imageAltSv : "",
        imageAltEn: input.imageId ? input.imageAltEn : "",
      },
    });
    // Linking only proposals that are still approved and unlinked: a concurrent change makes the count differ.
    const linked = await tx.proposal.updateMany({
      where: { id: { in: ids }, status: "approved", projectId: null },
      data: { projectId: project.id, version: { increment: 1 } },
    });
    if (linked.count !== ids.length) throw new Error("proposals changed while linking");
    await tx.proposalEvent.createMany({ data: ids.map((proposalId) => ({ proposalId, actorId: user.id, type: "project-linked", targetId: project.id })) });
    await appendAudit(tx, { actorId: user.id, action: "project.create", subjectType: "project", subjectId: project.id, detail: { code: input.code, proposals: ids, image: input.imageId !== null } });
    return { ok: true, id: project.id };
  });
}

/**
 * The ideas whose proposers follow these projects: the approved ideas linked to them, and every idea
 * merged into one of those (at any depth: A merged into B merged into C, which is in the project).
 * Their timelines get the project's "selected" / "not selected" and progress events.
 */
export async function ideasBehindProjects(client: Db | Tx, projectIds: readonly string[]): Promise<Array<{ id: string; projectId: string }>> {
  if (projectIds.length === 0) return [];
  const linked = await client.proposal.findMany({ where: { projectId: { in: [...projectIds] }, status: "approved" }, select: { id: true, projectId: true } });
  const found = new Map(linked.map((p) => [p.id, p.projectId!]));
  let frontier = [...found.keys()];
  // Each pass follows merges one level back; a merge chain can be no longer than the number of ideas.
  while (frontier.length) {
    const merged = await client.proposal.findMany({ where: { mergedIntoId: { in: frontier }, status: "merged" }, select: { id: true, mergedIntoId: true } });
    frontier = [];
    for (const m of merged) {
      if (found.has(m.id)) continue;
      found.set(m.id, found.get(m.mergedIntoId!)!);
      frontier.push(m.id);
    }
  }
  return [...found].map(([id, projectId]) => ({ id, projectId }));
}
