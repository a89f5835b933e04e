// Results in the browser (docs/domain.md): a round of its own, made with the CLI beside the running
// server, gets a pupil's idea as a ballot project and paper ballots; voting is then ended by moving
// the round's later dates into the past. A coordinator publishes the results, the pupil (still
// signed in from before voting closed) sees "selected" in their timeline, and axe finds nothing on
// the results page in Finnish, Swedish and English.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE_URL } from "./env";
import { expectNoAxeViolations, LANGS, postApproval, postIdea, runId, signInPupil, signInStaff, switchLanguage } from "./helpers";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const TMP = path.join(ROOT, "tests", ".tmp");

/** What the results pages say, per language (copied from app/features/results/strings.ts on purpose). */
const R = {
  fi: { publish: "Julkaise tulokset", publishedNow: "Tulokset on julkaistu. Nyt kaikki näkevät ne.", selected: "Valittu", notSelected: "Ei valittu", compare: "Vertaa tasaosuusmenetelmään" },
  sv: { publish: "Publicera resultaten", publishedNow: "Resultaten är publicerade. Nu kan alla se dem.", selected: "Valt", notSelected: "Inte valt", compare: "Jämför med metoden med lika andelar" },
  en: { publish: "Publish the results", publishedNow: "The results are published. Everyone can now see them.", selected: "Chosen", notSelected: "Not chosen", compare: "Compare with the method of equal shares" },
} as const;
const SELECTED_EVENT = "Hanke valittiin äänestyksessä";

/** Today in Helsinki, YYYY-MM-DD (phase dates are Helsinki days). */
const TODAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
function day(offset: number): string {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

function cli(args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", path.join("app", "cli", "main.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: E2E_DATABASE_URL },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 90_000,
  });
}

const SLUG = `results-e2e-${runId().toLowerCase()}`;
let dir: string;

function createRound(name: string, phases: { proposals: [string, string]; review: [string, string]; voting: [string, string]; results: string }) {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      slug: SLUG,
      name: { fi: "Tulokset testissä", sv: "Resultat i testet", en: "Results under test" },
      scope: "city",
      ballot: { style: "approval", maxPicks: 2 },
      rule: "greedy",
      classLevels: [8],
      areas: [{ area: "koillinen", budget: 100000 }],
      phases,
    }),
  );
  cli(["create-round", file]);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  fs.mkdirSync(TMP, { recursive: true });
  dir = fs.mkdtempSync(path.join(TMP, "results-e2e-"));
});
test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("a coordinator publishes the results; the proposer sees 'selected'; axe finds nothing in fi, sv and en", async ({ browser }) => {
  test.setTimeout(180_000);
  // Ideas are open today.
  createRound("r1", { proposals: [day(0), day(0)], review: [day(1), day(2)], voting: [day(3), day(4)], results: day(5) });
  const codes = cli(["issue-codes", "--round", SLUG, "--school", "00501", "--class-level", "8", "--count", "3"]).trim().split("\n").slice(1);
  expect(codes).toHaveLength(3);

  const pupilContext = await browser.newContext();
  const pupil = await pupilContext.newPage();
  await signInPupil(pupil, codes[0]);
  const idea = await postIdea(pupil, { title: "Kiipeilyseinä liikuntasaliin", description: "Liikuntasaliin kiipeilyseinä, jota kaikki luokat voivat käyttää." });

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signInStaff(staff, "staff");
  await postApproval(staff, idea);
  const made = await staff.request.post(`/projects/new?round=${SLUG}`, {
    form: { code: "KOI-A", titleFi: "Kiipeilyseinä", titleSv: "Klättervägg", titleEn: "Climbing wall", area: "koillinen", sector: "basic", cost: "60000", proposals: idea },
    maxRedirects: 0,
  });
  expect(made.status()).toBe(302);
  await staffContext.close();
  const projects = path.join(dir, "projects.csv");
  fs.writeFileSync(projects, "code,title_fi,title_sv,title_en,area,sector,cost\nKOI-B,Bändikamari,Bandrum,Band room,koillinen,basic,50000\n");
  cli(["import-projects", "--round", SLUG, projects]);

  // Voting opened yesterday; three paper ballots: KOI-A 3 votes, KOI-B 1 (and then no longer fits).
  createRound("r2", { proposals: [day(-6), day(-5)], review: [day(-4), day(-3)], voting: [day(-1), day(3)], results: day(5) });
  const paper = path.join(dir, "paper.csv");
  fs.writeFileSync(paper, `code,area,projects\n${codes[0]},koillinen,KOI-A\n${codes[1]},koillinen,KOI-A KOI-B\n${codes[2]},koillinen,KOI-A\n`);
  cli(["import-paper-ballots", "--round", SLUG, paper]);
  // Voting ended yesterday; the results day is today.
  createRound("r3", { proposals: [day(-6), day(-5)], review: [day(-4), day(-3)], voting: [day(-1), day(-1)], results: day(0) });

  // Before publishing, the public gets a 404.
  const anonymous = await browser.newContext();
  const before = await anonymous.request.get(`/rounds/${SLUG}/results`);
  expect(before.status()).toBe(404);

  // The coordinator publishes.
  const coordinatorContext = await browser.newContext();
  const coordinator = await coordinatorContext.newPage();
  await signInStaff(coordinator, "coordinator");
  await coordinator.goto(`/rounds/${SLUG}`);
  await coordinator.getByRole("link", { name: "Tulokset", exact: true }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/rounds/${SLUG}/results$`));
  await expectNoAxeViolations(coordinator, "results before publishing (fi)");
  await coordinator.getByRole("button", { name: R.fi.publish }).click();
  await expect(coordinator.getByText(R.fi.publishedNow)).toBeVisible();
  await expect(coordinator.getByRole("button", { name: R.fi.publish })).toHaveCount(0);
  const rowA = coordinator.getByRole("row", { name: /KOI-A/ });
  await expect(rowA).toContainText(R.fi.selected);
  await expect(coordinator.getByRole("row", { name: /KOI-B/ })).toContainText(R.fi.notSelected);

  for (const lang of LANGS) {
    await switchLanguage(coordinator, lang);
    await expect(coordinator.getByRole("row", { name: /KOI-A/ }).getByRole("cell").last()).toHaveText(new RegExp(`${R[lang].selected}$`));
    await expectNoAxeViolations(coordinator, `results (${lang})`);
    await coordinator.getByRole("link", { name: R[lang].compare }).click();
    await expect(coordinator).toHaveURL(/compare=1/);
    await expectNoAxeViolations(coordinator, `results compared with equal shares (${lang})`);
    await coordinator.goto(`/rounds/${SLUG}/results`);
  }
  await coordinatorContext.close();

  // Everybody sees them now.
  const publicPage = await anonymous.newPage();
  await publicPage.goto(`/rounds/${SLUG}/results`);
  await expect(publicPage.getByRole("row", { name: /KOI-A/ })).toContainText(R.fi.selected);
  await expectNoAxeViolations(publicPage, "published results, signed out (fi)");
  await anonymous.close();

  // The proposer, still signed in, sees the outcome in their timeline.
  await pupil.goto("/my-ideas");
  await expect(pupil.getByText(SELECTED_EVENT)).toBeVisible();
  await expectNoAxeViolations(pupil, "my ideas after the results");
  await pupilContext.close();
});
