// Account management by administrators: one schema per form, shared by the page and the action.
import { z } from "zod";
import { emailField } from "./signin";
import { SECTORS } from "~/shared/catalog";

export const ADULT_ROLES = ["staff", "coordinator", "admin"] as const;

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
    password: z.string({ required_error: "errors.passwordTooShort" }).min(12, "errors.passwordTooShort").max(200, "errors.passwordTooLong"),
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

export const toggleUserSchema = z.object({ intent: z.enum(["disable", "enable"]) });
