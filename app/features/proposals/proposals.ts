// The proposal lifecycle (docs/domain.md) as one state machine. Every status change in OmaKoulu goes
// through `transition`; the UI asks `availableActions` so it never offers an illegal move.
//
//   draft → submitted → (needs-changes → submitted)* → approved | rejected | merged
//   hidden (abuse) from any state staff can see; approved proposals become part of ballot projects.
import { z } from "zod";
import { SECTORS } from "~/shared/catalog";
import { eurosField } from "~/features/proposals/money";

export const PROPOSAL_STATUSES = ["draft", "submitted", "needs-changes", "approved", "rejected", "merged", "hidden"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PUPIL_ACTIONS = ["edit", "submit"] as const;
export const STAFF_ACTIONS = ["approve", "request-changes", "reject", "merge", "hide"] as const;
export type PupilAction = (typeof PUPIL_ACTIONS)[number];
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export type ProposalAction = PupilAction | StaffAction | "link-project";

export type EventType =
  | "created"
  | "edited"
  | "submitted"
  | "resubmitted"
  | "changes-requested"
  | "approved"
  | "rejected"
  | "merged"
  | "hidden"
  | "project-linked"
  | "selected"
  | "not-selected"
  /** A progress update on the idea's project (app/features/follow-up); targetId is the update. */
  | "progress";

interface Move {
  from: readonly ProposalStatus[];
  to: ProposalStatus | "same";
  event: EventType | ((from: ProposalStatus) => EventType);
}

const MOVES: Record<ProposalAction, Move> = {
  edit: { from: ["draft", "needs-changes"], to: "same", event: "edited" },
  submit: { from: ["draft", "needs-changes"], to: "submitted", event: (from) => (from === "draft" ? "submitted" : "resubmitted") },
  approve: { from: ["submitted"], to: "approved", event: "approved" },
  "request-changes": { from: ["submitted"], to: "needs-changes", event: "changes-requested" },
  reject: { from: ["submitted"], to: "rejected", event: "rejected" },
  merge: { from: ["submitted", "approved"], to: "merged", event: "merged" },
  hide: { from: ["submitted", "needs-changes", "approved", "rejected"], to: "hidden", event: "hidden" },
  "link-project": { from: ["approved"], to: "same", event: "project-linked" },
};

export type Transition = { ok: true; to: ProposalStatus; event: EventType } | { ok: false; from: ProposalStatus; action: ProposalAction };

/** The status after `action`, and the timeline event it writes; or a refusal for an illegal move. */
export function transition(from: ProposalStatus, action: ProposalAction): Transition {
  const move = MOVES[action];
  if (!move.from.includes(from)) return { ok: false, from, action };
  return {
    ok: true,
    to: move.to === "same" ? from : move.to,
    event: typeof move.event === "function" ? move.event(from) : move.event,
  };
}

export function can(from: ProposalStatus, action: ProposalAction): boolean {
  return transition(from, action).ok;
}

/** What a moderator may do to a proposal in this status (for the buttons on the page). */
export function availableStaffActions(status: ProposalStatus): StaffAction[] {
  return STAFF_ACTIONS.filter((a) => can(status, a));
}

/** Every staff decision except approval must say why, to the proposer. */
export function needsReason(action: StaffAction): boolean {
  return action !== "approve";
}

/** Statuses anyone may see in the public list. Hidden, draft and pending proposals are not public. */
export const PUBLIC_STATUSES: readonly ProposalStatus[] = ["approved"];

export function isProposalStatus(value: unknown): value is ProposalStatus {
  return typeof value === "string" && (PROPOSAL_STATUSES as readonly string[]).includes(value);
}

// ---- forms -------------------------------------------------------------------------------------

export const TITLE_MIN = 5;
export const TITLE_MAX = 120;
export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 2000;
export const REASON_MAX = 1000;
export const COST_MAX = 10_000_000;

/** The pupil's proposal form (draft or submit). `area` is checked against the pupil's school on the server. */
export const proposalFormSchema = z.object({
  intent: z.enum(["draft", "submit"], { errorMap: () => ({ message: "errors.badRequest" }) }),
  title: z
    .string({ required_error: "proposals.errors.titleRequired" })
    .trim()
    .min(TITLE_MIN, "proposals.errors.titleShort")
    .max(TITLE_MAX, "proposals.errors.titleLong"),
  description: z
    .string({ required_error: "proposals.errors.descriptionRequired" })
    .trim()
    .min(DESCRIPTION_MIN, "proposals.errors.descriptionShort")
    .max(DESCRIPTION_MAX, "proposals.errors.descriptionLong"),
  area: z.string({ required_error: "proposals.errors.areaInvalid" }).max(40, "proposals.errors.areaInvalid"),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "proposals.errors.sectorInvalid" }) }),
  concernsSchool: z.literal("on").optional(),
  costEstimate: eurosField(
    { invalid: "proposals.errors.costInvalid", decimals: "proposals.errors.costDecimals", ambiguous: "proposals.errors.costAmbiguous" },
    0,
    COST_MAX,
  ).optional(),
  coAuthors: z.string().max(500, "proposals.errors.coAuthorsLong").optional(),
});
export type ProposalForm = z.infer<typeof proposalFormSchema>;

/** Pseudonyms typed into the co-proposers field: separated by commas, spaces or new lines. */
export function parseCoAuthorNames(text: string | undefined): string[] {
  return [...new Set((text ?? "").split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

export const decisionSchema = z
  .object({
    action: z.enum(STAFF_ACTIONS, { errorMap: () => ({ message: "moderation.errors.actionRequired" }) }),
    reason: z.string().trim().max(REASON_MAX, "moderation.errors.reasonLong").optional(),
    target: z.string().max(40).optional(),
    version: z.number({ required_error: "errors.badRequest", invalid_type_error: "errors.badRequest" }).int(),
  })
  .superRefine((value, ctx) => {
    if (needsReason(value.action) && !value.reason) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["reason"], message: "moderation.errors.reasonRequired" });
    }
    if (value.action === "merge" && !value.target) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["target"], message: "moderation.errors.targetRequired" });
    }
  });
export type Decision = z.infer<typeof decisionSchema>;

/** Reason templates a moderator can start from; the text itself lives in the catalogues. */
export const REASON_TEMPLATES = {
  "request-changes": ["moreDetail", "clarifyPlace", "tooExpensive"],
  reject: ["notCityTask", "alreadyDone", "notFeasible"],
  merge: ["similarIdea"],
  hide: ["inappropriate", "personalData"],
} as const satisfies Partial<Record<StaffAction, readonly string[]>>;

/** The status filter of the public list of ideas (/ideas). */
export const STATUS_FILTERS = ["any", "project", "noProject", "selected", "notSelected", "inProgress", "implemented"] as const;

/** Project statuses of a project chosen in the vote, whatever happened to it afterwards. */
export const CHOSEN_PROJECT_STATUSES = ["selected", "planned", "in-progress", "implemented", "cancelled"] as const;

const OUTCOMES = { selected: "selected", "not-selected": "notSelected", planned: "planned", "in-progress": "inProgress", implemented: "implemented", cancelled: "cancelled" } as const;
export type IdeaOutcome = (typeof OUTCOMES)[keyof typeof OUTCOMES];

/** What an idea card says of its project after the vote; null while it is only a candidate. */
export function projectOutcome(projectStatus: string): IdeaOutcome | null {
  return (OUTCOMES as Record<string, IdeaOutcome>)[projectStatus] ?? null;
}
export type StatusFilter = (typeof STATUS_FILTERS)[number];
