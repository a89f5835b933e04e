// Staff decisions on proposals. A decision, its timeline event and its audit entry are one
// transaction, and the proposal's version makes two simultaneous decisions impossible: the second
// finds the version changed and gets a conflict.
import { transition, type Decision, type ProposalStatus } from "~/features/proposals/proposals";
import type { Prisma } from "~/generated/prisma/client";
import type { Locale } from "~/shared/catalog";
import { i18nFor } from "~/shared/i18n";
import { appendAudit } from "~/server/audit.server";
import type { SessionUser } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import type { Message } from "~/shared/forms";

/** The proposals a staff member moderates: their schools' (by subject or by proposer) and their sectors'. */
export async function moderationScope(user: SessionUser): Promise<Prisma.ProposalWhereInput> {
  if (user.role === "coordinator" || user.role === "admin") return {};
  if (user.role !== "staff") return { id: "-" };
  const staff = await db.user.findUnique({ where: { id: user.id }, select: { sectors: true } });
  const sectors = (staff?.sectors ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const schoolIds = [...user.schoolIds];
  return {
    OR: [{ schoolId: { in: schoolIds } }, { author: { schoolId: { in: schoolIds } } }, ...(sectors.length ? [{ sector: { in: sectors } }] : [])],
  };
}

export async function canModerate(user: SessionUser, proposalId: string): Promise<boolean> {
  const scope = await moderationScope(user);
  return (await db.proposal.count({ where: { AND: [{ id: proposalId }, scope] } })) === 1;
}

export type DecisionOutcome = { ok: true; status: ProposalStatus } | { ok: false; status: number; field?: string; error: Message };

export async function decide(user: SessionUser, proposalId: string, decision: Decision, locale: Locale): Promise<DecisionOutcome> {
  if (!(await canModerate(user, proposalId))) return { ok: false, status: 403, error: { key: "errors.forbidden" } };
  return db.$transaction(async (tx): Promise<DecisionOutcome> => {
    const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    if (proposal.version !== decision.version) {
      return { ok: false, status: 409, error: { key: "moderation.errors.conflict" } };
    }
    const from = proposal.status as ProposalStatus;
    const move = transition(from, decision.action);
    if (!move.ok) return { ok: false, status: 409, error: { key: "moderation.errors.illegal", values: { status: i18nFor(locale).t(`statuses.${from}`) } } };

    let targetId: string | null = null;
    if (decision.action === "merge") {
      const target = await tx.proposal.findUnique({ where: { id: decision.target ?? "" } });
      if (!target || target.id === proposal.id || target.roundId !== proposal.roundId || !["submitted", "approved"].includes(target.status)) {
        return { ok: false, status: 400, field: "target", error: { key: "moderation.errors.targetInvalid" } };
      }
      targetId = target.id;
    }
    // The version check and the write are one statement: if another decision got in first, nothing changes here.
    const updated = await tx.proposal.updateMany({
      where: { id: proposal.id, version: decision.version },
      data: { status: move.to, version: { increment: 1 }, mergedIntoId: targetId ?? undefined },
    });
    if (updated.count !== 1) return { ok: false, status: 409, error: { key: "moderation.errors.conflict" } };
    await tx.proposalEvent.create({
      data: { proposalId: proposal.id, actorId: user.id, type: move.event, reason: decision.action === "approve" ? null : (decision.reason ?? null), targetId },
    });
    await appendAudit(tx, {
      actorId: user.id,
      action: `proposal.${decision.action}`,
      subjectType: "proposal",
      subjectId: proposal.id,
      detail: { from, to: move.to, targetId },
    });
    return { ok: true, status: move.to };
  });
}
