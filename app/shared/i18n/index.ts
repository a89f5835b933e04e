// i18next with the three bundled catalogues: one instance per language, created synchronously on
// first use and never switched, so it can be shared by all requests on the server. root.tsx picks
// the instance of the page's language (from the root loader) and provides it to the whole page.
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
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
  void instance.use(initReactI18next).init({
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
