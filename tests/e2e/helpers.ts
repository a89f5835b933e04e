// Shared helpers for the end-to-end suite: demo accounts (from tests/support/demo-accounts.ts), the
// words users see in each language, sign-in through the real forms, the language switcher, axe
// scans, and the CLI on the e2e database.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { built, BUILT_CLI } from "../support/built";
import { ACCOUNTS as CREDENTIALS, DEMO_ROUNDS, DEMO_STAFF, PUPILS, type Credentials } from "../support/demo-accounts";
import { E2E_DATABASE_URL } from "./env";

export type Lang = "fi" | "sv" | "en";
export const LANGS: readonly Lang[] = ["fi", "sv", "en"];
export type StaffRole = "admin" | "coordinator" | "staff";
export type Role = StaffRole | "pupil";

export const ACCOUNTS: Record<StaffRole, Credentials & { name: string }> = {
  admin: { ...CREDENTIALS.admin, name: DEMO_STAFF.admin.name },
  coordinator: { ...CREDENTIALS.coordinator, name: DEMO_STAFF.coordinator.name },
  staff: { ...CREDENTIALS.staff, name: DEMO_STAFF.staff.name },
};
export const SWEDISH_STAFF = CREDENTIALS.staffSv;

export const PUPIL_CODE = PUPILS.malmi8; // school 00501, class 8, current round
export const PUPIL_CODES = [PUPILS.malmi8, PUPILS.topelius9, PUPILS.malmiLukio11] as const;
export const ENDED_ROUND_CODE = PUPILS.ended;
export const ROUND_SLUG = DEMO_ROUNDS.current;

/** What users see, per language (copied from app/shared/i18n and the features' strings.ts on purpose: a change shows here). */
export const T = {
  fi: {
    languageName: "Suomi",
    signIn: "Kirjaudu",
    signOut: "Kirjaudu ulos",
    skip: "Siirry pääsisältöön",
    mainNav: "Päävalikko",
    home: "Etusivu",
    homeTitle: "Sinun ideasi, sinun koulusi, sinun äänesi",
    loginTitle: "Henkilökunnan kirjautuminen",
    codeTitle: "Kirjaudu koodillasi",
    email: "Sähköpostiosoite",
    password: "Salasana",
    code: "Koodisi",
    submit: "Kirjaudu",
    accountTitle: "Oma sivu",
    signedOut: "Olet kirjautunut ulos.",
    invalidCredentials: "Sähköpostiosoite tai salasana on väärin. Tarkista ne ja yritä uudelleen.",
    codeInvalid: "Koodi: tämä koodi ei toimi. Vertaa sitä lappuusi tai pyydä opettajalta uusi.",
    notFoundTitle: "Sivua ei löydy",
    nav: { account: "Oma sivu", schools: "Koulut", rounds: "Kierrokset", users: "Käyttäjät", ideas: "Ideat", myIdeas: "Omat ideat", moderation: "Moderointi", projects: "Hankkeet", codes: "Koodit", paper: "Paperiäänet", vote: "Äänestä", turnout: "Aktiivisuus", audit: "Lokitiedot" },
    roles: { pupil: "Oppilas", staff: "Henkilökunta", coordinator: "Koordinaattori", admin: "Ylläpitäjä" },
  },
  sv: {
    languageName: "Svenska",
    signIn: "Logga in",
    signOut: "Logga ut",
    skip: "Hoppa till huvudinnehållet",
    mainNav: "Huvudmeny",
    home: "Startsida",
    homeTitle: "Dina idéer, din skola, din röst",
    loginTitle: "Inloggning för personal",
    codeTitle: "Logga in med din kod",
    email: "E-postadress",
    password: "Lösenord",
    code: "Din kod",
    submit: "Logga in",
    accountTitle: "Min sida",
    signedOut: "Du har loggat ut.",
    invalidCredentials: "E-postadressen eller lösenordet är fel. Kontrollera dem och försök igen.",
    codeInvalid: "Kod: den här koden fungerar inte. Jämför den med din lapp eller be din lärare om en ny.",
    notFoundTitle: "Sidan hittades inte",
    nav: { account: "Min sida", schools: "Skolor", rounds: "Omgångar", users: "Användare", ideas: "Idéer", myIdeas: "Mina idéer", moderation: "Moderering", projects: "Projekt", codes: "Koder", paper: "Pappersröster", vote: "Rösta", turnout: "Deltagande", audit: "Logg" },
    roles: { pupil: "Elev", staff: "Personal", coordinator: "Koordinator", admin: "Administratör" },
  },
  en: {
    languageName: "English",
    signIn: "Sign in",
    signOut: "Sign out",
    skip: "Skip to main content",
    mainNav: "Main navigation",
    home: "Front page",
    homeTitle: "Your ideas, your school, your vote",
    loginTitle: "Staff sign-in",
    codeTitle: "Sign in with your code",
    email: "Email address",
    password: "Password",
    code: "Your code",
    submit: "Sign in",
    accountTitle: "My page",
    signedOut: "You have signed out.",
    invalidCredentials: "The email address or password is wrong. Check them and try again.",
    codeInvalid: "Code: this code does not work. Check it against your slip, or ask your teacher for a new one.",
    notFoundTitle: "Page not found",
    nav: { account: "My page", schools: "Schools", rounds: "Rounds", users: "Users", ideas: "Ideas", myIdeas: "My ideas", moderation: "Moderation", projects: "Projects", codes: "Codes", paper: "Paper ballots", vote: "Vote", turnout: "Turnout", audit: "Audit log" },
    roles: { pupil: "Pupil", staff: "Staff", coordinator: "Coordinator", admin: "Administrator" },
  },
} as const;

