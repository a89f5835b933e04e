// Who may see and do what, in one place (docs/domain.md, "Roles"). Pure functions: the server checks
// them in every loader and action through `requirePermission` / `requireAllowed`
// (app/features/access/guard.server.ts); pages use the same functions only to hide what a role
// cannot do. tests/unit/permissions.test.ts walks the whole table.
import type { Role, Sector } from "~/shared/catalog";

export interface Actor {
  id: string;
  role: Role;
  /** School ids a staff member serves; a pupil's own school. */
  schoolIds: readonly string[];
}

/** Everything a role may do without looking at a particular object. */
export const PERMISSIONS = {
  /** Sign-in codes, proposals and ballots of one's own: the pupil's side. */
  "idea:propose": ["pupil"],
  "vote:cast": ["pupil"],
  /** The moderation queue and decisions (which ideas: `canModerate`). */
  "idea:moderate": ["staff", "coordinator", "admin"],
  "project:create": ["staff", "coordinator", "admin"],
  /** Progress updates on selected projects (which projects: `canFollowUpProject`). */
  "project:follow-up": ["staff", "coordinator", "admin"],
  /** Sign-in code sheets and paper ballots (which schools: `canActForSchool`). */
  "code:issue": ["staff", "coordinator", "admin"],
  "paper:enter": ["staff", "coordinator", "admin"],
  "school:list": ["staff", "coordinator", "admin"],
  /** Turnout pages and files; staff see public figures of their own schools only (`canSeeTurnout`). */
  "turnout:view": ["staff", "coordinator", "admin"],
  "turnout:view-exact": ["coordinator", "admin"],
  "enrolment:import": ["coordinator", "admin"],
  "round:manage": ["coordinator", "admin"],
  "results:view-unpublished": ["coordinator", "admin"],
  "results:publish": ["coordinator", "admin"],
  "user:manage": ["admin"],
  /** The audit log page and its CSV (never ballot contents: the log holds none). */
  "audit:view": ["coordinator", "admin"],
  /** Let a school's staff sign in with their school account (docs/mpassid.md). */
  "school:staff-signin": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function hasRole(actor: Actor | null, roles: readonly Role[]): boolean {
  return actor !== null && roles.includes(actor.role);
}

/** Coordinators and admins work city-wide; staff only for their own schools; pupils never. */
export function canActForSchool(actor: Actor | null, schoolId: string): boolean {
  if (!actor) return false;
  if (actor.role === "coordinator" || actor.role === "admin") return true;
  if (actor.role === "staff") return actor.schoolIds.includes(schoolId);
  return false;
}

/** Work that is not tied to one school (a pupil whose school is unknown, the city-wide list). */
export function canActCityWide(actor: Actor | null): boolean {
  return actor !== null && (actor.role === "coordinator" || actor.role === "admin");
}

/** The school ids whose rows an actor may list: `null` means every school. */
export function schoolScope(actor: Actor): readonly string[] | null {
  if (actor.role === "coordinator" || actor.role === "admin") return null;
  if (actor.role === "staff") return actor.schoolIds;
  return [];
}

export interface ModeratedIdea {
  /** The school the idea concerns, if any. */
  schoolId: string | null;
  /** The proposer's school. */
  proposerSchoolId: string | null;
  sector: string;
}

/**
 * Staff moderate the ideas of the schools they serve (by subject or by proposer's school) and of the
 * education sectors an admin assigned to them; coordinators and admins moderate everything.
 */
export function canModerate(actor: Actor | null, idea: ModeratedIdea, staffSectors: readonly (Sector | string)[]): boolean {
  if (!actor) return false;
  if (actor.role === "coordinator" || actor.role === "admin") return true;
  if (actor.role !== "staff") return false;
  return (
    (idea.schoolId !== null && actor.schoolIds.includes(idea.schoolId)) ||
    (idea.proposerSchoolId !== null && actor.schoolIds.includes(idea.proposerSchoolId)) ||
    staffSectors.includes(idea.sector)
  );
}

/**
 * Progress updates on a project: coordinators and admins on every project; staff on projects made of
 * an idea they moderate (`moderatesAnIdea`), so a school's staff report on their school's projects.
 */
export function canFollowUpProject(actor: Actor | null, moderatesAnIdea: boolean): boolean {
  if (!can(actor, "project:follow-up")) return false;
  return actor!.role === "coordinator" || actor!.role === "admin" || moderatesAnIdea;
}

export interface IdeaAccess {
  authorId: string;
  coProposerIds: readonly string[];
  status: string;
}

/** A pupil edits and resubmits their own ideas only; co-proposers see them but do not edit. */
export function canEditIdea(actor: Actor | null, idea: IdeaAccess): boolean {
  return actor !== null && actor.role === "pupil" && actor.id === idea.authorId;
}

/** How an actor may read an idea: as its proposer, as a moderator, as the public, or not at all. */
export type IdeaView = "author" | "staff" | "public" | null;

/**
 * Proposers (author and co-proposers) always see their idea; a draft is theirs alone until sent
 * (staff never see it); moderators of the idea see every other status; the public sees approved ideas.
 */
export function ideaView(actor: Actor | null, idea: IdeaAccess, isModeratorOfIdea: boolean): IdeaView {
  if (actor && (actor.id === idea.authorId || idea.coProposerIds.includes(actor.id))) return "author";
  if (actor && actor.role !== "pupil" && idea.status !== "draft" && isModeratorOfIdea) return "staff";
  return idea.status === "approved" ? "public" : null;
}

/**
 * Turnout: coordinators and admins see exact figures city-wide; staff see only public (suppressed)
 * figures, and only of the schools they serve when they pick one.
 */
export function canSeeTurnout(actor: Actor | null, request: { exact: boolean; schoolId?: string | null }): boolean {
  if (!can(actor, "turnout:view")) return false;
  if (request.exact && !can(actor, "turnout:view-exact")) return false;
  if (request.schoolId && !canActForSchool(actor, request.schoolId)) return false;
  return true;
}

/** Published results are public; before publication only coordinators and admins see the count. */
export function canSeeResults(actor: Actor | null, round: { published: boolean }): boolean {
  return round.published || can(actor, "results:view-unpublished");
}
