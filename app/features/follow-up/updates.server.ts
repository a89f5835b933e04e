// Progress updates on selected projects (implementation.ts has the rules). One transaction writes the
// update, moves the project's status, adds a "progress" step to the timeline of every idea behind the
// project (merged ideas included) and appends the audit entry; a concurrent update of the same
// project makes the second one a 409, so two people cannot both move a project from the same status.
import type { SessionUser } from "~/features/access/auth.server";
import { canFollowUpProject, canModerate } from "~/features/access/permissions";
import { moderatedIdea, staffSectors } from "~/features/proposals/moderation-scope.server";
import { ideasBehindProjects } from "~/features/proposals/projects.server";
import { appendAudit } from "~/server/audit.server";
import { db, type Tx } from "~/server/db.server";
import { refuse, type Outcome } from "~/shared/forms";
import { canPostUpdate, missingAltTexts, nextStatuses, type UpdateInput, type UpdateStatus } from "./implementation";

/** Whether `user` may post progress updates on the project (its ideas decide for staff). */
export async function mayFollowUp(user: SessionUser | null, projectId: string): Promise<boolean> {
  if (!user || user.role === "pupil") return false;
  if (user.role === "coordinator" || user.role === "admin") return canFollowUpProject(user, false);
  const ideas = await db.proposal.findMany({
    where: { projectId },
    select: { schoolId: true, sector: true, author: { select: { schoolId: true } } },
  });
  const sectors = await staffSectors(user);
  return canFollowUpProject(user, ideas.some((p) => canModerate(user, moderatedIdea(p), sectors)));
}

/** What the update form offers on a project: the statuses that may follow, or none. */
export function updateChoices(project: { status: string; round: { resultsPublishedAt: Date | null } }): UpdateStatus[] {
  return project.round.resultsPublishedAt ? nextStatuses(project.status) : [];
}

export async function postProjectUpdate(user: SessionUser, projectId: string, input: UpdateInput, imageId: string | null): Promise<Outcome<{ id: string }>> {
  const project = await db.ballotProject.findUnique({ where: { id: projectId }, include: { round: { select: { resultsPublishedAt: true } } } });
  if (!project) return refuse(404, "followUp.errors.notFound");
  if (!(await mayFollowUp(user, projectId))) return refuse(403, "followUp.errors.forbidden");
  if (!project.round.resultsPublishedAt) return refuse(409, "followUp.errors.notPublished");
  if (!canPostUpdate(project.status, input.status)) return refuse(409, "followUp.errors.statusNotAllowed", "status");
  if (imageId) {
    const missing = missingAltTexts(input);
    if (missing.length) return refuse(400, "followUp.errors.altRequired", missing[0]);
  }
  return db.$transaction((tx) => recordProjectUpdate(tx, { project, input, imageId, actorId: user.id }));
}

/**
 * Writes one update in the caller's transaction (the page's action above, and the demo data): moves
 * the project from the status it was read with, inserts the update, the timeline steps and the audit
 * entry. A project whose status changed since it was read is refused (409) and nothing is written.
 */
export async function recordProjectUpdate(
  tx: Tx,
  args: { project: { id: string; code: string; status: string }; input: UpdateInput; imageId: string | null; actorId: string | null; at?: Date },
): Promise<Outcome<{ id: string }>> {
  const { project, input, imageId } = args;
  const moved = await tx.ballotProject.updateMany({ where: { id: project.id, status: project.status }, data: { status: input.status } });
  if (moved.count !== 1) return refuse(409, "followUp.errors.changedMeanwhile");
  const update = await tx.projectUpdate.create({
    data: {
      projectId: project.id,
      status: input.status,
      day: input.day,
      textFi: input.textFi,
      textSv: input.textSv,
      textEn: input.textEn,
      imageId,
      imageAltFi: imageId ? input.imageAltFi : "",
      imageAltSv: imageId ? input.imageAltSv : "",
      imageAltEn: imageId ? input.imageAltEn : "",
      authorId: args.actorId,
      ...(args.at ? { createdAt: args.at } : {}),
    },
  });
  const ideas = await ideasBehindProjects(tx, [project.id]);
  if (ideas.length) {
    await tx.proposalEvent.createMany({ data: ideas.map((i) => ({ proposalId: i.id, actorId: args.actorId, at: update.createdAt, type: "progress", targetId: update.id })) });
  }
  await appendAudit(tx, {
    actorId: args.actorId,
    action: "project.progress",
    subjectType: "project",
    subjectId: project.id,
    detail: { code: project.code, from: project.status, to: input.status, day: input.day, image: imageId !== null, ideas: ideas.length },
  });
  return { ok: true, id: update.id };
}