/** The header navigation each role sees, in order, after the front-page link ("ideas" is there for everyone, signed in or not). */
export const NAV: Record<Role, readonly (keyof (typeof T)["fi"]["nav"])[]> = {
  pupil: ["ideas", "vote", "myIdeas", "account"],
  staff: ["ideas", "moderation", "projects", "codes", "paper", "turnout", "schools", "account"],
  coordinator: ["ideas", "rounds", "moderation", "projects", "codes", "paper", "turnout", "schools", "audit", "account"],
  admin: ["ideas", "users", "rounds", "moderation", "projects", "codes", "paper", "turnout", "schools", "audit", "account"],
};

export function mainNav(page: Page, lang: Lang) {
  return page.getByRole("navigation", { name: T[lang].mainNav });
}

/** Language-switcher button; the current language's button is named just by the language. */
export function languageButton(page: Page, target: Lang) {
  return page.locator(`form[action="/language"] button[value="${target}"]`);
}

/** Switches language with the header's switcher (a plain form) and waits for the page to follow. */
export async function switchLanguage(page: Page, target: Lang) {
  if ((await page.locator("html").getAttribute("lang")) === target) return;
  await languageButton(page, target).click();
  await expect(page.locator("html")).toHaveAttribute("lang", target);
  await expect(languageButton(page, target)).toHaveAttribute("aria-current", "true");
}

/** Signs in on /login with email and password, and waits for /account. */
export async function signInStaff(page: Page, role: StaffRole, lang: Lang = "fi") {
  const account = ACCOUNTS[role];
  await page.goto("/login");
  await page.getByLabel(T[lang].email, { exact: true }).fill(account.email);
  await page.getByLabel(T[lang].password, { exact: true }).fill(account.password);
  await page.getByRole("main").getByRole("button", { name: T[lang].submit, exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: T[lang].accountTitle })).toBeVisible();
}

/** Signs in on /login/code with a pupil code, and waits for /account. */
export async function signInPupil(page: Page, code: string = PUPIL_CODE, lang: Lang = "fi") {
  await page.goto("/login/code");
  await page.getByLabel(T[lang].code, { exact: true }).fill(code);
  await page.getByRole("main").getByRole("button", { name: T[lang].submit, exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: T[lang].accountTitle })).toBeVisible();
}

export async function signIn(page: Page, role: Role, lang: Lang = "fi") {
  if (role === "pupil") await signInPupil(page, PUPIL_CODE, lang);
  else await signInStaff(page, role, lang);
}

/** The "role" fact on /account. */
export function accountRole(page: Page, lang: Lang) {
  const label = { fi: "Rooli", sv: "Roll", en: "Role" }[lang];
  return page.locator("dl.facts-list dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now and returns readable violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help} [${v.helpUrl}]\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`).join("\n"),
  );
}

/** Soft-asserts zero axe violations, so one test can report every page it scans. */
export async function expectNoAxeViolations(page: Page, label: string) {
  const violations = await axeViolations(page);
  expect.soft(violations, `axe violations on ${label} (${page.url()}):\n${violations.join("\n")}`).toEqual([]);
}

