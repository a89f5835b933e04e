// The paper-ballot form's schema (/paper), shared by the page and the action: step 1 checks the
// pupil's code ("check"), step 2 carries it in a hidden field with the picks ("save").
import { z } from "zod";

/** The longest code the field takes (a code is 12 symbols; spaces and dashes are allowed). */
export const PAPER_CODE_MAX = 64;

export const paperCodeSchema = z.object({
  /** "save" is step 2; anything else (the code step's button) checks the code. */
  intent: z
    .string()
    .optional()
    .transform((v): "check" | "save" => (v === "save" ? "save" : "check")),
  code: z.string({ required_error: "paper.codeRequired" }).trim().min(1, "paper.codeRequired").max(PAPER_CODE_MAX, "paper.codeUnknown"),
});
