// Page titles in the page's language: "<page> – OmaKoulu" (WCAG 2.4.2).
import type { MetaDescriptor } from "@remix-run/node";
import type { Locale } from "~/shared/catalog";
import { localeOfMatches, pageI18n, stringsOf } from "~/shared/i18n/page";

interface MetaArgs {
  matches: ReadonlyArray<{ id: string; data: unknown } | undefined>;
}

export function localeOf(matches: MetaArgs["matches"]): Locale {
  return localeOfMatches(matches);
}

/** The translate function of a meta function: the strings the page's loaders sent. */
export function metaT(matches: MetaArgs["matches"]) {
  return pageI18n(localeOf(matches), stringsOf(matches)).t;
}

/** A meta function whose title is the translation of `key`. */
export function titled(key: string) {
  return ({ matches }: MetaArgs): MetaDescriptor[] => {
    const t = metaT(matches);
    return [{ title: `${t(key as never)} – OmaKoulu` }];
  };
}

/** A title made from the page's own data (a school's or a round's name). */
export function titleOf(text: string | undefined): MetaDescriptor[] {
  return [{ title: text ? `${text} – OmaKoulu` : "OmaKoulu" }];
}
