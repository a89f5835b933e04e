import { describe, expect, it } from "vitest";
import { helsinkiDay, isIsoDay, parseClassLevels, phaseOn, roundHasEnded, validatePhases, type PhaseDates } from "~/features/rounds/phases";

// The example round of docs/cli.md: phases follow each other day by day.
const round: PhaseDates = {
  proposalsStart: "2026-01-10",
  proposalsEnd: "2026-02-28",
  reviewStart: "2026-03-01",
  reviewEnd: "2026-03-10",
  votingStart: "2026-03-11",
  votingEnd: "2026-03-29",
  resultsDate: "2026-04-15",
};

// A round with pauses between the phases.
const withGaps: PhaseDates = {
  proposalsStart: "2026-01-10",
  proposalsEnd: "2026-02-20",
  reviewStart: "2026-03-01",
  reviewEnd: "2026-03-05",
  votingStart: "2026-03-10",
  votingEnd: "2026-03-20",
  resultsDate: "2026-04-01",
};

describe("phaseOn", () => {
  it.each([
    ["2025-12-31", "upcoming"],
    ["2026-01-09", "upcoming"],
    ["2026-01-10", "proposals"], // first day of a phase counts
    ["2026-02-28", "proposals"], // last day of a phase counts
    ["2026-03-01", "review"],
    ["2026-03-10", "review"],
    ["2026-03-11", "voting"],
    ["2026-03-29", "voting"],
    ["2026-03-30", "counting"],
    ["2026-04-14", "counting"],
    ["2026-04-15", "results"],
    ["2027-01-01", "results"],
  ])("on %s the round is in %s", (day, state) => {
    expect(phaseOn(round, day)).toBe(state);
  });

  it.each([
    ["2026-02-20", "proposals"],
    ["2026-02-21", "between"],
    ["2026-02-28", "between"],
    ["2026-03-01", "review"],
    ["2026-03-05", "review"],
    ["2026-03-06", "between"],
    ["2026-03-09", "between"],
    ["2026-03-10", "voting"],
    ["2026-03-20", "voting"],
    ["2026-03-21", "counting"],
    ["2026-04-01", "results"],
  ])("with pauses, on %s the round is in %s", (day, state) => {
    expect(phaseOn(withGaps, day)).toBe(state);
  });

  it("handles one-day phases", () => {
    const short: PhaseDates = { ...round, votingStart: "2026-03-11", votingEnd: "2026-03-11", resultsDate: "2026-03-12" };
    expect(phaseOn(short, "2026-03-10")).toBe("review");
    expect(phaseOn(short, "2026-03-11")).toBe("voting");
    expect(phaseOn(short, "2026-03-12")).toBe("results");
  });
});

describe("roundHasEnded", () => {
  it("keeps codes working through the last day of voting and stops them the day after", () => {
    expect(roundHasEnded(round, "2026-01-01")).toBe(false);
    expect(roundHasEnded(round, "2026-03-29")).toBe(false);
    expect(roundHasEnded(round, "2026-03-30")).toBe(true);
    expect(roundHasEnded(round, "2026-04-15")).toBe(true);
  });
});

