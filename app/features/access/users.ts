// Account management by administrators: one schema per form, shared by the page and the action.
import { z } from "zod";
import { emailField } from "./signin";
import { SECTORS } from "~/shared/catalog";

export const ADULT_ROLES = ["staff", "coordinator", "admin"] as const;

/** The password rules, the same wherever a password is chosen (new account, new password after a reset). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

const schools = z.array(z.string().max(40)).max(500).default([]);
const sectors = z.array(z.enum(SECTORS, { errorMap: () => ({ message: "errors.sectorUnknown" }) })).max(SECTORS.length).default([]);
const role = z.enum(ADULT_ROLES, { errorMap: () => ({ message: "errors.roleInvalid" }) });

/** Staff moderate for the schools they serve, or city-wide for whole education sectors: at least one of them. */
function requireSchoolsForStaff<T extends { role: string; schools: string[]; sectors: string[] }>(value: T, ctx: z.RefinementCtx) {
  if (value.role === "staff" && value.schools.length === 0 && value.sectors.length === 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["schools"], message: "errors.schoolsRequired" });
  }
}

export const createUserSchema = z
  .object({
    intent: z.literal("create"),
    name: z.string({ required_error: "errors.nameRequired" }).trim().min(1, "errors.nameRequired").max(100, "errors.nameTooLong"),
    email: emailField,
    role,
    password: z.string({ required_error: "errors.passwordTooShort" }).min(PASSWORD_MIN, "errors.passwordTooShort").max(PASSWORD_MAX, "errors.passwordTooLong"),
    schools,
    sectors,
  })
  .superRefine(requireSchoolsForStaff);

export const updateUserSchema = z
  .object({
    intent: z.literal("update"),
    role,
    schools,
    sectors,
  })
  .superRefine(requireSchoolsForStaff);

/**
 * Disabling, enabling and resetting the password of an account (/admin/users/ID). Disabling and
 * resetting happen only with `confirmed=yes`, sent by the confirmation step's button; without it
 * the page shows that step and nothing changes. Enabling needs no confirmation.
 */
export const accountActionSchema = z.object({
  intent: z.enum(["disable", "enable", "reset-password"]),
  confirmed: z.literal("yes").optional(),
});
export type AccountAction = z.output<typeof accountActionSchema>["intent"];

/** The actions that ask "are you sure?" first (`?confirm=ACTION` shows the step without JavaScript). */
export const CONFIRMED_ACTIONS = ["disable", "reset-password"] as const satisfies readonly AccountAction[];

/** Choosing a new password (/account/password): after an admin's reset, or any time. */
export const changePasswordSchema = z
  .object({
    current: z.string({ required_error: "newPassword.currentRequired" }).min(1, "newPassword.currentRequired").max(PASSWORD_MAX, "newPassword.currentWrong"),
    password: z.string({ required_error: "newPassword.tooShort" }).min(PASSWORD_MIN, "newPassword.tooShort").max(PASSWORD_MAX, "newPassword.tooLong"),
    confirm: z.string().default(""),
  })
  .superRefine((value, ctx) => {
    if (value.password === value.current) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: "newPassword.sameAsCurrent" });
    else if (value.confirm !== value.password) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: "newPassword.mismatch" });
  });
