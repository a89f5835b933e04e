// The demo city: plausible Helsinki schools across areas, types and both languages, and the
// accounts listed in README.md. Used only by `cli seed` (and `npm start` on an empty database).
import type { AreaSlug, SchoolLanguage, SchoolType } from "~/shared/catalog";

export interface DemoSchool {
  code: string;
  fi: string;
  sv: string;
  en: string;
  type: SchoolType;
  language: SchoolLanguage;
  area: Exclude<AreaSlug, "koko-kaupunki">;
}

const fiSchool = (code: string, fi: string, sv: string, type: SchoolType, area: DemoSchool["area"]): DemoSchool => ({
  code, fi, sv, en: fi, type, language: "fi", area,
});
const svSchool = (code: string, sv: string, fi: string, type: SchoolType, area: DemoSchool["area"]): DemoSchool => ({
  code, fi, sv, en: sv, type, language: "sv", area,
});

export const DEMO_SCHOOLS: DemoSchool[] = [
  fiSchool("00101", "Ressun peruskoulu", "Ressu grundskola", "11", "etelainen"),
  fiSchool("00102", "Ressun lukio", "Ressu gymnasium", "15", "etelainen"),
  fiSchool("00103", "Tehtaanpuiston yläasteen koulu", "Fabriksparkens högstadieskola", "11", "etelainen"),
  fiSchool("00104", "Helsingin normaalilyseo", "Helsingfors normallyceum", "19", "etelainen"),
  svSchool("00105", "Zacharias Topeliusskolan", "Zacharias Topeliuksen koulu", "11", "etelainen"),
  svSchool("00106", "Gymnasiet Lärkan", "Lärkanin lukio", "15", "etelainen"),
  svSchool("00107", "Tölö gymnasium", "Töölön ruotsinkielinen lukio", "15", "etelainen"),
  fiSchool("00201", "Munkkiniemen yhteiskoulu", "Munksnäs samskola", "19", "lantinen"),
  fiSchool("00202", "Etelä-Haagan koulu", "Södra Haga skola", "11", "lantinen"),
  fiSchool("00203", "Kannelmäen peruskoulu", "Gamlas grundskola", "11", "lantinen"),
  fiSchool("00204", "Pitäjänmäen peruskoulu", "Sockenbacka grundskola", "11", "lantinen"),
  svSchool("00205", "Minervaskolan", "Minervan koulu", "11", "lantinen"),
  fiSchool("00301", "Kallion lukio", "Berghälls gymnasium", "15", "keskinen"),
  fiSchool("00302", "Mäkelänrinteen lukio", "Mäkelänrinteen lukio (Mäkelabacken)", "15", "keskinen"),
  fiSchool("00303", "Kalasataman peruskoulu", "Fiskehamnens grundskola", "11", "keskinen"),
  fiSchool("00304", "Stadin ammatti- ja aikuisopisto, Vilhonvuori", "Stadin ammatti- ja aikuisopisto, Vilhelmsberg", "21", "keskinen"),
  svSchool("00305", "Prakticum", "Prakticum", "21", "keskinen"),
  fiSchool("00401", "Pakilan yläasteen koulu", "Baggböle högstadieskola", "11", "pohjoinen"),
  fiSchool("00402", "Paloheinän koulu", "Svedängens skola", "11", "pohjoinen"),
  fiSchool("00403", "Oulunkylän yhteiskoulu", "Åggelby samskola", "19", "pohjoinen"),
  svSchool("00404", "Kottby grundskola", "Käpylän ruotsinkielinen peruskoulu", "11", "pohjoinen"),
  fiSchool("00501", "Malmin peruskoulu", "Malms grundskola", "11", "koillinen"),
  fiSchool("00502", "Malmin lukio", "Malms gymnasium", "15", "koillinen"),
  fiSchool("00503", "Pukinmäenkaaren peruskoulu", "Bocksbackabågens grundskola", "11", "koillinen"),
  fiSchool("00504", "Latokartanon peruskoulu", "Ladugårdens grundskola", "11", "koillinen"),
  fiSchool("00505", "Stadin ammatti- ja aikuisopisto, Malmi", "Stadin ammatti- ja aikuisopisto, Malm", "21", "koillinen"),
  fiSchool("00601", "Herttoniemen yhteiskoulu", "Hertonäs samskola", "11", "kaakkoinen"),
  fiSchool("00602", "Laajasalon peruskoulu", "Degerö grundskola", "11", "kaakkoinen"),
  fiSchool("00603", "Kulosaaren yhteiskoulu", "Brändö samskola", "19", "kaakkoinen"),
  svSchool("00604", "Brändö gymnasium", "Kulosaaren ruotsinkielinen lukio", "15", "kaakkoinen"),
  fiSchool("00605", "Stadin ammatti- ja aikuisopisto, Roihupelto", "Stadin ammatti- ja aikuisopisto, Kasberget", "21", "kaakkoinen"),
  fiSchool("00701", "Vuosaaren lukio", "Nordsjö gymnasium", "15", "itainen"),
  fiSchool("00702", "Meri-Rastilan peruskoulu", "Havsrastböle grundskola", "11", "itainen"),
  fiSchool("00703", "Itäkeskuksen peruskoulu", "Östra centrums grundskola", "11", "itainen"),
  fiSchool("00704", "Kallahden peruskoulu", "Kallviks grundskola", "11", "itainen"),
  svSchool("00705", "Botby grundskola", "Puotilan ruotsinkielinen peruskoulu", "11", "itainen"),
  fiSchool("00706", "Stadin ammatti- ja aikuisopisto, Myllypuro", "Stadin ammatti- ja aikuisopisto, Kvarnbäcken", "21", "itainen"),
];

