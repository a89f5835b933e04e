// Ballot projects made from approved proposals (co-creation: one project may combine several).
import { SECTORS, isOneOf } from "~/shared/catalog";
import { transition, type ProposalStatus } from "~/features/proposals/proposals";
import { appendAudit } from "~/server/audit.server";
import type { SessionUser } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import type { Message } from "~/shared/forms";
import { moderationScope } from "./moderation.server";

export interface ProjectInput {
  code: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  area: string;
  sector: string;
  cost: number;
  proposals: string[];
}

export type ProjectOutcome = { ok: true; id: string } | { ok: false; status: number; field?: string; error: Message };

export async function createProject(user: SessionUser, roundId: string, input: ProjectInput): Promise<ProjectOutcome> {
  const area = await db.roundArea.findUnique({ where: { roundId_areaSlug: { roundId, areaSlug: input.area } } });
  if (!area) return { ok: false, status: 400, field: "area", error: { key: "projects.errors.areaInvalid" } };
  if (!isOneOf(SECTORS, input.sector)) return { ok: false, status: 400, field: "sector", error: { key: "projects.errors.sectorInvalid" } };
  if (await db.ballotProject.findUnique({ where: { roundId_code: { roundId, code: input.code } } })) {
    return { ok: false, status: 409, field: "code", error: { key: "projects.errors.codeTaken" } };
  }
  const scope = await moderationScope(user);
  const ids = [...new Set(input.proposals)];
  return db.$transaction(async (tx): Promise<ProjectOutcome> => {
    const proposals = await tx.proposal.findMany({ where: { AND: [{ id: { in: ids }, roundId, status: "approved", projectId: null }, scope] } });
    // Every proposal must be approved, unlinked and in this staff member's scope; the state machine agrees.
    if (proposals.length !== ids.length || !proposals.every((p) => transition(p.status as ProposalStatus, "link-project").ok)) {
      return { ok: false, status: 409, field: "proposals", error: { key: "projects.errors.proposalsInvalid" } };
    }
    const project = await tx.ballotProject.create({
      data: { roundId, code: input.code, titleFi: input.titleFi, titleSv: input.titleSv, titleEn: input.titleEn, areaSlug: input.area, sector: input.sector, cost: input.cost },
    });
    // Linking only proposals that are still approved and unlinked: a concurrent change makes the count differ.
    const linked = await tx.proposal.updateMany({
      where: { id: { in: ids }, status: "approved", projectId: null },
      data: { projectId: project.id, version: { increment: 1 } },
    });
    if (linked.count !== ids.length) throw new Error("proposals changed while linking");
    await tx.proposalEvent.createMany({ data: ids.map((proposalId) => ({ proposalId, actorId: user.id, type: "project-linked", targetId: project.id })) });
    await appendAudit(tx, { actorId: user.id, action: "project.create", subjectType: "project", subjectId: project.id, detail: { code: input.code, proposals: ids } });
    return { ok: true, id: project.id };
  });
}
