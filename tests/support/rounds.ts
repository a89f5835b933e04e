// Round definitions as `create-round FILE.json` reads them (docs/cli.md), for every suite: the
// example of docs/cli.md, a builder with a test round's usual settings, and phase dates counted in
// days from today in Helsinki (phase dates are Helsinki calendar days).
import { helsinkiDay } from "../../app/features/rounds/phases";

/** A YYYY-MM-DD day. */
export type Day = string;

export interface RoundPhases {
  proposals: [Day, Day];
  review: [Day, Day];
  voting: [Day, Day];
  results: Day;
}

/** The JSON of `create-round` (not checked here: tests also build invalid ones on purpose). A type, so that it is also a Record. */
export type RoundDefinitionJson = {
  slug: string;
  name: { fi: string; sv: string; en: string };
  scope: string;
  school?: string;
  ballot: { style: string; maxPicks?: number };
  rule: string;
  minVotes?: number;
  classLevels: number[];
  areas: { area: string; budget: number }[];
  phases: RoundPhases;
};

export function addDays(day: Day, days: number): Day {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Helsinki day `offset` days from today (negative: in the past). */
export function daysFromToday(offset: number): Day {
  return addDays(helsinkiDay(), offset);
}

/** The example of docs/cli.md (OmaStadi 2026), with its phases in `year`. */
export function docsExampleRound(slug = "omastadi-2026", year = 2026): RoundDefinitionJson {
  return {
    slug,
    name: { fi: "OmaStadi 2026", sv: "OmaStadi 2026", en: "OmaStadi 2026" },
    scope: "city",
    ballot: { style: "approval", maxPicks: 5 },
    rule: "greedy",
    classLevels: [7, 8, 9, 10, 11, 12],
    areas: [
      { area: "etelainen", budget: 1200000 },
      { area: "itainen", budget: 1500000 },
    ],
    phases: {
      proposals: [`${year}-01-10`, `${year}-02-28`],
      review: [`${year}-03-01`, `${year}-03-10`],
      voting: [`${year}-03-11`, `${year}-03-29`],
      results: `${year}-04-15`,
    },
  };
}

/**
 * A city round of classes 7 to 9 with an approval ballot of 3 picks, the greedy rule and a budget
 * of 100 000 € in koillinen, unless `fields` say otherwise.
 */
export function roundDefinition(slug: string, fields: Partial<Omit<RoundDefinitionJson, "slug">> & Pick<RoundDefinitionJson, "phases">): RoundDefinitionJson {
  return {
    slug,
    name: { fi: `Testi ${slug}`, sv: `Test ${slug}`, en: `Test ${slug}` },
    scope: "city",
    ballot: { style: "approval", maxPicks: 3 },
    rule: "greedy",
    classLevels: [7, 8, 9],
    areas: [{ area: "koillinen", budget: 100_000 }],
    ...fields,
  };
}

/** Phases around a voting phase from `start` to `end` days from today: ideas a month before, results a week after. */
export function votingPhases(start: number, end: number): RoundPhases {
  const day = daysFromToday;
  return {
    proposals: [day(start - 30), day(start - 20)],
    review: [day(start - 19), day(start - 1)],
    voting: [day(start), day(end)],
    results: day(end + 7),
  };
}

/**
 * The dates a round goes through in the results tests, each written over the last with
 * create-round (which lets later dates move once voting has started).
 */
export const RESULTS_TIMELINE = {
  /** Ideas are collected today; voting in three days. */
  ideasOpen: (): RoundPhases => ({ proposals: [daysFromToday(0), daysFromToday(0)], review: [daysFromToday(1), daysFromToday(2)], voting: [daysFromToday(3), daysFromToday(4)], results: daysFromToday(5) }),
  /** Voting opened yesterday and runs three more days. */
  votingOpen: (): RoundPhases => ({ proposals: [daysFromToday(-6), daysFromToday(-5)], review: [daysFromToday(-4), daysFromToday(-3)], voting: [daysFromToday(-1), daysFromToday(3)], results: daysFromToday(5) }),
  /** Voting (opened yesterday) ended yesterday; the results day is today. */
  votingEnded: (): RoundPhases => ({ proposals: [daysFromToday(-6), daysFromToday(-5)], review: [daysFromToday(-4), daysFromToday(-3)], voting: [daysFromToday(-1), daysFromToday(-1)], results: daysFromToday(0) }),
};