describe("helsinkiDay", () => {
  it.each([
    // Winter time, UTC+2
    ["2026-03-10T21:59:59Z", "2026-03-10"],
    ["2026-03-10T22:00:00Z", "2026-03-11"],
    ["2026-03-10T22:30:00Z", "2026-03-11"],
    ["2026-03-11T12:00:00Z", "2026-03-11"],
    // Summer time, UTC+3: 21:30 UTC is already the next day in Helsinki
    ["2026-06-15T20:59:59Z", "2026-06-15"],
    ["2026-06-15T21:00:00Z", "2026-06-16"],
    ["2026-06-15T21:30:00Z", "2026-06-16"],
    // New Year in Helsinki comes before New Year in UTC
    ["2026-12-31T22:15:00Z", "2027-01-01"],
    // Around the switch to summer time (2026-03-29 at 03:00 local)
    ["2026-03-28T21:59:00Z", "2026-03-28"],
    ["2026-03-29T21:30:00Z", "2026-03-30"],
  ])("%s is %s in Helsinki", (instant, day) => {
    expect(helsinkiDay(new Date(instant))).toBe(day);
  });

  it("returns an ISO day for now", () => {
    expect(isIsoDay(helsinkiDay())).toBe(true);
  });

  it("agrees with a fresh formatter at every minute around midnights and both clock changes, in any order of calls", () => {
    const formatter = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki", year: "numeric", month: "2-digit", day: "2-digit" });
    const starts = ["2026-03-28T20:00:00Z", "2026-10-24T20:00:00Z", "2026-06-15T19:00:00Z", "2026-12-31T20:00:00Z"];
    const instants = starts.flatMap((start) => Array.from({ length: 6 * 60 }, (_, minute) => Date.parse(start) + minute * 60_000 + 59_999 * (minute % 2)));
    // Forwards, then shuffled: the kept day must never leak into another hour.
    const shuffled = instants.map((t, i) => instants[(i * 7919) % instants.length] as number);
    for (const t of [...instants, ...shuffled]) expect(helsinkiDay(new Date(t))).toBe(formatter.format(new Date(t)));
  });
});

describe("isIsoDay", () => {
  it("accepts real calendar days only", () => {
    expect(isIsoDay("2026-03-11")).toBe(true);
    expect(isIsoDay("2028-02-29")).toBe(true); // leap year
    for (const bad of ["2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-3-1", "11.3.2026", "", "2026-03-11T00:00"]) {
      expect(isIsoDay(bad), bad).toBe(false);
    }
  });
});

describe("validatePhases", () => {
  it("accepts the example round and a round with pauses", () => {
    expect(validatePhases(round)).toEqual([]);
    expect(validatePhases(withGaps)).toEqual([]);
  });

  it("accepts one-day phases", () => {
    expect(validatePhases({ ...round, reviewStart: "2026-03-01", reviewEnd: "2026-03-01" })).toEqual([]);
  });

  it("names a date that does not exist", () => {
    expect(validatePhases({ ...round, proposalsEnd: "2026-02-30" })).toEqual([{ field: "proposalsEnd", problem: "invalid-date" }]);
    expect(validatePhases({ ...round, resultsDate: "15.4.2026" })).toEqual([{ field: "resultsDate", problem: "invalid-date" }]);
  });

  it("names every invalid date", () => {
    const problems = validatePhases({ ...round, reviewStart: "", votingEnd: "2026-03-32" });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: "reviewStart", problem: "invalid-date" },
        { field: "votingEnd", problem: "invalid-date" },
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it("names a phase that ends before it starts", () => {
    const problems = validatePhases({ ...round, votingStart: "2026-03-20", votingEnd: "2026-03-15" });
    expect(problems).toContainEqual({ field: "votingEnd", problem: "end-before-start" });
  });

  it("names a phase that starts before the previous one has ended", () => {
    expect(validatePhases({ ...round, reviewStart: "2026-02-28" })).toEqual([{ field: "reviewStart", problem: "overlaps-previous" }]);
    expect(validatePhases({ ...round, votingStart: "2026-03-05" })).toEqual([{ field: "votingStart", problem: "overlaps-previous" }]);
  });

  it("refuses results published during the vote", () => {
    expect(validatePhases({ ...round, resultsDate: "2026-03-29" })).toEqual([{ field: "resultsDate", problem: "overlaps-previous" }]);
    expect(validatePhases({ ...round, resultsDate: "2026-03-20" })).toEqual([{ field: "resultsDate", problem: "overlaps-previous" }]);
  });
});

describe("parseClassLevels", () => {
  it("reads a stored list of class levels", () => {
    expect(parseClassLevels("7,8,9,10,11,12")).toEqual([7, 8, 9, 10, 11, 12]);
    expect(parseClassLevels(" 7, 8 ,9 ")).toEqual([7, 8, 9]);
    expect(parseClassLevels("1")).toEqual([1]);
  });

  it("drops what is not a class level 1–12", () => {
    expect(parseClassLevels("")).toEqual([]);
    expect(parseClassLevels("0,13,abc,7.5,-1,10")).toEqual([10]);
  });
});
