// The strings a page has in the browser: only its own language, and only the namespaces (top-level
// keys of the catalogue) that the root and the page's route send in their loader data as `strings`
// (docs/decisions/012-client-strings.md). Nothing here imports a catalogue: the catalogues stay on
// the server (./index.ts, ./strings.server.ts), so no client bundle carries any language's strings.
import type { TFunction } from "i18next";
import { DEFAULT_LOCALE, type Locale } from "~/shared/catalog";
import { isLocale } from "~/shared/locale";
import type { Messages } from "./en";
import type { PageI18n } from "./react";

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

type Tree = { [key: string]: unknown };

function lookup(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Tree)[part];
  }
  return node;
}

/** Deep merge of `from` into `into` (namespaces sent by several loaders are the same anyway). */
function merge(into: Tree, from: Tree): Tree {
  for (const [key, value] of Object.entries(from)) {
    const current = into[key];
    if (value && typeof value === "object" && current && typeof current === "object") merge(current as Tree, value as Tree);
    else into[key] = value && typeof value === "object" ? merge({}, value as Tree) : value;
  }
  return into;
}

/**
 * The translate function of one language's strings, as the catalogues use i18next's: a dotted key,
 * {{name}} (or {{a.b}}) replaced by the value given (left as it is when none is), and with a numeric
 * `count` the plural form `key_one` / `key_other`… first when the catalogue has one.
 */
function translator(locale: Locale, messages: Tree): TFunction {
  const plurals = new Intl.PluralRules(locale);
  const t = (key: string, values: Record<string, unknown> = {}): string => {
    let text: unknown;
    if (typeof values.count === "number") text = lookup(messages, `${key}_${plurals.select(values.count)}`);
    if (typeof text !== "string") text = lookup(messages, key);
    if (typeof text !== "string") {
      // A key whose namespace the page's loaders did not send shows as the key itself: say so loudly
      // (the e2e tests fail on console errors, tests/unit/page-strings.test.ts on a missing namespace).
      console.error(`Missing string "${key}" (${locale}): is its namespace in the loader's strings?`);
      return key;
    }
    return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (marker, name: string) => {
      const value = name in values ? values[name] : lookup(values, name);
      return value === undefined || value === null ? marker : String(value as string | number);
    });
  };
  return t as unknown as TFunction;
}

function createI18n(locale: Locale, bundles: PageStrings[]): PageI18n {
  const messages: Tree = {};
  for (const bundle of bundles) if (bundle.locale === locale) merge(messages, bundle.messages as Tree);
  return { language: locale, t: translator(locale, messages) };
}

const browserInstances = new Map<Locale, { i18n: PageI18n; messages: Tree; added: WeakSet<object> }>();

/**
 * The strings of a page in `locale`, from `bundles`. On the server a fresh set per call, with
 * exactly what the page sends, so the server renders what the browser will; in the browser one
 * per language, to which each page adds the namespaces it brings.
 */
export function pageI18n(locale: Locale, bundles: PageStrings[]): PageI18n {
  if (typeof document === "undefined") return createI18n(locale, bundles);
  let entry = browserInstances.get(locale);
  if (!entry) {
    const messages: Tree = {};
    entry = { i18n: { language: locale, t: translator(locale, messages) }, messages, added: new WeakSet() };
    browserInstances.set(locale, entry);
  }
  for (const bundle of bundles) {
    if (bundle.locale !== locale || entry.added.has(bundle.messages)) continue;
    merge(entry.messages, bundle.messages as Tree);
    entry.added.add(bundle.messages);
  }
  return entry.i18n;
}

/** The page's language from the root loader's data (as meta functions see it). */
export function localeOfMatches(matches: ReadonlyArray<{ id: string; data: unknown } | undefined>): Locale {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}
