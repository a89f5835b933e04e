// Pupils' proposals: creating, editing and submitting, always through the state machine in
// app/features/proposals/proposals.ts, each change written together with its timeline event and audit entry.
import { CITY_WIDE, type Locale } from "~/shared/catalog";
import { formatDay } from "~/shared/locale";
import { helsinkiDay } from "~/features/rounds/phases";
import { parseCoAuthorNames, transition, type ProposalForm, type ProposalStatus } from "~/features/proposals/proposals";
import { i18nFor } from "~/shared/i18n";
import { appendAudit } from "~/server/audit.server";
import type { SessionUser } from "~/features/access/auth.server";
import { db, type Tx } from "~/server/db.server";
import type { Message } from "~/shared/forms";

export type ProposalOutcome = { ok: true; id: string; status: ProposalStatus } | { ok: false; status: number; field?: string; error: Message };

/** The pupil's round and school, which every proposal of theirs belongs to. */
export async function pupilContext(user: SessionUser) {
  if (user.role !== "pupil" || !user.roundId || !user.schoolId) return null;
  const [round, school] = await Promise.all([
    db.round.findUnique({ where: { id: user.roundId } }),
    db.school.findUnique({ where: { id: user.schoolId } }),
  ]);
  return round && school ? { round, school } : null;
}

type Context = NonNullable<Awaited<ReturnType<typeof pupilContext>>>;

/** First submissions and drafts belong to the proposal phase; a proposal sent back for changes may be resubmitted until review ends. */
export function phaseAllows(ctx: Context, action: "write" | "resubmit", today = helsinkiDay()): boolean {
  const { round } = ctx;
  const end = action === "resubmit" ? round.reviewEnd : round.proposalsEnd;
  return today >= round.proposalsStart && today <= end;
}

export function closedMessage(ctx: Context, locale: Locale): Message {
  return {
    key: "proposals.errors.closed",
    values: { start: formatDay(ctx.round.proposalsStart, locale), end: formatDay(ctx.round.proposalsEnd, locale) },
  };
}

async function resolveCoAuthors(tx: Tx, ctx: Context, author: SessionUser, names: string[]) {
  if (!names.length) return { ids: [] as string[], unknown: [] as string[] };
  const found = await tx.user.findMany({
    where: { role: "pupil", roundId: ctx.round.id, schoolId: ctx.school.id, displayName: { in: names }, id: { not: author.id } },
    select: { id: true, displayName: true },
  });
  const known = new Set(found.map((f) => f.displayName));
  return { ids: found.map((f) => f.id), unknown: names.filter((n) => !known.has(n)) };
}

/**
 * Saves a pupil's proposal form: creates it (id null) or edits it, and submits it when the pupil
 * pressed "send". Refused outside the phase, for a status that cannot be edited, and for bad input.
 */
