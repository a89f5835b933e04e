// Following an idea from home (docs/domain.md, "Following an idea"): every sent idea has a random
// public code; /i/CODE shows its status to anyone holding the code, without signing in and without
// any personal data; the proposer prints a slip with the link and its QR code.
import QRCode from "qrcode";
import type { Locale } from "~/shared/catalog";
import { ideaView } from "~/features/access/permissions";
import type { SessionUser } from "~/features/access/auth.server";
import { helsinkiDay } from "~/features/rounds/phases";
import type { ProposalStatus } from "~/features/proposals/proposals";
import { contentIsPublic, followStatus, isFollowEvent, showsReason, type FollowEvent, type FollowStatus } from "~/features/proposals/follow";
import { newPublicCode, normalisePublicCode } from "~/features/proposals/public-code";
import { env } from "~/server/env.server";
import { db, type Db, type Tx } from "~/server/db.server";

/**
 * A code no idea has yet. A clash is astronomically rare (49.5 random bits), so we look before we
 * write instead of catching the unique-constraint error, which would abort the caller's
 * transaction on PostgreSQL; the unique index still guards the one-in-10^14 race.
 */
export async function freshPublicCode(client: Tx | Db = db): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = newPublicCode();
    if (!(await client.proposal.findUnique({ where: { publicCode: code }, select: { id: true } }))) return code;
  }
  throw new Error("Could not find a free public code in 5 attempts");
}

/**
 * The idea's code, giving one now to an idea sent before codes existed (demo data, older rows).
 * Done lazily, when its proposer first looks at it, rather than in a migration: codes must come
 * from the cryptographic generator and its alphabet, which plain SQL cannot do portably, and drafts
 * never get one. `publicCode: null` in the update keeps two simultaneous first views from
 * overwriting each other.
 */
export async function ensurePublicCode(proposal: { id: string; status: string; publicCode: string | null }): Promise<string | null> {
  if (proposal.publicCode || proposal.status === "draft") return proposal.publicCode;
  const code = await freshPublicCode();
  await db.proposal.updateMany({ where: { id: proposal.id, publicCode: null }, data: { publicCode: code } });
  const stored = await db.proposal.findUnique({ where: { id: proposal.id }, select: { publicCode: true } });
  return stored?.publicCode ?? null;
}

// ---- links ---------------------------------------------------------------------------------------

/** The site's address for printed links: PUBLIC_URL when set (behind a proxy), else the request's origin. */
export function publicOrigin(request: Request): string {
  return env().publicUrl ?? new URL(request.url).origin;
}

export interface FollowLink {
  code: string;
  /** The absolute URL (in the QR code and the link's href). */
  href: string;
  /** The same without "https://", as printed on the slip. */
  text: string;
}

