// i18next with the three bundled catalogues. The same instance setup runs on the server (one
// instance per request, in entry.server.tsx) and in the browser (entry.client.tsx), synchronously.
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "~/domain/catalog";
import en, { type Messages } from "./locales/en";
import fi from "./locales/fi";
import sv from "./locales/sv";

export const catalogues: Record<Locale, Messages> = { fi, sv, en };

export function createI18n(locale: Locale): i18n {
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