/** Opens a page and checks it is the page it should be (not a 404 because it does not exist yet), in the language it should be. */
export async function visit(page: Page, path: string, lang: Lang, status = 200) {
  const response = await page.goto(path);
  expect.soft(response?.status(), `HTTP status of ${path}`).toBe(status);
  expect.soft(await page.locator("html").getAttribute("lang"), `<html lang> of ${path}`).toBe(lang);
}

/** visit, then expectNoAxeViolations. */
export async function scan(page: Page, path: string, lang: Lang, status = 200) {
  await visit(page, path, lang, status);
  await expectNoAxeViolations(page, `${path} (${lang})`);
}

// ---- the CLI on the e2e database ---------------------------------------------------------------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TMP = path.join(ROOT, "tests", ".tmp");

/** Runs the CLI on the e2e database (see tests/playwright.config.ts) beside the running server; returns its stdout. */
export function cli(args: readonly string[]): string {
  return execFileSync(process.execPath, [built(BUILT_CLI), ...args], {
    cwd: ROOT,
    // The e2e database; not production, whatever the runner's NODE_ENV.
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: E2E_DATABASE_URL },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 90_000,
  });
}

/** New pupil codes with `issue-codes`, as printed under the header "code". */
export function issueCodes(round: string, school: string, classLevel: number, count: number): string[] {
  const [header, ...codes] = cli(["issue-codes", "--round", round, "--school", school, "--class-level", String(classLevel), "--count", String(count)]).trim().split(/\r?\n/);
  expect(header).toBe("code");
  return codes;
}

// ---- proposals (ideas) ------------------------------------------------------------------------

/** The school round of Malmin peruskoulu (00501), collecting ideas now, and its two demo pupils. */
export const SCHOOL_ROUND_SLUG = DEMO_ROUNDS.school;
export const SCHOOL_ROUND_PUPILS = {
  /** Class 8, pseudonym 8-DEM5. */
  dem5: { code: PUPILS.schoolRound8, pseudonym: "8-DEM5" },
  /** Class 7, pseudonym 7-DEM6. */
  dem6: { code: PUPILS.schoolRound7, pseudonym: "7-DEM6" },
} as const;

/** A short id for this run, so that ideas and projects made by a run never collide with an earlier run's. */
export function runId(): string {
  return `${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();
}

/** The idea id in a URL such as /ideas/ID?done=submitted or /moderation/ID. */
export function ideaIdFrom(url: string): string {
  const match = /\/(?:ideas|moderation)\/([^/?#]+)/.exec(new URL(url).pathname);
  if (!match?.[1]) throw new Error(`no idea id in ${url}`);
  return match[1];
}

/**
 * Setup without the UI (for tests about something else): a pupil page, signed in, sends an idea of
 * the school round with a form post, exactly as the no-JavaScript form does. Returns its id.
 */
export async function postIdea(page: Page, fields: { title: string; description: string; intent?: "submit" | "draft"; area?: string }) {
  const response = await page.request.post("/ideas/new", {
    form: { intent: fields.intent ?? "submit", title: fields.title, description: fields.description, area: fields.area ?? "koillinen", sector: "basic" },
    maxRedirects: 0,
  });
  expect(response.status(), `posting the idea "${fields.title}"`).toBe(302);
  return ideaIdFrom(new URL(response.headers()["location"] ?? "", "http://localhost").toString());
}

/** Setup without the UI: a staff page, signed in, approves a submitted idea with a form post. */
export async function postApproval(page: Page, id: string) {
  const html = await (await page.request.get(`/moderation/${id}`)).text();
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  expect(version, `the decision form of ${id}`).toBeDefined();
  const response = await page.request.post(`/moderation/${id}`, { form: { action: "approve", version: version ?? "" } });
  expect(response.status(), `approving ${id}`).toBe(200);
}

/**
 * Waits until React has hydrated the page (its handlers are attached to <main>): before that a click
 * is a plain form post and typing fires no React events, so JavaScript-only behaviour is not there yet.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactProps"));
  }, undefined, { timeout: 15_000 }).catch((error: unknown) => {
    // Seen when public/build was rebuilt under the running server: its scripts then answer 404.
    throw new Error(`the page ${page.url()} did not hydrate (did its scripts load?): ${String(error)}`);
  });
}