export function followLink(origin: string, code: string): FollowLink {
  const href = `${origin}/i/${code}`;
  return { code, href, text: href.replace(/^https?:\/\//, "") };
}

/** The QR code of an idea's status page as an SVG document; null for an unknown code. */
export async function followQrSvg(typed: string, origin: string): Promise<string | null> {
  const code = normalisePublicCode(typed);
  if (!code) return null;
  const proposal = await db.proposal.findUnique({ where: { publicCode: code }, select: { status: true } });
  if (!proposal || proposal.status === "draft") return null;
  return QRCode.toString(followLink(origin, code).href, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

// ---- the public status page ------------------------------------------------------------------------

export interface FollowStep {
  id: string;
  type: FollowEvent;
  at: string;
  reason: string | null;
  /** A public page the step points to: the idea it was merged into (when public) or the project. */
  link: { kind: "idea" | "project"; title: string | null; href: string } | null;
}

// The same as proposals.server.ts's localTitle, which cannot be imported here: that module imports this one.
function localTitle(project: { titleFi: string; titleSv: string; titleEn: string }, locale: Locale): string {
  return { fi: project.titleFi, sv: project.titleSv, en: project.titleEn }[locale];
}

/**
 * The status page of the idea with this code, or null (unknown code, or a draft). It holds no
 * personal data: no pseudonyms of the proposer or co-proposers, no school, no staff names; the
 * title and text only once the idea is public. `redirect` is set when the code was typed in
 * another form (lower case, dashes) than its canonical one.
 */
export async function followPage(typed: string, locale: Locale, today = helsinkiDay()) {
  const code = normalisePublicCode(typed);
  if (!code) return null;
  const proposal = await db.proposal.findUnique({
    where: { publicCode: code },
    select: {
      id: true,
      title: true,
      description: true,
      status: true,
      submittedAt: true,
      round: { select: { slug: true, reviewStart: true, resultsPublishedAt: true } },
      project: { select: { id: true, code: true, status: true, titleFi: true, titleSv: true, titleEn: true } },
      events: { orderBy: { at: "asc" }, select: { id: true, type: true, at: true, reason: true, targetId: true } },
    },
  });
  if (!proposal || proposal.status === "draft") return null;
  const status = proposal.status as ProposalStatus;
  const follow = followStatus({ status, projectStatus: proposal.project?.status ?? null, reviewStarted: today >= proposal.round.reviewStart });
  if (!follow) return null;
  // The public level of an idea's own page (ideaView, as seen by an anonymous visitor).
  const publicIdea = ideaView(null, { authorId: "", coProposerIds: [], status }, false) === "public";
  const showContent = contentIsPublic(status, publicIdea);

  const events = proposal.events.filter((e) => isFollowEvent(e.type));
  const targetIds = events.map((e) => e.targetId).filter((t): t is string => Boolean(t));
  const [ideas, projects] = await Promise.all([
    db.proposal.findMany({ where: { id: { in: targetIds } }, select: { id: true, title: true, status: true } }),
    db.ballotProject.findMany({ where: { id: { in: targetIds } }, select: { id: true, code: true, titleFi: true, titleSv: true, titleEn: true } }),
  ]);
  const steps: FollowStep[] = events.map((e) => {
    const type = e.type as FollowEvent;
    let link: FollowStep["link"] = null;
    const idea = ideas.find((x) => x.id === e.targetId);
    const project = projects.find((x) => x.id === e.targetId);
    if (type === "merged" && idea) {
      // Another pupil's idea is named and linked only when it is public itself.
      const targetPublic = ideaView(null, { authorId: "", coProposerIds: [], status: idea.status }, false) === "public";
      link = targetPublic ? { kind: "idea", title: idea.title, href: `/ideas/${idea.id}` } : null;
    } else if (project) {
      link = { kind: "project", title: `${project.code} ${localTitle(project, locale)}`, href: `/projects/${project.id}` };
    } else if (type === "progress" && proposal.project) {
      link = { kind: "project", title: null, href: `/projects/${proposal.project.id}` };
    }
    return { id: e.id, type, at: e.at.toISOString(), reason: showsReason(type) ? e.reason : null, link };
  });
  const firstSent = events.find((e) => e.type === "submitted")?.at ?? proposal.submittedAt;
  // The latest reason about changes or a refusal, shown next to the status itself.
  const reasonStep = follow === "needs-changes" || follow === "rejected" ? [...steps].reverse().find((s) => s.reason && s.type === (follow === "rejected" ? "rejected" : "changes-requested")) : undefined;
  return {
    code,
    redirect: code !== typed,
    status: follow satisfies FollowStatus,
    sentAt: firstSent ? firstSent.toISOString() : null,
    idea: showContent ? { title: proposal.title, description: proposal.description, href: publicIdea ? `/ideas/${proposal.id}` : null } : null,
    project: proposal.project && status === "approved" ? { title: `${proposal.project.code} ${localTitle(proposal.project, locale)}`, href: `/projects/${proposal.project.id}` } : null,
    // Results are linked only for ideas on the ballot, which are public anyway: a school round's
    // address names the school, which the page otherwise never tells.
    resultsHref: proposal.project && proposal.round.resultsPublishedAt ? `/rounds/${proposal.round.slug}/results` : null,
    reason: reasonStep?.reason ?? null,
    // That step's reason is shown once, with the status, not again in the list.
    steps: steps.map((s) => (s === reasonStep ? { ...s, reason: null } : s)),
  };
}

// ---- the slip --------------------------------------------------------------------------------------

/** The printable slip of an idea, for its proposer and co-proposers only; null for anyone else or a draft. */
export async function slipPage(user: SessionUser | null, id: string, origin: string) {
  if (!user) return null;
  const proposal = await db.proposal.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      status: true,
      publicCode: true,
      authorId: true,
      submittedAt: true,
      coAuthors: { select: { userId: true } },
      events: { where: { type: "submitted" }, orderBy: { at: "asc" }, take: 1, select: { at: true } },
    },
  });
  if (!proposal) return null;
  const view = ideaView(user, { authorId: proposal.authorId, coProposerIds: proposal.coAuthors.map((c) => c.userId), status: proposal.status }, false);
  if (view !== "author") return null;
  const code = await ensurePublicCode(proposal);
  if (!code) return null;
  const sentAt = proposal.events[0]?.at ?? proposal.submittedAt;
  return { id: proposal.id, title: proposal.title, sentAt: sentAt ? sentAt.toISOString() : null, link: followLink(origin, code) };
}
