// The fixed vocabulary of OmaKoulu (docs/domain.md): areas, education sectors, school types, languages.
// Plain data with no framework import, shared by the UI, the CLI, the seed and the tests.

export const LOCALES = ["fi", "sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fi";

export type Localised = Record<Locale, string>;

export const AREAS = [
  { slug: "etelainen", name: { fi: "Eteläinen", sv: "Södra", en: "Southern" } },
  { slug: "lantinen", name: { fi: "Läntinen", sv: "Västra", en: "Western" } },
  { slug: "keskinen", name: { fi: "Keskinen", sv: "Mellersta", en: "Central" } },
  { slug: "pohjoinen", name: { fi: "Pohjoinen", sv: "Norra", en: "Northern" } },
  { slug: "koillinen", name: { fi: "Koillinen", sv: "Nordöstra", en: "North-Eastern" } },
  { slug: "kaakkoinen", name: { fi: "Kaakkoinen", sv: "Sydöstra", en: "South-Eastern" } },
  { slug: "itainen", name: { fi: "Itäinen", sv: "Östra", en: "Eastern" } },
  { slug: "koko-kaupunki", name: { fi: "Koko Helsinki", sv: "Hela Helsingfors", en: "Whole city" } },
] as const satisfies ReadonlyArray<{ slug: string; name: Localised }>;
export type AreaSlug = (typeof AREAS)[number]["slug"];
export const AREA_SLUGS = AREAS.map((a) => a.slug) as unknown as readonly [AreaSlug, ...AreaSlug[]];
/** The pseudo-area of the city-wide ballot; no school belongs to it. */
export const CITY_WIDE: AreaSlug = "koko-kaupunki";
export const SCHOOL_AREA_SLUGS = AREA_SLUGS.filter((s) => s !== CITY_WIDE);

export const SECTORS = ["early-childhood", "basic", "upper-secondary", "vocational", "liberal-adult"] as const;
export type Sector = (typeof SECTORS)[number];

/** Statistics Finland institution-type codes used in OmaKoulu. */
export const SCHOOL_TYPES = ["11", "12", "15", "19", "21", "63"] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const SCHOOL_LANGUAGES = ["fi", "sv"] as const;
export type SchoolLanguage = (typeof SCHOOL_LANGUAGES)[number];

export const ROLES = ["pupil", "staff", "coordinator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const CLASS_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}

export function areaName(slug: string, locale: Locale): string {
  return AREAS.find((a) => a.slug === slug)?.name[locale] ?? slug;
}
