// Pupils' proposals: creating, editing and submitting, always through the state machine in
// app/features/proposals/proposals.ts, each change written together with its timeline event and audit entry.
import { CITY_WIDE, type AreaSlug, type Locale, type Sector } from "~/shared/catalog";
import { formatDay } from "~/shared/locale";
import { helsinkiDay } from "~/features/rounds/phases";
import { can as canTransition, parseCoAuthorNames, transition, type ProposalForm, type ProposalStatus } from "~/features/proposals/proposals";
import { projectIsPublic } from "~/features/proposals/projects";
import { can, canEditIdea, canModerate, ideaView, type IdeaView } from "~/features/access/permissions";
import { localName } from "~/features/rounds/rounds";
import type { TimelineEvent } from "./proposals-ui";
import { staffSectors } from "./moderation-scope.server";
import { ensurePublicCode, followLink, freshPublicCode } from "./follow.server";
import { i18nFor } from "~/shared/i18n";
import { appendAudit } from "~/server/audit.server";
import type { SessionUser } from "~/features/access/auth.server";
import { db, type Tx } from "~/server/db.server";
import { refuse, type Message, type Outcome } from "~/shared/forms";

export type ProposalOutcome = Outcome<{ id: string; status: ProposalStatus }>;

/** The pupil's round and school, which every proposal of theirs belongs to. */
export async function pupilContext(user: SessionUser) {
  if (!can(user, "idea:propose") || !user.roundId || !user.schoolId) return null;
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
  if (!ctx) return refuse(403, "proposals.errors.noRound");
  if (form.area !== ctx.school.areaSlug && form.area !== CITY_WIDE) {
    return refuse(400, "proposals.errors.areaInvalid", "area");
  }
  const existing = proposalId ? await db.proposal.findUnique({ where: { id: proposalId } }) : null;
  if (proposalId && (!existing || existing.authorId !== user.id)) {
    return refuse(404, "errors.notFound");
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
      return refuse(400, "proposals.errors.coAuthorUnknown", "coAuthors", { names: coAuthors.unknown.join(", ") });
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
      if (updated.count !== 1) return refuse(409, "moderation.errors.conflict");
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
      // The first sending gives the idea its public code (/i/CODE, follow.server.ts), in this same transaction.
      const publicCode = proposal.publicCode ?? (await freshPublicCode(tx));
      await tx.proposal.update({ where: { id: proposal.id }, data: { status: submit.to, submittedAt: new Date(), publicCode, version: { increment: 1 } } });
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
  // Progress events point at a project update (app/features/follow-up), which names its project.
  const updates = await db.projectUpdate.findMany({ where: { id: { in: targetIds } }, select: { id: true, projectId: true, status: true, textFi: true, textSv: true, textEn: true } });
  const projectIds = [...targetIds, ...updates.map((u) => u.projectId)];
  const [targetProposals, targetProjects] = await Promise.all([
    db.proposal.findMany({ where: { id: { in: targetIds } }, select: { id: true, title: true, status: true } }),
    db.ballotProject.findMany({ where: { id: { in: projectIds } }, include: { round: { select: { votingStart: true, resultsPublishedAt: true } } } }),
  ]);
  const today = helsinkiDay();
  const events = proposal.events.map((e) => {
    const update = updates.find((u) => u.id === e.targetId) ?? null;
    const p = targetProposals.find((x) => x.id === e.targetId);
    const project = targetProjects.find((x) => x.id === (update ? update.projectId : e.targetId));
    const target = p
      ? { kind: "proposal" as const, title: p.title, href: `/ideas/${p.id}` }
      : project
        ? { kind: "project" as const, title: `${project.code} ${localTitle(project, locale)}`, href: projectIsPublic(project.round, today) ? `/projects/${project.id}` : null }
        : null;
    const news = update ? { status: update.status, text: { fi: update.textFi, sv: update.textSv, en: update.textEn }[locale] } : null;
    return { id: e.id, type: e.type, at: e.at.toISOString(), reason: e.reason, target, update: news };
  });
  return { proposal, events };
}

export function localTitle(project: { titleFi: string; titleSv: string; titleEn: string }, locale: Locale): string {
  return { fi: project.titleFi, sv: project.titleSv, en: project.titleEn }[locale];
}

/** How `user` (or an anonymous visitor) may read the proposal (`ideaView` in permissions.ts). */
export async function proposalAccess(
  user: SessionUser | null,
  proposal: { authorId: string; status: string; schoolId: string | null; sector: string; author: { school: { id: string } | null }; coAuthors: Array<{ user: { id: string } }> },
): Promise<IdeaView> {
  const idea = { authorId: proposal.authorId, coProposerIds: proposal.coAuthors.map((c) => c.user.id), status: proposal.status };
  // Only staff-side readers need the moderation facts (a staff member's sectors come from the database).
  const moderates =
    user !== null && can(user, "idea:moderate")
      ? canModerate(user, { schoolId: proposal.schoolId, proposerSchoolId: proposal.author.school?.id ?? null, sector: proposal.sector }, await staffSectors(user))
      : false;
  return ideaView(user, idea, moderates);
}

/**
 * The page of one idea, as `user` may read it; null when they may not (or it does not exist).
 * Its proposers also get the link to its public status page (`origin`: follow.server.ts publicOrigin).
 */
export async function ideaPage(user: SessionUser | null, id: string, locale: Locale, origin?: string) {
  const view = await loadProposalView(id, locale);
  if (!view) return null;
  const { proposal } = view;
  const access = await proposalAccess(user, proposal);
  // Someone who may not see it is told nothing about whether it exists.
  if (!access) return null;
  const status = proposal.status as ProposalStatus;
  const code = access === "author" && origin ? await ensurePublicCode(proposal) : null;
  return {
    access,
    follow: code && origin ? followLink(origin, code) : null,
    proposal: {
      id: proposal.id,
      title: proposal.title,
      description: proposal.description,
      status,
      area: proposal.areaSlug as AreaSlug,
      sector: proposal.sector as Sector,
      school: proposal.school ? localName(proposal.school, locale) : null,
      proposerSchool: proposal.author.school ? localName(proposal.author.school, locale) : null,
      costEstimate: proposal.costEstimate,
      coAuthors: access === "public" ? [] : proposal.coAuthors.map((c) => c.user.displayName),
      project: proposal.project ? `${proposal.project.code} ${localTitle(proposal.project, locale)}` : null,
      editable: access === "author" && canEditIdea(user, ideaAccess(proposal)) && canTransition(status, "edit"),
    },
    // The story is for the proposer and staff; the public sees only approved ideas' content.
    events: access === "public" ? [] : (view.events as TimelineEvent[]),
  };
}

function ideaAccess(p: { authorId: string; status: string; coAuthors: Array<{ user: { id: string } }> }) {
  return { authorId: p.authorId, coProposerIds: p.coAuthors.map((c) => c.user.id), status: p.status };
}

/** The "new idea" page: the pupil's school, and whether the proposal phase is open. Null without a round. */
export async function newIdeaPage(user: SessionUser, locale: Locale) {
  const ctx = await pupilContext(user);
  if (!ctx) return null;
  return {
    schoolArea: ctx.school.areaSlug as AreaSlug,
    schoolName: localName(ctx.school, locale),
    closed: phaseAllows(ctx, "write") ? null : closedMessage(ctx, locale),
  };
}

/** The edit page of a pupil's own idea; null when it is not theirs (or they have no round). */
export async function editIdeaPage(user: SessionUser, id: string, locale: Locale) {
  const ctx = await pupilContext(user);
  const view = await loadProposalView(id, locale);
  if (!ctx || !view || !canEditIdea(user, ideaAccess(view.proposal))) return null;
  const { proposal } = view;
  const status = proposal.status as ProposalStatus;
  return {
    id: proposal.id,
    status,
    editable: canTransition(status, "edit"),
    closed: phaseAllows(ctx, status === "needs-changes" ? "resubmit" : "write") ? null : closedMessage(ctx, locale),
    schoolArea: ctx.school.areaSlug as AreaSlug,
    schoolName: localName(ctx.school, locale),
    values: {
      title: proposal.title,
      description: proposal.description,
      area: proposal.areaSlug,
      sector: proposal.sector,
      concernsSchool: proposal.schoolId ? "on" : "",
      costEstimate: proposal.costEstimate === null ? "" : String(proposal.costEstimate),
      coAuthors: proposal.coAuthors.map((c) => c.user.displayName).join(", "),
    },
    events: view.events as TimelineEvent[],
  };
}

/** A pupil's own ideas (as author or co-proposer), newest first, with their stories. */
export async function myIdeas(user: SessionUser, locale: Locale, origin?: string) {
  const ctx = await pupilContext(user);
  const mine = await db.proposal.findMany({ where: proposalAccessWhere(user), orderBy: { createdAt: "desc" }, select: { id: true } });
  const views = await Promise.all(mine.map((p) => loadProposalView(p.id, locale)));
  const codes = await Promise.all(views.map((v) => (v && origin ? ensurePublicCode(v.proposal) : null)));
  return {
    canPropose: ctx ? phaseAllows(ctx, "write") : false,
    proposals: views.flatMap((v, i) =>
      v
        ? [
            {
              id: v.proposal.id,
              title: v.proposal.title,
              status: v.proposal.status as ProposalStatus,
              area: v.proposal.areaSlug as AreaSlug,
              editable: canEditIdea(user, ideaAccess(v.proposal)) && canTransition(v.proposal.status as ProposalStatus, "edit"),
              events: v.events as TimelineEvent[],
              follow: codes[i] && origin ? followLink(origin, codes[i]) : null,
            },
          ]
        : [],
    ),
  };
}