export async function saveProposal(
  user: SessionUser,
  form: ProposalForm,
  proposalId: string | null,
  locale: Locale,
): Promise<ProposalOutcome> {
  const ctx = await pupilContext(user);
  if (!ctx) return { ok: false, status: 403, error: { key: "proposals.errors.noRound" } };
  if (form.area !== ctx.school.areaSlug && form.area !== CITY_WIDE) {
    return { ok: false, status: 400, field: "area", error: { key: "proposals.errors.areaInvalid" } };
  }
  const existing = proposalId ? await db.proposal.findUnique({ where: { id: proposalId } }) : null;
  if (proposalId && (!existing || existing.authorId !== user.id)) {
    return { ok: false, status: 404, error: { key: "errors.notFound" } };
  }
  const from: ProposalStatus = (existing?.status as ProposalStatus | undefined) ?? "draft";
  const edit = transition(from, "edit");
  if (!edit.ok) return { ok: false, status: 409, error: { key: "proposals.errors.notEditable", values: { status: i18nFor(locale).t(`statuses.${from}`) } } };
  const resubmitting = from === "needs-changes";
  if (!phaseAllows(ctx, resubmitting ? "resubmit" : "write")) return { ok: false, status: 403, error: closedMessage(ctx, locale) };

  return db.$transaction(async (tx): Promise<ProposalOutcome> => {
    const names = parseCoAuthorNames(form.coAuthors);
    const coAuthors = await resolveCoAuthors(tx, ctx, user, names);
    if (coAuthors.unknown.length) {
      return { ok: false, status: 400, field: "coAuthors", error: { key: "proposals.errors.coAuthorUnknown", values: { names: coAuthors.unknown.join(", ") } } };
    }
    const data = {
      title: form.title,
      description: form.description,
      areaSlug: form.area,
      sector: form.sector,
      schoolId: form.concernsSchool ? ctx.school.id : null,
      costEstimate: form.costEstimate ?? null,
      locale,
    };
    let proposal;
    if (existing) {
      const updated = await tx.proposal.updateMany({ where: { id: existing.id, version: existing.version }, data: { ...data, version: { increment: 1 } } });
      if (updated.count !== 1) return { ok: false, status: 409, error: { key: "moderation.errors.conflict" } };
      await tx.proposalCoAuthor.deleteMany({ where: { proposalId: existing.id } });
      proposal = await tx.proposal.findUniqueOrThrow({ where: { id: existing.id } });
      await tx.proposalEvent.create({ data: { proposalId: proposal.id, actorId: user.id, type: edit.event } });
    } else {
      proposal = await tx.proposal.create({ data: { ...data, roundId: ctx.round.id, authorId: user.id, status: "draft" } });
      await tx.proposalEvent.create({ data: { proposalId: proposal.id, actorId: user.id, type: "created" } });
    }
    if (coAuthors.ids.length) {
      await tx.proposalCoAuthor.createMany({ data: coAuthors.ids.map((userId) => ({ proposalId: proposal.id, userId })) });
    }
    let status = proposal.status as ProposalStatus;
    if (form.intent === "submit") {
      const submit = transition(status, "submit");
      if (!submit.ok) return { ok: false, status: 409, error: { key: "proposals.errors.notEditable", values: { status: i18nFor(locale).t(`statuses.${status}`) } } };
      await tx.proposal.update({ where: { id: proposal.id }, data: { status: submit.to, submittedAt: new Date(), version: { increment: 1 } } });
      await tx.proposalEvent.create({ data: { proposalId: proposal.id, actorId: user.id, type: submit.event } });
      status = submit.to;
    }
    await appendAudit(tx, {
      actorId: user.id,
      action: existing ? "proposal.edit" : "proposal.create",
      subjectType: "proposal",
      subjectId: proposal.id,
      detail: { status },
    });
    return { ok: true, id: proposal.id, status };
  });
}

/** Who may read a proposal: its authors and co-authors always; staff in scope; everyone when it is public. */
export function proposalAccessWhere(user: SessionUser) {
  return { OR: [{ authorId: user.id }, { coAuthors: { some: { userId: user.id } } }] };
}

/** A proposal with everything its page shows: the story with merge targets and projects resolved. */
export async function loadProposalView(id: string, locale: Locale) {
  const proposal = await db.proposal.findUnique({
    where: { id },
    include: {
      school: true,
      author: { select: { id: true, school: true } },
      coAuthors: { include: { user: { select: { id: true, displayName: true } } } },
      project: true,
      round: true,
      events: { orderBy: { at: "asc" } },
    },
  });
  if (!proposal) return null;
  const targetIds = proposal.events.map((e) => e.targetId).filter((t): t is string => Boolean(t));
  const [targetProposals, targetProjects] = await Promise.all([
    db.proposal.findMany({ where: { id: { in: targetIds } }, select: { id: true, title: true, status: true } }),
    db.ballotProject.findMany({ where: { id: { in: targetIds } } }),
  ]);
  const events = proposal.events.map((e) => {
    const p = targetProposals.find((x) => x.id === e.targetId);
    const project = targetProjects.find((x) => x.id === e.targetId);
    const target = p
      ? { kind: "proposal" as const, title: p.title, href: `/ideas/${p.id}` }
      : project
        ? { kind: "project" as const, title: `${project.code} ${localTitle(project, locale)}`, href: null }
        : null;
    return { id: e.id, type: e.type, at: e.at.toISOString(), reason: e.reason, target };
  });
  return { proposal, events };
}

export function localTitle(project: { titleFi: string; titleSv: string; titleEn: string }, locale: Locale): string {
  return { fi: project.titleFi, sv: project.titleSv, en: project.titleEn }[locale];
}

/** Whether `user` (or an anonymous visitor) may read the proposal, and as whom. */
export async function proposalAccess(
  user: SessionUser | null,
  proposal: { id: string; authorId: string; status: string; coAuthors: Array<{ user: { id: string } }> },
): Promise<"author" | "staff" | "public" | null> {
  if (user && (proposal.authorId === user.id || proposal.coAuthors.some((c) => c.user.id === user.id))) return "author";
  // A draft is the pupil's own until they send it: staff never see it.
  if (user && user.role !== "pupil" && proposal.status !== "draft") {
    const { canModerate } = await import("./moderation.server");
    if (await canModerate(user, proposal.id)) return "staff";
  }
  return proposal.status === "approved" ? "public" : null;
}
