// Implementation tracking rules (app/features/follow-up/implementation.ts): which status may follow
// which, the update form's checks, and how far an idea got for "what happened to our ideas".
import { describe, expect, it } from "vitest";
import { addCounts, canPostUpdate, ideaReached, missingAltTexts, nextStatuses, NO_IDEAS, updateFormSchema } from "~/features/follow-up/implementation";
import { projectOutcome } from "~/features/proposals/proposals";
import { projectIsPublic } from "~/features/proposals/projects";

describe("progress statuses", () => {
  it("start only from a project chosen in the vote", () => {
    expect(nextStatuses("candidate")).toEqual([]);
    expect(nextStatuses("not-selected")).toEqual([]);
    expect(nextStatuses("selected")).toEqual(["planned", "in-progress", "implemented", "cancelled"]);
  });

  it("never go back, may repeat, and end at cancelled; implemented only takes further notes", () => {
    expect(nextStatuses("planned")).toEqual(["planned", "in-progress", "implemented", "cancelled"]);
    expect(nextStatuses("in-progress")).toEqual(["in-progress", "implemented", "cancelled"]);
    expect(canPostUpdate("in-progress", "planned")).toBe(false);
    expect(nextStatuses("implemented")).toEqual(["implemented"]);
    expect(canPostUpdate("implemented", "cancelled")).toBe(false);
    expect(nextStatuses("cancelled")).toEqual([]);
  });
});

describe("the update form", () => {
  const valid = { status: "planned", day: "2026-05-14", textFi: "a", textSv: "b", textEn: "c" };

  it("accepts a complete update and defaults the alt texts to empty", () => {
    const parsed = updateFormSchema.safeParse(valid);
    expect(parsed.success).toBe(true);
    expect(parsed.success && parsed.data.imageAltFi).toBe("");
  });

  it("names the missing or wrong field", () => {
    const problems = (input: object) => updateFormSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(problems({ ...valid, textSv: "  " })).toEqual(["textSv: followUp.errors.textRequired"]);
    expect(problems({ ...valid, day: "14.5.2026" })).toEqual(["day: followUp.errors.dayInvalid"]);
    expect(problems({ ...valid, status: "selected" })).toEqual(["status: followUp.errors.statusInvalid"]);
    expect(problems({ ...valid, textEn: "x".repeat(1001) })).toEqual(["textEn: followUp.errors.textLong"]);
  });

  it("asks for every alt text a photo lacks", () => {
    expect(missingAltTexts({ imageAltFi: "kuva", imageAltSv: " ", imageAltEn: "" })).toEqual(["imageAltSv", "imageAltEn"]);
  });
});

describe("what happened to an idea", () => {
  it("counts every step an idea reached", () => {
    expect(ideaReached({ status: "draft", projectStatus: null })).toEqual(NO_IDEAS);
    expect(ideaReached({ status: "rejected", projectStatus: null })).toEqual({ ...NO_IDEAS, sent: 1 });
    expect(ideaReached({ status: "approved", projectStatus: null })).toEqual({ ...NO_IDEAS, sent: 1, approved: 1 });
    expect(ideaReached({ status: "approved", projectStatus: "candidate" })).toEqual({ sent: 1, approved: 1, onBallot: 1, selected: 0, implemented: 0 });
    expect(ideaReached({ status: "approved", projectStatus: "not-selected" })).toEqual({ sent: 1, approved: 1, onBallot: 1, selected: 0, implemented: 0 });
    expect(ideaReached({ status: "merged", projectStatus: "in-progress" })).toEqual({ sent: 1, approved: 1, onBallot: 1, selected: 1, implemented: 0 });
    expect(ideaReached({ status: "approved", projectStatus: "implemented" })).toEqual({ sent: 1, approved: 1, onBallot: 1, selected: 1, implemented: 1 });
    // A cancelled project was still chosen, but not implemented.
    expect(ideaReached({ status: "approved", projectStatus: "cancelled" })).toEqual({ sent: 1, approved: 1, onBallot: 1, selected: 1, implemented: 0 });
  });

  it("adds counts column by column", () => {
    expect(addCounts({ sent: 1, approved: 2, onBallot: 3, selected: 4, implemented: 5 }, { sent: 10, approved: 20, onBallot: 30, selected: 40, implemented: 50 })).toEqual({ sent: 11, approved: 22, onBallot: 33, selected: 44, implemented: 55 });
  });

  it("gives idea cards the project's outcome once the vote is counted", () => {
    expect(projectOutcome("candidate")).toBeNull();
    expect(projectOutcome("not-selected")).toBe("notSelected");
    expect(projectOutcome("in-progress")).toBe("inProgress");
    expect(projectOutcome("implemented")).toBe("implemented");
  });
});

describe("project pages", () => {
  it("become public on the first day of voting, or when results are published", () => {
    const round = { votingStart: "2026-03-01", resultsPublishedAt: null };
    expect(projectIsPublic(round, "2026-02-28")).toBe(false);
    expect(projectIsPublic(round, "2026-03-01")).toBe(true);
    expect(projectIsPublic({ ...round, resultsPublishedAt: new Date() }, "2026-02-01")).toBe(true);
  });
});
