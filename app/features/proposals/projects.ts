// The form for making a ballot project from approved proposals (shared by page and action).
import { z } from "zod";
import { SECTORS } from "~/shared/catalog";
import { MAX_BUDGET } from "~/features/rounds/round-definition";
import { eurosField } from "~/features/proposals/money";

/** A project's code: 1–20 letters, digits or '-', starting with a letter or digit (e.g. ITA-01). */
export const PROJECT_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;
export const PROJECT_TITLE_MAX = 200;
/** No project can cost more than the largest budget a round may have. */
export const PROJECT_COST_MAX = MAX_BUDGET;

const title = z
  .string({ required_error: "projects.errors.titleRequired" })
  .trim()
  .min(1, "projects.errors.titleRequired")
  .max(PROJECT_TITLE_MAX, "projects.errors.titleLong");

export const projectFormSchema = z.object({
  code: z.string({ required_error: "projects.errors.codeInvalid" }).trim().regex(PROJECT_CODE, "projects.errors.codeInvalid"),
  titleFi: title,
  titleSv: title,
  titleEn: title,
  area: z.string({ required_error: "projects.errors.areaInvalid" }).max(40, "projects.errors.areaInvalid"),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "projects.errors.sectorInvalid" }) }),
  cost: eurosField({ invalid: "projects.errors.costInvalid", decimals: "projects.errors.costDecimals", ambiguous: "projects.errors.costAmbiguous" }, 1, PROJECT_COST_MAX),
  proposals: z.array(z.string().max(40), { required_error: "projects.errors.proposalsRequired" }).min(1, "projects.errors.proposalsRequired").max(100),
});

/**
 * Whether a project's page (/projects/ID) is public yet: from the first day of voting, when its
 * ballot is public anyway. Before that only staff see it. `today` is a Helsinki day.
 */
export function projectIsPublic(round: { votingStart: string; resultsPublishedAt: Date | null }, today: string): boolean {
  return round.resultsPublishedAt !== null || today >= round.votingStart;
}
