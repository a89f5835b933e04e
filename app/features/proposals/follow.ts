// What the public status page of an idea (/i/CODE, docs/domain.md "Following an idea") says: the
// idea's status in a pupil's words, which steps of its story are shown, and whether its title and
// text may be shown. Pure rules; the page is built in follow.server.ts.
import type { ProposalStatus } from "~/features/proposals/proposals";

/** The statuses the page names, from "sent" to "implemented". */
export const FOLLOW_STATUSES = [
  "sent",
  "reviewing",
  "needs-changes",
  "approved",
  "rejected",
  "merged",
  "hidden",
  "on-ballot",
  "selected",
  "not-selected",
  "planned",
  "in-progress",
  "implemented",
  "cancelled",
] as const;
export type FollowStatus = (typeof FOLLOW_STATUSES)[number];

/** BallotProject.status values after the vote that the page names as they are. */
const PROJECT_STATUSES = new Set<string>(["selected", "not-selected", "planned", "in-progress", "implemented", "cancelled"]);

/**
 * The idea's status as the page names it. A sent idea is "being reviewed" once the round's review
 * phase has begun; an approved idea in a ballot project follows the project's status ("candidate"
 * is "on the ballot").
 */
export function followStatus(idea: { status: ProposalStatus; projectStatus: string | null; reviewStarted: boolean }): FollowStatus | null {
  switch (idea.status) {
    case "draft":
      return null;
    case "submitted":
      return idea.reviewStarted ? "reviewing" : "sent";
    case "approved":
      if (idea.projectStatus === null) return "approved";
      return PROJECT_STATUSES.has(idea.projectStatus) ? (idea.projectStatus as FollowStatus) : "on-ballot";
    default:
      return idea.status;
  }
}

/**
 * The steps the page lists (with their dates, never who took them). Drafting steps are left out;
 * "progress" is a project's progress update (app/features/follow-up).
 */
export const FOLLOW_EVENTS = ["submitted", "resubmitted", "changes-requested", "approved", "rejected", "merged", "hidden", "project-linked", "selected", "not-selected", "progress"] as const;
export type FollowEvent = (typeof FOLLOW_EVENTS)[number];

export function isFollowEvent(type: string): type is FollowEvent {
  return (FOLLOW_EVENTS as readonly string[]).includes(type);
}

/** Staff reasons shown on the page: those written to the pupil about changes or a refusal. */
export function showsReason(type: string): boolean {
  return type === "changes-requested" || type === "rejected";
}

/**
 * Title and description are shown once the idea is public: the public level of `ideaView`
 * (approved, and so also in a ballot project), and a merged idea, which lives on in another one.
 */
export function contentIsPublic(status: ProposalStatus, publicView: boolean): boolean {
  return publicView || status === "merged";
}
