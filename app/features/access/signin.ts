// The sign-in forms' schemas, shared by the pages and the actions. Messages are translation keys.
import { z } from "zod";
import { normaliseCode } from "./codes";

/** An email address as staff type it (sign-in and accounts). */
export const emailField = z
  .string({ required_error: "errors.emailRequired" })
  .trim()
  .toLowerCase()
  .max(254, "errors.emailInvalid")
  .email("errors.emailInvalid");

export const passwordSignInSchema = z.object({
  email: emailField,
  password: z.string({ required_error: "errors.passwordRequired" }).max(200, "errors.invalidCredentials"),
  redirectTo: z.string().optional(),
});

export const codeSignInSchema = z.object({
  code: z
    .string({ required_error: "errors.codeRequired" })
    .max(64, "errors.codeMalformed")
    .transform((value, ctx) => {
      const code = normaliseCode(value);
      if (!code) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.codeMalformed" });
        return z.NEVER;
      }
      return code;
    }),
  /** Set when the pupil signs in on a school's own sign-in page (the link on the class sheet). */
  school: z.string().max(40).optional(),
  redirectTo: z.string().optional(),
});
