// The permission table and the per-object rules of app/features/access/permissions.ts, row by row:
// every role against every permission, then the rules that look at a school, an idea, turnout and
// results. A change of who may do what has to change a row here.
import { describe, expect, it } from "vitest";
import {
  can,
  canActCityWide,
  canActForSchool,
  canModerate,
  canSeeResults,
  canSeeTurnout,
  canEditIdea,
  ideaView,
  PERMISSIONS,
  schoolScope,
  type Actor,
  type Permission,
} from "~/features/access/permissions";
import type { Role } from "~/shared/catalog";

const pupil: Actor = { id: "p1", role: "pupil", schoolIds: ["s1"] };
const staff: Actor = { id: "t1", role: "staff", schoolIds: ["s1", "s2"] };
const coordinator: Actor = { id: "c1", role: "coordinator", schoolIds: [] };
const admin: Actor = { id: "a1", role: "admin", schoolIds: [] };
const actors: Record<Role, Actor> = { pupil, staff, coordinator, admin };

// Who may do what, written out in full rather than read from PERMISSIONS.
const TABLE: Record<Permission, Record<Role, boolean>> = {
  "idea:propose": { pupil: true, staff: false, coordinator: false, admin: false },
  "vote:cast": { pupil: true, staff: false, coordinator: false, admin: false },
  "idea:moderate": { pupil: false, staff: true, coordinator: true, admin: true },
  "project:create": { pupil: false, staff: true, coordinator: true, admin: true },
  "project:follow-up": { pupil: false, staff: true, coordinator: true, admin: true },
  "code:issue": { pupil: false, staff: true, coordinator: true, admin: true },
  "paper:enter": { pupil: false, staff: true, coordinator: true, admin: true },
  "school:list": { pupil: false, staff: true, coordinator: true, admin: true },
  "audit:view": { pupil: false, staff: false, coordinator: true, admin: true },
  "school:staff-signin": { pupil: false, staff: false, coordinator: false, admin: true },
  "turnout:view": { pupil: false, staff: true, coordinator: true, admin: true },
  "turnout:view-exact": { pupil: false, staff: false, coordinator: true, admin: true },
  "enrolment:import": { pupil: false, staff: false, coordinator: true, admin: true },
  "round:manage": { pupil: false, staff: false, coordinator: true, admin: true },
  "results:view-unpublished": { pupil: false, staff: false, coordinator: true, admin: true },
  "results:publish": { pupil: false, staff: false, coordinator: true, admin: true },
  "user:manage": { pupil: false, staff: false, coordinator: false, admin: true },
};

describe("the permission table", () => {
  it("lists exactly the permissions of this test's table", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(TABLE).sort());
  });

  const rows = Object.entries(TABLE).flatMap(([permission, byRole]) =>
    Object.entries(byRole).map(([role, allowed]) => [permission as Permission, role as Role, allowed] as const),
  );
  it.each(rows)("%s for %s: %s", (permission, role, allowed) => {
    expect(can(actors[role], permission)).toBe(allowed);
  });

  it("refuses everything to a visitor who is not signed in", () => {
    for (const permission of Object.keys(TABLE) as Permission[]) expect(can(null, permission)).toBe(false);
  });
});

describe("schools", () => {
  it.each([
    [pupil, "s1", false],
    [staff, "s1", true],
    [staff, "s2", true],
    [staff, "s3", false],
    [coordinator, "s3", true],
    [admin, "s3", true],
    [null, "s1", false],
  ] as const)("%o acts for school %s: %s", (actor, school, allowed) => {
    expect(canActForSchool(actor, school)).toBe(allowed);
  });

  it("only coordinators and admins work city-wide", () => {
    expect([pupil, staff, coordinator, admin, null].map(canActCityWide)).toEqual([false, false, true, true, false]);
  });

  it("lists every school for coordinators and admins, the own schools for staff, none for pupils", () => {
    expect(schoolScope(coordinator)).toBeNull();
    expect(schoolScope(admin)).toBeNull();
    expect(schoolScope(staff)).toEqual(["s1", "s2"]);
    expect(schoolScope(pupil)).toEqual([]);
  });
});

