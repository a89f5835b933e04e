// Round phases. Phase dates are calendar days (ISO YYYY-MM-DD), inclusive, in Europe/Helsinki time.
export const TIME_ZONE = "Europe/Helsinki";

export type PhaseName = "proposals" | "review" | "voting";
export type PhaseState = "upcoming" | PhaseName | "between" | "counting" | "results";

export interface PhaseDates {
  proposalsStart: string;
  proposalsEnd: string;
  reviewStart: string;
  reviewEnd: string;
  votingStart: string;
  votingEnd: string;
  resultsDate: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today's date in Helsinki as YYYY-MM-DD. */
export function helsinkiDay(now: Date = new Date()): string {
  // Helsinki has been UTC+2 or UTC+3 since 1921, so its days start on a whole UTC hour and the date is
  // the same for a whole UTC hour: formatted once an hour, not on every cast (about 15 µs each).
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (lastHelsinkiDay?.hour !== hour) {
    // One formatter for the process: building one costs more than formatting (measured on the cast path).
    helsinkiDayFormat ??= new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
    lastHelsinkiDay = { hour, day: helsinkiDayFormat.format(now) };
  }
  return lastHelsinkiDay.day;
}
let helsinkiDayFormat: Intl.DateTimeFormat | undefined;
let lastHelsinkiDay: { hour: number; day: string } | undefined;

/** Where a round is on a given Helsinki day. ISO days compare correctly as strings. */
export function phaseOn(round: PhaseDates, day: string): PhaseState {
  if (day < round.proposalsStart) return "upcoming";
  if (day <= round.proposalsEnd) return "proposals";
  if (day >= round.reviewStart && day <= round.reviewEnd) return "review";
  if (day >= round.votingStart && day <= round.votingEnd) return "voting";
  if (day > round.votingEnd) return day >= round.resultsDate ? "results" : "counting";
  return "between";
}

/** A pupil's sign-in code works until the round's voting phase has ended. */
export function roundHasEnded(round: PhaseDates, day: string): boolean {
  return day > round.votingEnd;
}

export type PhaseProblem =
  | { field: keyof PhaseDates; problem: "invalid-date" }
  | { field: keyof PhaseDates; problem: "end-before-start" }
  | { field: keyof PhaseDates; problem: "overlaps-previous" };

/** Checks that every date is real, each phase ends on or after it starts, and phases follow each other. */
export function validatePhases(round: PhaseDates): PhaseProblem[] {
  const problems: PhaseProblem[] = [];
  for (const [field, value] of Object.entries(round) as Array<[keyof PhaseDates, string]>) {
    if (!isIsoDay(value)) problems.push({ field, problem: "invalid-date" });
  }
  if (problems.length) return problems;
  const pairs: Array<[keyof PhaseDates, keyof PhaseDates]> = [
    ["proposalsStart", "proposalsEnd"],
    ["reviewStart", "reviewEnd"],
    ["votingStart", "votingEnd"],
  ];
  for (const [start, end] of pairs) {
    if (round[end] < round[start]) problems.push({ field: end, problem: "end-before-start" });
  }
  const order: Array<[keyof PhaseDates, keyof PhaseDates]> = [
    ["proposalsEnd", "reviewStart"],
    ["reviewEnd", "votingStart"],
    ["votingEnd", "resultsDate"],
  ];
  for (const [previousEnd, next] of order) {
    if (round[next] <= round[previousEnd]) problems.push({ field: next, problem: "overlaps-previous" });
  }
  return problems;
}

export function parseClassLevels(stored: string): number[] {
  return stored
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 12);
}
