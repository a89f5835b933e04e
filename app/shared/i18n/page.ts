// The strings a page has in the browser: only its own language, and only the namespaces (top-level
// keys of the catalogue) that the root and the page's route send in their loader data as `strings`
// (docs/decisions/012-client-strings.md). Nothing here imports a catalogue: the catalogues stay on
// the server (./index.ts, ./strings.server.ts), so no client bundle carries any language's strings.
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, type Locale } from "~/shared/catalog";
import { isLocale } from "~/shared/locale";
import type { Messages } from "./en";

/** A namespace: one top-level key of the catalogue (`vote`, `proposals`, `errors`…). */
export type Namespace = keyof Messages;

/** What a loader sends as `strings`: some namespaces of one language. */
export interface PageStrings {
  locale: Locale;
  messages: Partial<Messages>;
}

type Match = { data?: unknown } | undefined;

function isPageStrings(value: unknown): value is PageStrings {
  if (!value || typeof value !== "object") return false;
  const v = value as { locale?: unknown; messages?: unknown };
  return isLocale(v.locale) && typeof v.messages === "object" && v.messages !== null;
}

/** The `strings` of every matched route's loader data, root first. */
export function stringsOf(matches: ReadonlyArray<Match>): PageStrings[] {
  return matches.flatMap((m) => {
    const strings = (m?.data as { strings?: unknown } | null | undefined)?.strings;
    return isPageStrings(strings) ? [strings] : [];
  });
}

function createI18n(locale: Locale, bundles: PageStrings[]): i18n {
  const instance = i18next.createInstance();
  const messages = Object.assign({}, ...bundles.filter((b) => b.locale === locale).map((b) => b.messages)) as Record<string, unknown>;
  void instance.use(initReactI18next).init({
    lng: locale,
    supportedLngs: ["fi", "sv", "en"],
    fallbackLng: false,
    resources: { [locale]: { translation: messages } },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
    // A key whose namespace the page's loaders did not send shows as the key itself: say so loudly
    // (the e2e tests fail on console errors, tests/unit/page-strings.test.ts on a missing namespace).
    saveMissing: true,
    missingKeyHandler: (_lngs, _ns, key) => console.error(`Missing string "${key}" (${locale}): is its namespace in the loader's strings?`),
  });
  return instance;
}

const browserInstances = new Map<Locale, { instance: i18n; added: WeakSet<object> }>();

/**
 * The i18next instance of a page in `locale` holding the strings of `bundles`. On the server a
 * fresh one per call, with exactly what the page sends, so the server renders what the browser
 * will; in the browser one per language, to which each page adds the namespaces it brings.
 */
export function pageI18n(locale: Locale, bundles: PageStrings[]): i18n {
  if (typeof document === "undefined") return createI18n(locale, bundles);
  let entry = browserInstances.get(locale);
  if (!entry) {
    entry = { instance: createI18n(locale, bundles), added: new WeakSet(bundles.map((b) => b.messages)) };
    browserInstances.set(locale, entry);
  }
  for (const bundle of bundles) {
    if (bundle.locale !== locale || entry.added.has(bundle.messages)) continue;
    entry.instance.addResourceBundle(locale, "translation", bundle.messages, true, true);
    entry.added.add(bundle.messages);
  }
  return entry.instance;
}

/** The page's language from the root loader's data (as meta functions see it). */
export function localeOfMatches(matches: ReadonlyArray<{ id: string; data: unknown } | undefined>): Locale {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}
