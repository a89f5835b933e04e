// Locale negotiation and formatting: cookie first, then Accept-Language, then Finnish.
import { match } from "@formatjs/intl-localematcher";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./catalog";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Parses an Accept-Language header into tags ordered by quality (RFC 9110 §12.5.4). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((l) => l.tag && l.tag !== "*" && l.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((l) => l.tag);
}

export function negotiateLocale(cookieLocale: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieLocale)) return cookieLocale;
  const requested = parseAcceptLanguage(acceptLanguage);
  if (!requested.length) return DEFAULT_LOCALE;
  try {
    const chosen = match(requested, [...LOCALES], DEFAULT_LOCALE, { algorithm: "best fit" });
    return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

const BCP47: Record<Locale, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

/** Whole euros, e.g. "1 200 000 €" in Finnish, "€1,200,000" in English. */
export function formatEuros(amount: number, locale: Locale): string {
  return new Intl.NumberFormat(BCP47[locale], {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  }).format(amount);
}

export function formatNumber(value: number, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(BCP47[locale], {
    maximumFractionDigits: fractionDigits,
    minimumFractionDigits: fractionDigits,
  }).format(value);
}

/** A calendar day (YYYY-MM-DD), e.g. "11.3.2026" in Finnish, "11 March 2026" in English. */
export function formatDay(isoDay: string, locale: Locale): string {
  const date = new Date(`${isoDay}T12:00:00Z`);
  return new Intl.DateTimeFormat(BCP47[locale], {
    day: "numeric",
    month: locale === "fi" ? "numeric" : "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}
