// The form for making a ballot project from approved proposals (shared by page and action).
import { z } from "zod";
import { SECTORS, type Locale } from "~/shared/catalog";
import { MAX_BUDGET } from "~/features/rounds/round-definition";
import { eurosField } from "~/features/proposals/money";
import { canModerate, type Actor, type ModeratedIdea } from "~/features/access/permissions";
import { IMAGE_ALT_MAX, imageUrl } from "~/shared/images";

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

/** A project's description in each language: optional plain text (shown with its line breaks, never as HTML). */
export const PROJECT_DESCRIPTION_MAX = 2000;

/** Line breaks as "\n" (a browser sends "\r\n"), so that the limit counts what is shown. */
const description = z
  .string()
  .transform((v) => v.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().max(PROJECT_DESCRIPTION_MAX, "projects.errors.descriptionLong"))
  .optional()
  .transform((v) => v ?? "");
const altText = z.string().trim().max(IMAGE_ALT_MAX, "images.errors.altLong").optional().transform((v) => v ?? "");

/**
 * The description and picture fields, shared by the "new project" and "edit project" forms. `image`
 * is the chosen file (an empty file input is no file; storeImage checks the file itself);
 * `currentImage` is the picture the edit form showed, `removeImage` its "remove" box.
 */
const detailFields = {
  descriptionFi: description,
  descriptionSv: description,
  descriptionEn: description,
  image: z.instanceof(File).optional(),
  currentImage: z.string().max(40).optional(),
  removeImage: z.literal("on").optional(),
  imageAltFi: altText,
  imageAltSv: altText,
  imageAltEn: altText,
};

export const IMAGE_ALT_FIELDS = ["imageAltFi", "imageAltSv", "imageAltEn"] as const;

/** Whether the project will have a picture after the form: a new file, or the current one kept. */
export function keepsPicture(value: { image?: File | undefined; currentImage?: string | undefined; removeImage?: string | undefined }): boolean {
  return value.image !== undefined || (Boolean(value.currentImage) && value.removeImage === undefined);
}

/** A picture needs its description (alt text) in all three languages. */
function requireAltTexts(value: z.infer<z.ZodObject<typeof detailFields>>, ctx: z.RefinementCtx) {
  if (!keepsPicture(value)) return;
  for (const name of IMAGE_ALT_FIELDS) {
    if (!value[name]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: "images.errors.altRequired" });
  }
}

export const projectFormSchema = z
  .object({
    code: z.string({ required_error: "projects.errors.codeInvalid" }).trim().regex(PROJECT_CODE, "projects.errors.codeInvalid"),
    titleFi: title,
    titleSv: title,
    titleEn: title,
    area: z.string({ required_error: "projects.errors.areaInvalid" }).max(40, "projects.errors.areaInvalid"),
    sector: z.enum(SECTORS, { errorMap: () => ({ message: "projects.errors.sectorInvalid" }) }),
    cost: eurosField({ invalid: "projects.errors.costInvalid", decimals: "projects.errors.costDecimals", ambiguous: "projects.errors.costAmbiguous" }, 1, PROJECT_COST_MAX),
    proposals: z.array(z.string().max(40), { required_error: "projects.errors.proposalsRequired" }).min(1, "projects.errors.proposalsRequired").max(100),
    ...detailFields,
  })
  .superRefine(requireAltTexts);

/** The "edit project" form (/projects/ID/edit): titles, descriptions, picture and its alt texts. */
export const projectEditSchema = z
  .object({ titleFi: title, titleSv: title, titleEn: title, ...detailFields })
  .superRefine(requireAltTexts);

/**
 * Who may edit a project: coordinators and admins; staff when they moderate every idea it was made
 * from (as when creating it). A project without ideas (imported) is edited by coordinators and admins.
 */
export function mayEditProject(actor: Actor | null, ideas: readonly ModeratedIdea[], staffSectors: readonly string[]): boolean {
  if (!actor) return false;
  if (actor.role === "coordinator" || actor.role === "admin") return true;
  return actor.role === "staff" && ideas.length > 0 && ideas.every((idea) => canModerate(actor, idea, staffSectors));
}

/** A project can be edited until its round's voting starts (`today` is a Helsinki day): pupils vote on what they saw. */
export function projectEditable(round: { votingStart: string }, today: string): boolean {
  return today < round.votingStart;
}

/** What the pages show of a project's description and picture, in a language. */
export interface ProjectMedia {
  /** The description in the page's language, or in another one when it has none there (then `lang` says which). */
  description: string;
  descriptionLang: Locale | null;
  picture: { src: string; width: number; height: number; alt: string } | null;
}

type MediaRow = {
  descriptionFi: string;
  descriptionSv: string;
  descriptionEn: string;
  imageAltFi: string;
  imageAltSv: string;
  imageAltEn: string;
  image: { id: string; width: number; height: number } | null;
};

/** The Prisma `select` of what `projectMedia` needs. */
export const PROJECT_MEDIA_SELECT = {
  descriptionFi: true,
  descriptionSv: true,
  descriptionEn: true,
  imageAltFi: true,
  imageAltSv: true,
  imageAltEn: true,
  image: { select: { id: true, width: true, height: true } },
} as const;

export function projectMedia(p: MediaRow, locale: Locale): ProjectMedia {
  const descriptions: Record<Locale, string> = { fi: p.descriptionFi, sv: p.descriptionSv, en: p.descriptionEn };
  const alts: Record<Locale, string> = { fi: p.imageAltFi, sv: p.imageAltSv, en: p.imageAltEn };
  const own = descriptions[locale];
  const other = own ? null : (["fi", "sv", "en"] as const).find((l) => descriptions[l]) ?? null;
  return {
    description: own || (other ? descriptions[other] : ""),
    descriptionLang: other,
    picture: p.image ? { src: imageUrl(p.image.id), width: p.image.width, height: p.image.height, alt: alts[locale] || alts.fi } : null,
  };
}

/**
 * Whether a project's page (/projects/ID) is public yet: from the first day of voting, when its
 * ballot is public anyway. Before that only staff see it. `today` is a Helsinki day.
 */
export function projectIsPublic(round: { votingStart: string; resultsPublishedAt: Date | null }, today: string): boolean {
  return round.resultsPublishedAt !== null || today >= round.votingStart;
}
