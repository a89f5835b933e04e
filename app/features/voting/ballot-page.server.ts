// What the pupil's ballot pages need: the voter, their ballots with projects in the voter's own
// order, and translated messages for ballot problems.
import type { BallotPageData, BallotProblem } from "~/features/voting/ballot";
import { shuffleForVoter } from "~/features/voting/ballot";
import type { AreaSlug, Locale, Sector } from "~/shared/catalog";
import { formatDay, formatEuros } from "~/shared/locale";
import { i18nFor } from "~/shared/i18n";
import type { SessionUser } from "~/features/access/auth.server";
import { can } from "~/features/access/permissions";
import { db } from "~/server/db.server";
import { keptWhileOthersDoNotWrite, sql } from "~/server/sql.server";
import { refuse, type Message, type Outcome } from "~/shared/forms";
import { normaliseCode } from "~/features/access/codes";
import { localName } from "~/features/rounds/rounds";
import { helsinkiDay } from "~/features/rounds/phases";
import { receiptCookie } from "./receipt-cookie.server";
import { localTitle } from "~/features/proposals/proposals.server";
import { PROJECT_MEDIA_SELECT, projectMedia } from "~/features/proposals/projects";
import { ballotsForReceipt, eligibility, loadBallot, orderSeed, picksOfVoter, type VoteRefusal, type Voter } from "./vote.server";

export async function voterOf(user: SessionUser): Promise<Voter | null> {
  if (!can(user, "vote:cast") || !user.roundId || !user.schoolId || user.classLevel === null) return null;
  const areaSlug = await schoolArea(user.schoolId);
  if (areaSlug === null) return null;
  return { userId: user.voterId, roundId: user.roundId, schoolId: user.schoolId, classLevel: user.classLevel, areaSlug };
}

/** A school's area, or null for an unknown school. Plain SQL, kept between writes: every cast asks this (sql.server.ts). */
const schoolArea = keptWhileOthersDoNotWrite(
  async (schoolId: string) => (await sql().get<{ areaSlug: string }>(`SELECT "areaSlug" FROM "School" WHERE "id" = ?`, [schoolId]))?.areaSlug ?? null,
);

export async function ballotPage(voter: Voter, locale: Locale): Promise<BallotPageData> {
  const ballot = await loadBallot(voter);
  const refusal = eligibility(ballot.round, voter);
  const participation = await db.participation.findUnique({
    where: { roundId_userId: { roundId: voter.roundId, userId: voter.userId } },
    select: { id: true, votedAt: true, method: true },
  });
  const earlier = participation?.method === "online" ? await picksOfVoter(voter.roundId, participation.id, ballot.areas) : {};
  const ideas = await db.proposal.findMany({
    where: { projectId: { in: ballot.projects.map((p) => p.id) }, status: "approved" },
    select: { id: true, title: true, projectId: true },
  });
  // Descriptions and pictures, read beside the ballot (loadBallot stays what the casting checks need).
  const media = new Map(
    (await db.ballotProject.findMany({ where: { id: { in: ballot.projects.map((p) => p.id) } }, select: { id: true, ...PROJECT_MEDIA_SELECT } })).map((p) => [p.id, projectMedia(p, locale)]),
  );
  const ordered = shuffleForVoter(ballot.projects, orderSeed(voter.userId, voter.roundId));
  return {
    style: ballot.rules.ballotStyle,
    maxPicks: ballot.rules.maxPicks ?? 0,
    refusal: refusal ? refusalMessage(refusal, locale) : participation?.method === "paper" ? refusalMessage({ code: "voted-on-paper" }, locale) : null,
    voted: participation ? { at: participation.votedAt.toISOString(), method: participation.method } : null,
    earlier,
    areas: ballot.areas.map((area) => ({
      slug: area as AreaSlug,
      budget: ballot.rules.budgets.get(area) ?? 0,
      projects: ordered
        .filter((p) => p.areaSlug === area)
        .map((p) => ({
          id: p.id,
          code: p.code,
          title: localTitle(p, locale),
          cost: p.cost,
          sector: p.sector as Sector,
          ideas: ideas.filter((i) => i.projectId === p.id).map((i) => ({ id: i.id, title: i.title })),
          media: media.get(p.id) ?? { description: "", descriptionLang: null, picture: null },
        })),
    })),
  };
}

