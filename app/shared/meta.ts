// Page titles in the page's language: "<page> – OmaKoulu" (WCAG 2.4.2).
import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, type Locale } from "~/shared/catalog";
import { isLocale } from "~/shared/locale";
import { i18nFor } from "~/shared/i18n";

interface MetaArgs {
  matches: ReadonlyArray<{ id: string; data: unknown } | undefined>;
}

export function localeOf(matches: MetaArgs["matches"]): Locale {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/** A meta function whose title is the translation of `key`. */
export function titled(key: string) {
  return ({ matches }: MetaArgs): MetaDescriptor[] => {
    const t = i18nFor(localeOf(matches)).t;
    return [{ title: `${t(key as never)} – OmaKoulu` }];
  };
}

/** A title made from the page's own data (a school's or a round's name). */
export function titleOf(text: string | undefined): MetaDescriptor[] {
  return [{ title: text ? `${text} – OmaKoulu` : "OmaKoulu" }];
}
