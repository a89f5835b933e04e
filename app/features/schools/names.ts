// Names in the reader's language: schools, rounds and areas carry theirs in Finnish, Swedish and
// English (docs/domain.md). Pure, so pages and the server share it.
import type { Locale } from "~/shared/catalog";

/** Anything with names in the three languages (schools, rounds, areas). */
export interface Named {
  nameFi: string;
  nameSv: string;
  nameEn: string;
}

export function localName(named: Named, locale: Locale): string {
  return { fi: named.nameFi, sv: named.nameSv, en: named.nameEn }[locale];
}
