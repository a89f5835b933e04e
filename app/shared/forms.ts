// The form pipeline, in one place (docs/decisions/006-layout.md):
//   1. one zod schema per form, in its feature, shared by the page and the action (`parseForm`);
//   2. every feature command answers an `Outcome`: done, or refused with an HTTP status, a message
//      and optionally the field it concerns;
//   3. every action answers its form with ONE shape, `FormReply` (`replyTo`, `refusedReply`), sent
//      with a 4xx status by `replyWith` (app/shared/forms.server.ts);
//   4. the page shows it with the fields of app/shared/fields.tsx and ErrorSummary.
// Messages are translation keys (with values), so the same schema serves the server and the page in
// every language.
import { parseWithZod } from "@conform-to/zod";
import type { ZodTypeAny, z } from "zod";

export interface Message {
  key: string;
  values?: Record<string, string | number>;
}

export interface FormReply {
  fieldErrors: Record<string, Message>;
  formError?: Message;
  /** What the user typed (never passwords or codes), to put back in the form. */
  values: Record<string, string>;
  /** What the user ticked in multi-value fields (checkbox groups), to tick again. */
  lists?: Record<string, string[]>;
  /** Set when the action succeeded and the page stays: true, or what was done (e.g. the new account's email). */
  done?: string | boolean;
}

/** What a feature command answers: done (with its result), or refused with a status and a message. */
export type Outcome<T extends object = object> = ({ ok: true } & T) | Refusal;

export interface Refusal {
  ok: false;
  /** The HTTP status the action answers with: 400 bad input, 403, 404, 409 conflict, 429… */
  status: number;
  error: Message;
  /** The form field the message is about; without it the message is the form's own. */
  field?: string;
}

export function refuse(status: number, key: string, field?: string, values?: Message["values"]): Refusal {
  return { ok: false, status, error: values ? { key, values } : { key }, ...(field ? { field } : {}) };
}

/** The reply to a form: what was typed and ticked comes back, with the errors. */
export function replyTo(
  formData: FormData,
  keep: readonly string[],
  keepLists: readonly string[] = [],
  errors: { fieldErrors?: Record<string, Message>; formError?: Message; done?: string | boolean } = {},
): FormReply {
  const reply: FormReply = { fieldErrors: errors.fieldErrors ?? {}, values: keptValues(formData, keep) };
  if (errors.formError) reply.formError = errors.formError;
  if (errors.done !== undefined) reply.done = errors.done;
  if (keepLists.length) reply.lists = keptLists(formData, keepLists);
  return reply;
}

/** The reply to a form whose command refused it: the message goes on its field, or on the form. */
export function refusedReply(refusal: Refusal, formData: FormData, keep: readonly string[], keepLists: readonly string[] = []): FormReply {
  return replyTo(formData, keep, keepLists, refusal.field ? { fieldErrors: { [refusal.field]: refusal.error } } : { formError: refusal.error });
}

export function keptLists(formData: FormData, names: readonly string[]): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const name of names) lists[name] = formData.getAll(name).filter((v): v is string => typeof v === "string");
  return lists;
}

export type Parsed<S extends ZodTypeAny> = { ok: true; value: z.output<S> } | { ok: false; reply: FormReply };

/** Parses a form with its zod schema (through conform, which coerces form values). */
export function parseForm<S extends ZodTypeAny>(formData: FormData, schema: S, keep: readonly string[] = [], keepLists: readonly string[] = []): Parsed<S> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status === "success") return { ok: true, value: submission.value as z.output<S> };
  const fieldErrors: Record<string, Message> = {};
  for (const [name, messages] of Object.entries(submission.error ?? {})) {
    const first = messages?.[0];
    if (first) fieldErrors[name || "form"] = { key: first };
  }
  return { ok: false, reply: replyTo(formData, keep, keepLists, { fieldErrors }) };
}

export function keptValues(formData: FormData, keep: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of keep) {
    const v = formData.get(name);
    if (typeof v === "string") values[name] = v;
  }
  return values;
}

/** A safe place to go back to after sign-in: a path on this site, never another origin. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // Browsers drop tabs and line breaks from URLs ("/\t/evil.example" becomes "//evil.example").
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  if (to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
