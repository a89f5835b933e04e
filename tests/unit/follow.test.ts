// What the public status page of an idea (/i/CODE) calls each status, and what it shows.
import { describe, expect, it } from "vitest";
import { contentIsPublic, followStatus, isFollowEvent, showsReason } from "~/features/proposals/follow";

describe("followStatus", () => {
  it("names the idea's own statuses; a sent idea is 'being reviewed' once review has begun", () => {
    expect(followStatus({ status: "draft", projectStatus: null, reviewStarted: false })).toBeNull();
    expect(followStatus({ status: "submitted", projectStatus: null, reviewStarted: false })).toBe("sent");
    expect(followStatus({ status: "submitted", projectStatus: null, reviewStarted: true })).toBe("reviewing");
    for (const status of ["needs-changes", "rejected", "merged", "hidden"] as const) {
      expect(followStatus({ status, projectStatus: null, reviewStarted: true })).toBe(status);
    }
    expect(followStatus({ status: "approved", projectStatus: null, reviewStarted: true })).toBe("approved");
  });

  it("an approved idea in a project follows the project", () => {
    const of = (projectStatus: string) => followStatus({ status: "approved", projectStatus, reviewStarted: true });
    expect(of("candidate")).toBe("on-ballot");
    for (const s of ["selected", "not-selected", "planned", "in-progress", "implemented", "cancelled"]) expect(of(s)).toBe(s);
    expect(of("something-new")).toBe("on-ballot");
  });
});

describe("what the page shows", () => {
  it("title and text only for public ideas and merged ones", () => {
    expect(contentIsPublic("approved", true)).toBe(true);
    expect(contentIsPublic("merged", false)).toBe(true);
    for (const s of ["submitted", "needs-changes", "rejected", "hidden"] as const) expect(contentIsPublic(s, false)).toBe(false);
  });
  it("no drafting steps; reasons only for changes asked and refusals", () => {
    expect(isFollowEvent("created")).toBe(false);
    expect(isFollowEvent("edited")).toBe(false);
    expect(isFollowEvent("submitted")).toBe(true);
    expect(isFollowEvent("progress")).toBe(true);
    expect(showsReason("changes-requested")).toBe(true);
    expect(showsReason("rejected")).toBe(true);
    expect(showsReason("hidden")).toBe(false);
    expect(showsReason("merged")).toBe(false);
  });
});
