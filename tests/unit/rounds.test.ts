import { describe, expect, it } from "vitest";
import { phaseOn, type PhaseDates } from "~/features/rounds/phases";
import { currentRound, phaseStateDate, roundName } from "~/features/rounds/rounds";

type Round = PhaseDates & { slug: string };

/** A round whose phases follow each other without pauses, in the given year. */
function roundFrom(slug: string, year: number): Round {
  return {
    slug,
    proposalsStart: `${year}-01-10`,
    proposalsEnd: `${year}-02-28`,
    reviewStart: `${year}-03-01`,
    reviewEnd: `${year}-03-10`,
    votingStart: `${year}-03-11`,
    votingEnd: `${year}-03-29`,
    resultsDate: `${year}-04-15`,
  };
}

const r2025 = roundFrom("r2025", 2025);
const r2026 = roundFrom("r2026", 2026);
const r2027 = roundFrom("r2027", 2027);
const r2028 = roundFrom("r2028", 2028);

describe("currentRound", () => {
  it("is null when there are no rounds", () => {
    expect(currentRound([], "2026-03-11")).toBeNull();
  });

  it("picks the round that is running today", () => {
    expect(currentRound([r2025, r2027, r2026], "2026-03-15")?.slug).toBe("r2026");
    expect(currentRound([r2027, r2026, r2025], "2026-01-10")?.slug).toBe("r2026");
  });

  it("keeps a round on the front page while its votes are being counted", () => {
    expect(phaseOn(r2026, "2026-04-01")).toBe("counting");
    expect(currentRound([r2025, r2027, r2026], "2026-04-01")?.slug).toBe("r2026");
  });

  it("otherwise picks the next round to start, not a later one", () => {
    expect(currentRound([r2025, r2028, r2027], "2026-06-01")?.slug).toBe("r2027");
    expect(currentRound([r2028, r2027], "2026-06-01")?.slug).toBe("r2027");
  });

  it("otherwise picks the round that ended last", () => {
    expect(currentRound([r2026, r2027, r2025], "2030-01-01")?.slug).toBe("r2027");
  });

  it("prefers the next round over one whose results are already out", () => {
    expect(currentRound([r2026, r2027], "2026-06-01")?.slug).toBe("r2027");
  });
});

describe("phaseStateDate", () => {
  it("names the date the front page talks about in each state", () => {
    expect(phaseStateDate(r2026, "upcoming", "2026-01-01")).toBe("2026-01-10"); // ideas can be sent from
    expect(phaseStateDate(r2026, "proposals", "2026-01-01")).toBe("2026-02-28"); // send yours by
    expect(phaseStateDate(r2026, "review", "2026-01-01")).toBe("2026-03-10"); // until
    expect(phaseStateDate(r2026, "voting", "2026-01-01")).toBe("2026-03-29"); // open until
    expect(phaseStateDate(r2026, "counting", "2026-01-01")).toBe("2026-04-15"); // results will be published on
    expect(phaseStateDate(r2026, "results", "2026-01-01")).toBe("2026-04-15"); // were published on
  });

  it("names the start of review during a pause after the ideas phase", () => {
    const round: PhaseDates = { ...r2026, proposalsEnd: "2026-02-20" };
    expect(phaseOn(round, "2026-02-25")).toBe("between");
    expect(phaseStateDate(round, "between", "2026-02-25")).toBe("2026-03-01");
  });

  it("names the start of voting during a pause after review", () => {
    // Ideas run straight into review, so the only pause is between review and voting.
    const round: PhaseDates = { ...r2026, votingStart: "2026-03-12" };
    expect(phaseOn(round, "2026-03-11")).toBe("between");
    // "The next phase starts on {{date}}" must name a day still to come: the start of voting.
    expect(phaseStateDate(round, "between", "2026-03-11")).toBe("2026-03-12");
  });

  it("never names a date in the past for a state that is still running", () => {
    const rounds: PhaseDates[] = [
      r2026,
      { ...r2026, proposalsEnd: "2026-02-20" },
      { ...r2026, votingStart: "2026-03-14" },
    ];
    for (const round of rounds) {
      for (let d = new Date("2025-12-01T12:00:00Z"); d < new Date("2026-05-01T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 1)) {
        const day = d.toISOString().slice(0, 10);
        const state = phaseOn(round, day);
        if (state === "results") continue;
        expect(phaseStateDate(round, state, day) >= day, `${state} on ${day}`).toBe(true);
      }
    }
  });
});

describe("roundName", () => {
  it("gives the name in the reader's language", () => {
    const names = { nameFi: "Koulujen kierros", nameSv: "Skolornas omgång", nameEn: "Schools' round" };
    expect(roundName(names, "fi")).toBe("Koulujen kierros");
    expect(roundName(names, "sv")).toBe("Skolornas omgång");
    expect(roundName(names, "en")).toBe("Schools' round");
  });
});
