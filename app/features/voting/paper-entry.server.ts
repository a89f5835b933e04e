// Paper ballots entered by staff on /paper, one pupil at a time: the pupil behind a typed sign-in
// code (only of a school the staff member serves, `canActForSchool`), their ballot as the form shows
// it, and a refused cast as the form's messages. The cast itself is castBallot (vote.server.ts).
import { areaName, type Locale } from "~/shared/catalog";
import { formatDay, formatEuros } from "~/shared/locale";
import { canActForSchool, type Actor } from "~/features/access/permissions";
import { localName } from "~/features/rounds/rounds";
import { refuse, type Message, type Outcome } from "~/shared/forms";
import { problemMessage } from "./ballot-page.server";
import { db } from "~/server/db.server";
import { eligibility, loadBallot, voterForCode, type VoteRefusal } from "./vote.server";

export type PaperPupil = NonNullable<Awaited<ReturnType<typeof voterForCode>>>;

export interface PaperBallotView {
  code: string;
  pupil: { pseudonym: string; school: string; classLevel: number };
  areas: { area: string; name: string; help: Message; projects: { id: string; code: string; title: string; cost: string }[] }[];
}

/** The pupil behind a typed code, when this staff member may enter their ballot. */
export async function findPaperPupil(actor: Actor, typed: string): Promise<Outcome<{ found: PaperPupil }>> {
  const found = typed.trim() ? await voterForCode(typed) : null;
  if (!found) return refuse(400, "paper.codeUnknown", "code");
  if (!canActForSchool(actor, found.voter.schoolId)) return refuse(403, "paper.otherSchoolFix", "code");
  return { ok: true, found };
}

/**
 * The paper form's first step, and the re-check before saving: the pupil behind the code, when this
 * staff member may enter their ballot now — the code works, the pupil is in one of their schools,
 * the round is voting, the pupil's class votes and nobody has voted for them yet (online or on
 * paper). Every refusal is on the `code` field and names what to do. Saving checks the same again
 * inside its transaction (writeBallotInTx), so a vote cast in between is still refused.
 */
export async function checkPaperCode(actor: Actor, typed: string, locale: Locale): Promise<Outcome<{ found: PaperPupil }>> {
  if (!typed.trim()) return refuse(400, "paper.codeRequired", "code");
  const pupil = await findPaperPupil(actor, typed);
  if (!pupil.ok) return pupil;
  const { voter } = pupil.found;
  const round = await db.round.findUniqueOrThrow({ where: { id: voter.roundId }, select: { votingStart: true, votingEnd: true, classLevels: true } });
  const refusal = eligibility(round, voter);
  if (refusal?.code === "not-voting-phase") return refuse(409, "paper.codeNotVoting", "code", { start: formatDay(refusal.start, locale), end: formatDay(refusal.end, locale) });
  if (refusal?.code === "not-eligible") return refuse(403, "paper.codeNotEligible", "code", { classLevel: refusal.classLevel, levels: refusal.levels.join(", ") });
  const voted = await db.participation.findUnique({ where: { roundId_userId: { roundId: voter.roundId, userId: voter.userId } }, select: { method: true } });
  if (voted) return refuse(409, voted.method === "paper" ? "paper.codeVotedOnPaper" : "paper.codeVotedOnline", "code");
  return pupil;
}

/** The pupil's ballot as the paper form shows it: each area with its rule and projects by code. */
export async function paperBallotView(found: PaperPupil, code: string, locale: Locale): Promise<PaperBallotView> {
  const ballot = await loadBallot(found.voter);
  const title = (p: { titleFi: string; titleSv: string; titleEn: string }) => ({ fi: p.titleFi, sv: p.titleSv, en: p.titleEn })[locale];
  return {
    code,
    pupil: { pseudonym: found.pupil.displayName, school: localName(found.pupil.school as NonNullable<typeof found.pupil.school>, locale), classLevel: found.voter.classLevel },
    areas: ballot.areas.map((area) => ({
      area,
      name: areaName(area, locale),
      help: (ballot.rules.ballotStyle === "approval"
        ? { key: "vote.approvalHelp", values: { count: ballot.rules.maxPicks ?? ballot.projects.length } }
        : { key: "vote.budgetHelp", values: { budget: formatEuros(ballot.rules.budgets.get(area) ?? 0, locale) } }) as Message,
      projects: ballot.projects
        .filter((p) => p.areaSlug === area)
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
        .map((p) => ({ id: p.id, code: p.code, title: title(p), cost: formatEuros(p.cost, locale) })),
    })),
  };
}

/** A refused paper cast as the form's messages (an area's problem on its `pick-AREA` fieldset) and its HTTP status. */
export function paperRefusal(refusal: VoteRefusal, locale: Locale): { status: number; fieldErrors: Record<string, Message>; formError?: Message } {
  switch (refusal.code) {
    case "not-voting-phase":
      return { status: 409, fieldErrors: {}, formError: { key: "vote.notVotingPhase", values: { start: formatDay(refusal.start, locale), end: formatDay(refusal.end, locale) } } };
    case "not-eligible":
      return { status: 403, fieldErrors: {}, formError: { key: "paper.notEligible", values: { classLevel: refusal.classLevel, levels: refusal.levels.join(", ") } } };
    case "voted-online":
      return { status: 409, fieldErrors: {}, formError: { key: "vote.votedOnline" } };
    case "already-voted":
    case "voted-on-paper":
      return { status: 409, fieldErrors: {}, formError: { key: "vote.alreadyVoted" } };
    case "invalid": {
      const fieldErrors: Record<string, Message> = {};
      let formError: Message | undefined;
      for (const problem of refusal.problems) {
        const area = problem.code === "too-many" || problem.code === "over-budget" ? problem.area : null;
        if (area) fieldErrors[`pick-${area}`] ??= problemMessage(problem, locale);
        else formError ??= problemMessage(problem, locale);
      }
      return { status: 400, fieldErrors, formError };
    }
  }
}
