// One shape for what an action answers when a form cannot be accepted. Messages are translation
// keys (with values), so the same schema serves the server and the page in every language.
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
}

export type Parsed<S extends ZodTypeAny> = { ok: true; value: z.output<S> } | { ok: false; reply: FormReply };

/** Parses a form with its zod schema (through conform, which coerces form values). */
export function parseForm<S extends ZodTypeAny>(formData: FormData, schema: S, keep: readonly string[] = []): Parsed<S> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status === "success") return { ok: true, value: submission.value as z.output<S> };
  const fieldErrors: Record<string, Message> = {};
  for (const [name, messages] of Object.entries(submission.error ?? {})) {
    const first = messages?.[0];
    if (first) fieldErrors[name || "form"] = { key: first };
  }
  return { ok: false, reply: { fieldErrors, values: keptValues(formData, keep) } };
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
