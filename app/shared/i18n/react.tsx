// useTranslation for the pages, without i18next in the browser (decision 012): the page's strings
// come from its loaders (./page.ts) and `t` needs only what the catalogues use: dotted keys,
// {{variables}}, and `count` choosing a `key_one` / `key_other` form by Intl.PluralRules. The
// server's own translations (CSV files, messages, the audit log) keep i18next (./index.ts).
import { createContext, useContext, type ReactNode } from "react";
import type { TFunction } from "i18next";
import type { Locale } from "~/shared/catalog";

/** What a component gets from useTranslation: the typed `t` and the page's language. */
export interface PageI18n {
  language: Locale;
  t: TFunction;
}

const I18nContext = createContext<PageI18n | null>(null);

export function I18nProvider({ i18n, children }: { i18n: PageI18n; children: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useTranslation(): { t: TFunction; i18n: PageI18n } {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useTranslation outside the page's I18nProvider (root.tsx)");
  return { t: i18n.t, i18n };
}
