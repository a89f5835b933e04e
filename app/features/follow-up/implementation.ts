// Implementation tracking (docs/domain.md, "Follow-up"): after the results are published, staff and
// coordinators post progress updates on a selected project. A project's status then follows its
// latest update:
//
//   selected → planned → in-progress → implemented
//        \________\___________\______→ cancelled (with a reason)
//
// Steps may be skipped (a small purchase goes straight to "implemented") and an update may repeat
// the current status (news without a change). Nothing comes after "cancelled"; after "implemented"
// only further "implemented" notes (a photo of the finished thing, say).
import { z } from "zod";
import { isIsoDay } from "~/features/rounds/phases";
import { CHOSEN_PROJECT_STATUSES } from "~/features/proposals/proposals";

export const UPDATE_STATUSES = ["planned", "in-progress", "implemented", "cancelled"] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** Every status a ballot project can have, from creation to follow-up. */
export const PROJECT_STATUSES = ["candidate", "selected", "not-selected", ...UPDATE_STATUSES] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Whether the vote chose the project (whatever happened to it afterwards). */
export function wasChosen(status: string): boolean {
  return (CHOSEN_PROJECT_STATUSES as readonly string[]).includes(status);
}

const ORDER: Record<UpdateStatus, number> = { planned: 1, "in-progress": 2, implemented: 3, cancelled: 3 };

/** The statuses an update may set on a project that is now `current`; empty when none may be posted. */
export function nextStatuses(current: string): UpdateStatus[] {
  if (current === "selected") return [...UPDATE_STATUSES];
  if (current === "cancelled") return [];
  if (current === "implemented") return ["implemented"];
  if (current === "planned" || current === "in-progress") {
    const rank = ORDER[current];
    return UPDATE_STATUSES.filter((s) => s === "cancelled" || ORDER[s] >= rank);
  }
  // candidate and not-selected projects were never chosen: there is nothing to implement.
  return [];
}

export function canPostUpdate(current: string, next: UpdateStatus): boolean {
  return nextStatuses(current).includes(next);
}

export const UPDATE_TEXT_MAX = 1000;
export const ALT_TEXT_MAX = 200;

const text = (required: string) =>
  z
    .string({ required_error: required })
    .trim()
    .min(1, required)
    .max(UPDATE_TEXT_MAX, "followUp.errors.textLong");

const alt = z.string().trim().max(ALT_TEXT_MAX, "followUp.errors.altLong").default("");

/** The progress update form, shared by the project page and its action. The picture itself is a file field, checked on upload. */
export const updateFormSchema = z
  .object({
    status: z.enum(UPDATE_STATUSES, { errorMap: () => ({ message: "followUp.errors.statusInvalid" }) }),
    day: z
      .string({ required_error: "followUp.errors.dayInvalid" })
      .trim()
      .refine((d) => isIsoDay(d), "followUp.errors.dayInvalid"),
    textFi: text("followUp.errors.textRequired"),
    textSv: text("followUp.errors.textRequired"),
    textEn: text("followUp.errors.textRequired"),
    imageAltFi: alt,
    imageAltSv: alt,
    imageAltEn: alt,
  });

export type UpdateInput = z.infer<typeof updateFormSchema>;

/** Which alt texts a picture still lacks (a picture needs one in every language). */
export function missingAltTexts(input: Pick<UpdateInput, "imageAltFi" | "imageAltSv" | "imageAltEn">): Array<"imageAltFi" | "imageAltSv" | "imageAltEn"> {
  return (["imageAltFi", "imageAltSv", "imageAltEn"] as const).filter((k) => input[k].trim() === "");
}

/** The counts of "what happened to our ideas", for one school or a whole round. */
export interface IdeaOutcomeCounts {
  sent: number;
  approved: number;
  onBallot: number;
  selected: number;
  implemented: number;
}

export const OUTCOME_COLUMNS = ["sent", "approved", "onBallot", "selected", "implemented"] as const satisfies ReadonlyArray<keyof IdeaOutcomeCounts>;

/**
 * Where one idea got to, as counted on the "what happened to our ideas" page. Each step counts the
 * ideas that reached it: an implemented idea also counts as sent, approved, on the ballot and selected.
 * A merged idea counts as what the idea it was merged into became (its proposer's idea lives on there).
 */
export function ideaReached(idea: { status: string; projectStatus: string | null }): IdeaOutcomeCounts {
  const sent = idea.status !== "draft" ? 1 : 0;
  const approved = idea.status === "approved" || idea.status === "merged" ? 1 : 0;
  const p = approved ? idea.projectStatus : null;
  const onBallot = p !== null ? 1 : 0;
  const selected = p !== null && wasChosen(p) ? 1 : 0;
  const implemented = p === "implemented" ? 1 : 0;
  return { sent, approved, onBallot, selected, implemented };
}

export function addCounts(a: IdeaOutcomeCounts, b: IdeaOutcomeCounts): IdeaOutcomeCounts {
  return { sent: a.sent + b.sent, approved: a.approved + b.approved, onBallot: a.onBallot + b.onBallot, selected: a.selected + b.selected, implemented: a.implemented + b.implemented };
}

export const NO_IDEAS: IdeaOutcomeCounts = { sent: 0, approved: 0, onBallot: 0, selected: 0, implemented: 0 };
