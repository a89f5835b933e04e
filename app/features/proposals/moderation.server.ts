// Staff decisions on proposals. A decision, its timeline event and its audit entry are one
// transaction, and the proposal's version makes two simultaneous decisions impossible: the second
// finds the version changed and gets a conflict. Who moderates which idea: moderation-scope.server.ts.
import {
  availableStaffActions,
  PROPOSAL_STATUSES,
  REASON_TEMPLATES,
  transition,
  type Decision,
  type ProposalStatus,
} from "~/features/proposals/proposals";
import type { AreaSlug, Locale, Sector } from "~/shared/catalog";
import { isLocale } from "~/shared/locale";
import { i18nFor } from "~/shared/i18n";
import { localName } from "~/features/rounds/rounds";
import { appendAudit } from "~/server/audit.server";
import type { SessionUser } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { refuse, type Outcome } from "~/shared/forms";
import { moderatesProposal, moderationScope } from "./moderation-scope.server";
import { loadProposalView } from "./proposals.server";
import type { TimelineEvent } from "./proposals-ui";

export { moderatesProposal, moderationScope };

/** The moderation queue: counts by status, the ideas waiting for a decision, and the others. */
export async function moderationQueue(user: SessionUser, locale: Locale) {
  const scope = await moderationScope(user);
  // Drafts are the pupil's own until sent: staff never see them.
  const visible = { AND: [scope, { status: { not: "draft" } }] };
  const [counts, queue, others] = await Promise.all([
    db.proposal.groupBy({ by: ["status"], where: visible, _count: { _all: true } }),
    db.proposal.findMany({
      where: { AND: [scope, { status: "submitted" }] },
      include: { author: { select: { school: true, classLevel: true } } },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    }),
    db.proposal.findMany({
      where: { AND: [scope, { status: { notIn: ["draft", "submitted"] } }] },
      orderBy: { updatedAt: "desc" },
      take: 100,
    }),
  ]);
  const countByStatus = Object.fromEntries(counts.map((c) => [c.status, c._count._all]));
  return {
    counts: PROPOSAL_STATUSES.filter((s) => s !== "draft").map((s) => ({ status: s, count: countByStatus[s] ?? 0 })),
    queue: queue.map((p) => ({
      id: p.id,
      title: p.title,
      area: p.areaSlug as AreaSlug,
      sector: p.sector as Sector,
      school: p.author.school ? localName(p.author.school, locale) : null,
      submittedAt: (p.submittedAt ?? p.createdAt).toISOString(),
    })),
    others: others.map((p) => ({ id: p.id, title: p.title, status: p.status as ProposalStatus, area: p.areaSlug as AreaSlug })),
  };
}

/** The decision page of one idea (null when it does not exist or is a draft). */
export async function moderationPage(user: SessionUser, id: string, locale: Locale) {
  const view = await loadProposalView(id, locale);
  if (!view || view.proposal.status === "draft") return null;
  const { proposal } = view;
  const status = proposal.status as ProposalStatus;
  const proposerLocale: Locale = isLocale(proposal.locale) ? proposal.locale : "fi";
  const scope = await moderationScope(user);
  const mergeTargets = await db.proposal.findMany({
    where: { AND: [scope, { roundId: proposal.roundId, id: { not: proposal.id }, status: { in: ["submitted", "approved"] } }] },
    select: { id: true, title: true },
    orderBy: { title: "asc" },
  });
  // Templates are offered in the proposer's language: that is the language the reason is written in.
  const tp = i18nFor(proposerLocale).t;
  const templates = Object.fromEntries(
    Object.entries(REASON_TEMPLATES).map(([action, keys]) => [action, keys.map((k) => ({ key: k, text: tp(`reasonTemplates.${k}`) }))]),
  ) as Record<string, Array<{ key: string; text: string }>>;
  return {
    proposal: {
      id: proposal.id,
      title: proposal.title,
      description: proposal.description,
      status,
      version: proposal.version,
      area: proposal.areaSlug as AreaSlug,
      sector: proposal.sector as Sector,
      school: proposal.author.school ? localName(proposal.author.school, locale) : null,
      costEstimate: proposal.costEstimate,
      locale: proposerLocale,
    },
    actions: availableStaffActions(status),
    templates,
    mergeTargets,
    events: view.events as TimelineEvent[],
  };
}

/** A reason template's text in the proposer's language ("" for an unknown template). */
export async function templateText(proposalId: string, template: string): Promise<string> {
  const proposal = await db.proposal.findUnique({ where: { id: proposalId }, select: { locale: true } });
  const tp = i18nFor(isLocale(proposal?.locale) ? proposal.locale : "fi").t;
  const known = Object.values(REASON_TEMPLATES).some((keys) => (keys as readonly string[]).includes(template));
  return known ? tp(`reasonTemplates.${template}` as never) : "";
}

export async function decide(user: SessionUser, proposalId: string, decision: Decision, locale: Locale): Promise<Outcome<{ status: ProposalStatus }>> {
  if (!(await moderatesProposal(user, proposalId))) return refuse(403, "errors.forbidden");
  return db.$transaction(async (tx): Promise<Outcome<{ status: ProposalStatus }>> => {
    const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    if (proposal.version !== decision.version) return refuse(409, "moderation.errors.conflict");
    const from = proposal.status as ProposalStatus;
    const move = transition(from, decision.action);
    if (!move.ok) return refuse(409, "moderation.errors.illegal", undefined, { status: i18nFor(locale).t(`statuses.${from}`) });

    let targetId: string | null = null;
    if (decision.action === "merge") {
      const target = await tx.proposal.findUnique({ where: { id: decision.target ?? "" } });
      if (!target || target.id === proposal.id || target.roundId !== proposal.roundId || !["submitted", "approved"].includes(target.status)) {
        return refuse(400, "moderation.errors.targetInvalid", "target");
      }
      targetId = target.id;
    }
    // The version check and the write are one statement: if another decision got in first, nothing changes here.
    const updated = await tx.proposal.updateMany({
      where: { id: proposal.id, version: decision.version },
      data: { status: move.to, version: { increment: 1 }, mergedIntoId: targetId ?? undefined },
    });
    if (updated.count !== 1) return refuse(409, "moderation.errors.conflict");
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
