import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/shared/catalog";
import { navigationFor } from "~/features/access/navigation";
import { canActForSchool, hasRole, type Actor } from "~/features/access/permissions";
import en from "~/shared/i18n/en";

const actor = (role: Role, schoolIds: string[] = []): Actor => ({ id: `${role}-1`, role, schoolIds });

describe("hasRole", () => {
  it("is true only when the actor's role is among the allowed ones", () => {
    expect(hasRole(actor("staff"), ["staff", "coordinator"])).toBe(true);
    expect(hasRole(actor("pupil"), ["staff", "coordinator"])).toBe(false);
    expect(hasRole(actor("admin"), ["coordinator"])).toBe(false);
    expect(hasRole(actor("admin"), [])).toBe(false);
  });

  it("is false for a visitor who has not signed in", () => {
    expect(hasRole(null, ROLES)).toBe(false);
  });
});

describe("canActForSchool", () => {
  it("lets staff act only for their own schools", () => {
    const teacher = actor("staff", ["s1", "s2"]);
    expect(canActForSchool(teacher, "s1")).toBe(true);
    expect(canActForSchool(teacher, "s2")).toBe(true);
    expect(canActForSchool(teacher, "s3")).toBe(false);
    expect(canActForSchool(actor("staff"), "s1")).toBe(false);
  });

  it("lets coordinators and admins act for every school", () => {
    for (const role of ["coordinator", "admin"] as const) {
      expect(canActForSchool(actor(role), "s1")).toBe(true);
      expect(canActForSchool(actor(role, ["s2"]), "s9")).toBe(true);
    }
  });

  it("never lets a pupil act for a school, not even their own", () => {
    expect(canActForSchool(actor("pupil", ["s1"]), "s1")).toBe(false);
  });

  it("never lets an anonymous visitor act", () => {
    expect(canActForSchool(null, "s1")).toBe(false);
  });
});

describe("navigationFor", () => {
  it("gives every role its own page and no duplicates", () => {
    for (const role of ROLES) {
      const items = navigationFor(role);
      expect(items).toContain("account");
      expect(new Set(items).size).toBe(items.length);
    }
  });

  it("shows pupils their ideas and own page, nothing of staff's", () => {
    expect(navigationFor("pupil")).toEqual(["vote", "myIdeas", "account"]);
  });

  it("shows moderation and projects to staff, coordinators and admins but not to pupils", () => {
    for (const role of ["staff", "coordinator", "admin"] as const) {
      expect(navigationFor(role)).toEqual(expect.arrayContaining(["moderation", "projects"]));
    }
    expect(navigationFor("pupil")).not.toContain("moderation");
  });

  it("shows staff their schools but not rounds or users", () => {
    expect(navigationFor("staff")).toContain("schools");
    expect(navigationFor("staff")).not.toContain("rounds");
    expect(navigationFor("staff")).not.toContain("users");
  });

  it("shows coordinators rounds and schools but not user management", () => {
    expect(navigationFor("coordinator")).toEqual(expect.arrayContaining(["rounds", "schools"]));
    expect(navigationFor("coordinator")).not.toContain("users");
  });

  it("shows admins everything", () => {
    expect(navigationFor("admin")).toEqual(expect.arrayContaining(["users", "rounds", "schools", "account"]));
  });

  it("shows sign-in codes and paper ballots to staff, coordinators and admins, right after projects", () => {
    for (const role of ["staff", "coordinator", "admin"] as const) {
      const items = navigationFor(role);
      expect(items.slice(items.indexOf("projects"), items.indexOf("projects") + 3)).toEqual(["projects", "codes", "paper"]);
    }
    expect(navigationFor("pupil")).not.toContain("codes");
    expect(navigationFor("pupil")).not.toContain("paper");
  });

  it("only uses items that have a translated label", () => {
    for (const role of ROLES) for (const item of navigationFor(role)) expect(en.nav[item]).toBeTruthy();
  });
});
