// Who may do what. Checked on the server in every loader and action (app/features/access/auth.server.ts);
// the UI uses the same functions only to hide what a role cannot do.
import type { Role } from "~/shared/catalog";

export interface Actor {
  id: string;
  role: Role;
  /** School ids a staff member serves; a pupil's own school. */
  schoolIds: readonly string[];
}

export function hasRole(actor: Actor | null, roles: readonly Role[]): boolean {
  return actor !== null && roles.includes(actor.role);
}

/** Coordinators and admins work city-wide; staff only for their own schools. */
export function canActForSchool(actor: Actor | null, schoolId: string): boolean {
  if (!actor) return false;
  if (actor.role === "coordinator" || actor.role === "admin") return true;
  if (actor.role === "staff") return actor.schoolIds.includes(schoolId);
  return false;
}

export type NavItem = "account" | "schools" | "rounds" | "users" | "myIdeas" | "moderation" | "projects" | "codes" | "paper" | "vote" | "turnout";

/** The navigation each role sees (besides the public front page and ideas). Later features add their own items here. */
export function navigationFor(role: Role): NavItem[] {
  switch (role) {
    case "pupil":
      return ["vote", "myIdeas", "account"];
    case "staff":
      return ["moderation", "projects", "codes", "paper", "turnout", "schools", "account"];
    case "coordinator":
      return ["rounds", "moderation", "projects", "codes", "paper", "turnout", "schools", "account"];
    case "admin":
      return ["users", "rounds", "moderation", "projects", "codes", "paper", "turnout", "schools", "account"];
  }
}