describe("moderation", () => {
  const idea = (schoolId: string | null, proposerSchoolId: string | null, sector = "basic") => ({ schoolId, proposerSchoolId, sector });
  it.each([
    ["an idea about one of their schools", idea("s1", "s9"), [], true],
    ["an idea by a pupil of one of their schools", idea(null, "s2"), [], true],
    ["an idea of another school", idea("s9", "s9"), [], false],
    ["an idea of another school in a sector assigned to them", idea("s9", "s9", "vocational"), ["vocational"], true],
    ["an idea of another school in another sector", idea("s9", "s9", "upper-secondary"), ["vocational"], false],
  ] as const)("staff moderate %s: %s", (_what, subject, sectors, allowed) => {
    expect(canModerate(staff, subject, sectors)).toBe(allowed);
  });

  it("coordinators and admins moderate every idea; pupils and visitors none", () => {
    const other = idea("s9", "s9");
    expect(canModerate(coordinator, other, [])).toBe(true);
    expect(canModerate(admin, other, [])).toBe(true);
    expect(canModerate(pupil, idea("s1", "s1"), [])).toBe(false);
    expect(canModerate(null, idea("s1", "s1"), [])).toBe(false);
  });
});

describe("ideas", () => {
  const draft = { authorId: "p1", coProposerIds: ["p2"], status: "draft" };
  const sent = { ...draft, status: "submitted" };
  const approved = { ...draft, status: "approved" };
  const coProposer: Actor = { id: "p2", role: "pupil", schoolIds: ["s1"] };
  const otherPupil: Actor = { id: "p3", role: "pupil", schoolIds: ["s1"] };

  it("shows a draft to its proposers only, never to staff", () => {
    expect(ideaView(pupil, draft, false)).toBe("author");
    expect(ideaView(coProposer, draft, false)).toBe("author");
    expect(ideaView(staff, draft, true)).toBeNull();
    expect(ideaView(otherPupil, draft, false)).toBeNull();
  });

  it("shows a sent idea to its moderators but not to other staff or the public", () => {
    expect(ideaView(staff, sent, true)).toBe("staff");
    expect(ideaView(staff, sent, false)).toBeNull();
    expect(ideaView(null, sent, false)).toBeNull();
  });

  it("shows an approved idea to everyone", () => {
    expect(ideaView(null, approved, false)).toBe("public");
    expect(ideaView(otherPupil, approved, false)).toBe("public");
    expect(ideaView(staff, approved, true)).toBe("staff");
  });

  it("lets only the author edit, not co-proposers or staff", () => {
    expect(canEditIdea(pupil, sent)).toBe(true);
    expect(canEditIdea(coProposer, sent)).toBe(false);
    expect(canEditIdea(staff, sent)).toBe(false);
    expect(canEditIdea(null, sent)).toBe(false);
  });
});

describe("turnout and results", () => {
  it("gives staff public figures of their own schools only", () => {
    expect(canSeeTurnout(staff, { exact: false })).toBe(true);
    expect(canSeeTurnout(staff, { exact: false, schoolId: "s1" })).toBe(true);
    expect(canSeeTurnout(staff, { exact: false, schoolId: "s9" })).toBe(false);
    expect(canSeeTurnout(staff, { exact: true })).toBe(false);
  });

  it("gives coordinators and admins exact figures of every school, pupils nothing", () => {
    expect(canSeeTurnout(coordinator, { exact: true, schoolId: "s9" })).toBe(true);
    expect(canSeeTurnout(admin, { exact: true })).toBe(true);
    expect(canSeeTurnout(pupil, { exact: false })).toBe(false);
    expect(canSeeTurnout(null, { exact: false })).toBe(false);
  });

  it("shows published results to everyone and unpublished ones to coordinators and admins", () => {
    expect(canSeeResults(null, { published: true })).toBe(true);
    expect(canSeeResults(null, { published: false })).toBe(false);
    expect(canSeeResults(pupil, { published: false })).toBe(false);
    expect(canSeeResults(staff, { published: false })).toBe(false);
    expect(canSeeResults(coordinator, { published: false })).toBe(true);
    expect(canSeeResults(admin, { published: false })).toBe(true);
  });
});
