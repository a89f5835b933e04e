// Whole euros typed the way people write them (pure; shared by the idea and project forms).
// Accepted: "1200", "1 200" (space, no-break space or narrow no-break space between thousands),
// an optional trailing "€", "e" or "eur", and a decimal comma or point followed by "0" or "00".
// Refused: other decimals (costs are whole euros) and "1.200" / "1,200", which could mean
// thousands or decimals.
import { z } from "zod";

export type EurosRefusal = "empty" | "invalid" | "decimals" | "ambiguous";
export type EurosResult = { ok: true; value: number } | { ok: false; reason: EurosRefusal };

const SPACES = /[\s\u00a0\u202f]+/g;
const CURRENCY = /\s*(€|eur|e)$/i;
/** Digits, or groups of three digits separated by single spaces ("1 200 000"). */
const WHOLE = /^(\d+|\d{1,3}(?: \d{3})+)$/;
/** Groups of three digits separated by points or commas only ("1.200", "1,200,000"). */
const AMBIGUOUS = /^\d{1,3}(?:[.,]\d{3})+$/;

export function parseEuros(text: string): EurosResult {
  const normalized = text.replace(SPACES, " ").trim().replace(CURRENCY, "").trim();
  if (!normalized) return { ok: false, reason: "empty" };
  if (AMBIGUOUS.test(normalized)) return { ok: false, reason: "ambiguous" };
  const match = /^(.*?)(?:[.,](\d+))?$/.exec(normalized);
  const whole = match?.[1] ?? "";
  const decimals = match?.[2];
  if (!WHOLE.test(whole)) return { ok: false, reason: "invalid" };
  if (decimals !== undefined) {
    if (decimals.length === 3) return { ok: false, reason: "ambiguous" };
    if (!/^0{1,2}$/.test(decimals)) return { ok: false, reason: "decimals" };
  }
  const value = Number(whole.replace(/ /g, ""));
  if (!Number.isSafeInteger(value)) return { ok: false, reason: "invalid" };
  return { ok: true, value };
}

/** Message keys of a form's euro field: out of range or unreadable, decimals, ambiguous separators. */
export interface EuroMessages {
  invalid: string;
  decimals: string;
  ambiguous: string;
}

/** A zod field for whole euros typed into a form (conform gives it the text, or undefined when empty). */
export function eurosField(messages: EuroMessages, min: number, max: number) {
  return z
    .string({ required_error: messages.invalid, invalid_type_error: messages.invalid })
    .transform((text, ctx) => {
      const parsed = parseEuros(text);
      if (parsed.ok && parsed.value >= min && parsed.value <= max) return parsed.value;
      const reason = parsed.ok ? "invalid" : parsed.reason;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: reason === "decimals" || reason === "ambiguous" ? messages[reason] : messages.invalid });
      return z.NEVER;
    });
}