export type { BallotPageData };

export function refusalMessage(refusal: VoteRefusal, locale: Locale): Message {
  switch (refusal.code) {
    case "not-voting-phase":
      // After the round a pupil still signs in to follow their ideas (read-only).
      if (helsinkiDay() > refusal.end) return { key: "vote.votingEnded", values: { end: formatDay(refusal.end, locale) } };
      return { key: "vote.notVotingPhase", values: { start: formatDay(refusal.start, locale), end: formatDay(refusal.end, locale) } };
    case "not-eligible":
      return { key: "vote.notEligible", values: { levels: refusal.levels.join(", "), classLevel: refusal.classLevel } };
    case "voted-on-paper":
      return { key: "vote.votedOnPaper" };
    case "voted-online":
      return { key: "vote.votedOnline" };
    case "already-voted":
      return { key: "vote.alreadyVoted" };
    case "invalid":
      return problemMessage(refusal.problems[0] ?? { code: "no-picks" }, locale);
  }
}

export function problemMessage(problem: BallotProblem, locale: Locale): Message {
  const t = i18nFor(locale).t;
  const area = (slug: string) => t(`areas.${slug as AreaSlug}`);
  switch (problem.code) {
    case "no-picks":
      return { key: "vote.errors.noPicks" };
    case "duplicate":
      return { key: "vote.errors.duplicate" };
    case "unknown-project":
    case "wrong-area":
      return { key: "vote.errors.unknown" };
    case "area-not-on-ballot":
      return { key: "vote.errors.areaNotOnBallot" };
    case "too-many":
      return { key: "vote.errors.tooMany", values: { area: area(problem.area), picked: problem.picked, max: problem.max, extra: problem.picked - problem.max } };
    case "over-budget":
      return {
        key: "vote.errors.overBudget",
        values: {
          area: area(problem.area),
          total: formatEuros(problem.total, locale),
          over: formatEuros(problem.total - problem.budget, locale),
          budget: formatEuros(problem.budget, locale),
        },
      };
  }
}

/** A ballot found by its receipt, as /vote/check shows it. */
export interface CheckedBallot {
  round: string;
  area: AreaSlug;
  /** false: received and sealed in the ballot box, not yet counted (docs/decisions/009-ballot-box.md). */
  counted: boolean;
  projects: string[];
}

/**
 * The ballots of a typed receipt (`found: null` when no ballot has it); refused when it is not a
 * receipt at all. Anyone holding a receipt sees that ballot and nothing else.
 */
export async function checkReceipt(typed: string, locale: Locale): Promise<Outcome<{ found: CheckedBallot[] | null }>> {
  if (!normaliseCode(typed)) return refuse(400, "vote.errors.receiptMalformed", "receipt");
  const ballots = await ballotsForReceipt(typed);
  return {
    ok: true,
    found: ballots
      ? ballots.map((b) => ({
          round: localName(b.round, locale),
          area: b.areaSlug as AreaSlug,
          counted: b.counted,
          projects: b.projects.map((p) => `${p.code} ${localTitle(p, locale)}`).sort(),
        }))
      : null,
  };
}

/** The receipt carried from the cast to the page that shows it once (null when there is none). */
export async function takeReceipt(request: Request): Promise<{ receipt: string; at: string; clear: string } | null> {
  const value: unknown = await receiptCookie.parse(request.headers.get("Cookie"));
  const flash = value as { receipt?: unknown; at?: unknown } | null;
  if (!flash || typeof flash.receipt !== "string" || typeof flash.at !== "string") return null;
  return { receipt: flash.receipt, at: flash.at, clear: await receiptCookie.serialize("", { maxAge: 0 }) };
}
