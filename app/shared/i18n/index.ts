// i18next with the three bundled catalogues, for the server only: one instance per language, created
// synchronously on first use and never switched, so it can be shared by all requests (CSV files,
// messages, the audit log, tests). Pages get their strings another way, one language and only the
// namespaces they use (./page.ts, ./strings.server.ts, docs/decisions/012-client-strings.md).
import i18next, { type i18n } from "i18next";
import type { Locale } from "~/shared/catalog";
import en, { type Messages } from "./en";
import fi from "./fi";
import sv from "./sv";

export const catalogues: Record<Locale, Messages> = { fi, sv, en };

const instances = new Map<Locale, i18n>();

export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}

function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    supportedLngs: ["fi", "sv", "en"],
    fallbackLng: false,
    resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
}