/** Schools whose teachers may sign in with the school account in the demo (docs/mpassid.md). */
export const DEMO_STAFF_SIGNIN_SCHOOLS: readonly string[] = ["00501"];

/** Demo passwords are public (README.md); the seed refuses to run when NODE_ENV=production without OMAKOULU_DEMO. */
export const DEMO_ACCOUNTS = [
  { email: "admin@omakoulu.test", name: "Aino Ylläpitäjä", role: "admin", password: "Demo-admin-2026", schools: [] },
  { email: "koordinaattori@omakoulu.test", name: "Kaisa Koordinaattori", role: "coordinator", password: "Demo-coordinator-2026", schools: [] },
  { email: "opettaja@omakoulu.test", name: "Olli Opettaja", role: "staff", password: "Demo-staff-2026", schools: ["00501", "00502"] },
  { email: "larare@omakoulu.test", name: "Lena Lärare", role: "staff", password: "Demo-staff-2026", schools: ["00105"] },
] as const;

/** Fixed demo pupil codes (real codes are random, see domain/codes.ts). */
export const DEMO_PUPILS = [
  { code: "DEM0-0000-0001", school: "00501", classLevel: 8, round: "current" },
  { code: "DEM0-0000-0002", school: "00105", classLevel: 9, round: "current" },
  { code: "DEM0-0000-0003", school: "00502", classLevel: 11, round: "current" },
  { code: "DEM0-0000-0004", school: "00501", classLevel: 5, round: "current" },
  { code: "DEM0-0000-0009", school: "00501", classLevel: 9, round: "past" },
  { code: "DEM0-0000-0005", school: "00501", classLevel: 8, round: "school" },
  { code: "DEM0-0000-0006", school: "00501", classLevel: 7, round: "school" },
] as const;

/**
 * Eligible pupils per class level by school type, and a school-size factor per school, so that
 * enrolment looks like Helsinki's (a comprehensive school has ~60–120 pupils per year group).
 */
export function demoEnrolment(school: DemoSchool, classLevel: number): number {
  const size = 0.7 + ((Number(school.code) * 37) % 60) / 100; // 0.70 … 1.29, stable per school
  const perLevel: Record<SchoolType, (level: number) => number> = {
    "11": (l) => (l >= 7 && l <= 9 ? 90 : l <= 6 ? 70 : 0),
    "12": (l) => (l <= 9 ? 12 : 0),
    "15": (l) => (l >= 10 ? 130 : 0),
    "19": (l) => (l >= 7 && l <= 9 ? 80 : l >= 10 ? 110 : 0),
    "21": (l) => (l >= 10 ? 260 : 0),
    "63": () => 0,
  };
  const languageFactor = school.language === "sv" ? 0.6 : 1;
  return Math.round(perLevel[school.type](classLevel) * size * languageFactor);
}
