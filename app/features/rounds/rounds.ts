import { localName, type Named } from "~/features/schools/names";
import { phaseOn, type PhaseDates, type PhaseState } from "./phases";

export { localName, type Named };

export const roundName = localName;

/**
 * The round the front page is about: one that is running today, else the next one to start,
 * else the one that ended last.
 */
export function currentRound<R extends PhaseDates>(rounds: readonly R[], today: string): R | null {
  const running = rounds.filter((r) => !["upcoming", "results"].includes(phaseOn(r, today)));
  const byStart = (a: R, b: R) => a.proposalsStart.localeCompare(b.proposalsStart);
  if (running.length) return [...running].sort(byStart)[0] ?? null;
  const upcoming = rounds.filter((r) => phaseOn(r, today) === "upcoming").sort(byStart);
  if (upcoming.length) return upcoming[0] ?? null;
  return [...rounds].sort((a, b) => b.votingEnd.localeCompare(a.votingEnd))[0] ?? null;
}

/** The date the front page should name for the round's state. */
export function phaseStateDate(round: PhaseDates, state: PhaseState, today: string): string {
  switch (state) {
    case "upcoming":
      return round.proposalsStart;
    case "proposals":
      return round.proposalsEnd;
    case "review":
      return round.reviewEnd;
    case "between":
      // The next phase to start after today.
      return [round.reviewStart, round.votingStart].find((d) => d > today) ?? round.votingStart;
    case "voting":
      return round.votingEnd;
    case "counting":
    case "results":
      return round.resultsDate;
  }
}

export const ROUND_SCOPES = ["school", "area", "city"] as const;
export type RoundScope = (typeof ROUND_SCOPES)[number];
export const BALLOT_STYLES = ["approval", "budget"] as const;
export type BallotStyle = (typeof BALLOT_STYLES)[number];
export const WINNER_RULES = ["greedy", "greedy-no-skip", "greedy-threshold", "equal-shares"] as const;
export type WinnerRule = (typeof WINNER_RULES)[number];
