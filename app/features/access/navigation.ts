// The navigation of each role. Who may do what is in permissions.ts; this only lists the pages.
import type { Role } from "~/shared/catalog";

export type NavItem = "account" | "schools" | "rounds" | "users" | "myIdeas" | "moderation" | "projects" | "codes" | "paper" | "vote" | "turnout" | "audit";

/** The navigation each role sees (besides the public front page and ideas). Later features add their own items here. */
export function navigationFor(role: Role): NavItem[] {
  switch (role) {
    case "pupil":
      return ["vote", "myIdeas", "account"];
    case "staff":
      return ["moderation", "projects", "codes", "paper", "turnout", "schools", "account"];
    case "coordinator":
      return ["rounds", "moderation", "projects", "codes", "paper", "turnout", "schools", "audit", "account"];
    case "admin":
      return ["users", "rounds", "moderation", "projects", "codes", "paper", "turnout", "schools", "audit", "account"];
  }
}
