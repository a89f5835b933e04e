// The demo city's accounts, pupil codes and rounds, named for the tests: the one definition the
// unit, integration and end-to-end suites share. Accounts and codes come from app/cli/demo-data.ts
// (what `cli seed` loads); this file only picks them out by role, school and class.
// No Prisma and no vitest/Playwright imports here, so that every suite can import it.
import { DEMO_ACCOUNTS, DEMO_PUPILS } from "../../app/cli/demo-data";

/** What a sign-in form takes: the object is posted as it is, so it holds nothing else. */
// A type (not an interface), so that it can be posted as a form (a Record<string, string>).
export type Credentials = { email: string; password: string };

type DemoAccount = (typeof DEMO_ACCOUNTS)[number];
type DemoPupil = (typeof DEMO_PUPILS)[number];

function demoAccount(role: DemoAccount["role"], school?: string): DemoAccount {
  const found = DEMO_ACCOUNTS.find((a) => a.role === role && (school === undefined || (a.schools as readonly string[]).includes(school)));
  if (!found) throw new Error(`app/cli/demo-data.ts has no ${role} account${school ? ` of school ${school}` : ""}`);
  return found;
}

function demoPupil(round: DemoPupil["round"], school: string, classLevel: number): string {
  const found = DEMO_PUPILS.find((p) => p.round === round && p.school === school && p.classLevel === classLevel);
  if (!found) throw new Error(`app/cli/demo-data.ts has no pupil of class ${classLevel} at ${school} in the ${round} round`);
  return found.code;
}

/** The demo staff accounts with their display names. */
export const DEMO_STAFF = {
  admin: demoAccount("admin"),
  coordinator: demoAccount("coordinator"),
  /** Staff of 00501 and 00502. */
  staff: demoAccount("staff", "00501"),
  /** Staff of 00105 (Swedish-language). */
  staffSv: demoAccount("staff", "00105"),
} as const;

const credentials = (account: DemoAccount): Credentials => ({ email: account.email, password: account.password });

/** Email and password of each demo staff account. */
export const ACCOUNTS = {
  admin: credentials(DEMO_STAFF.admin),
  coordinator: credentials(DEMO_STAFF.coordinator),
  /** Staff of 00501 and 00502. */
  staff: credentials(DEMO_STAFF.staff),
  /** Staff of 00105. */
  staffSv: credentials(DEMO_STAFF.staffSv),
} as const satisfies Record<string, Credentials>;

/** Sign-in codes of the demo pupils. */
export const PUPILS = {
  /** 00501, class 8, current round (voting phase). */
  malmi8: demoPupil("current", "00501", 8),
  /** 00105, class 9. */
  topelius9: demoPupil("current", "00105", 9),
  /** 00502, class 11. */
  malmiLukio11: demoPupil("current", "00502", 11),
  /** 00501, class 5. */
  malmi5: demoPupil("current", "00501", 5),
  /** 00501, the ended round omakoulu-2025. */
  ended: demoPupil("past", "00501", 9),
  /** 00501, class 8, the school round (collecting ideas): pseudonym 8-DEM5. */
  schoolRound8: demoPupil("school", "00501", 8),
  /** 00501, class 7, the school round: pseudonym 7-DEM6. */
  schoolRound7: demoPupil("school", "00501", 7),
} as const;

/**
 * Slugs of the demo rounds. They are defined in app/cli/seed.server.ts, which cannot be imported
 * here (it opens the database); they belong in app/cli/demo-data.ts beside the accounts.
 */
export const DEMO_ROUNDS = {
  /** The city round, in its voting phase. */
  current: "omakoulu-demo",
  /** The ended city round. */
  past: "omakoulu-2025",
  /** The school round of Malmin peruskoulu (00501), collecting ideas. */
  school: "malmin-peruskoulu-2027",
} as const;
