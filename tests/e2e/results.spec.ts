// Results in the browser (docs/domain.md): a round of its own, made with the CLI beside the running
// server, gets a pupil's idea as a ballot project and paper ballots; voting is then ended by moving
// the round's later dates into the past. A coordinator publishes the results, the pupil (still
// signed in from before voting closed) sees "selected" in their timeline, and axe finds nothing on
// the results page in Finnish, Swedish and English.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { RESULTS_TIMELINE, roundDefinition, type RoundPhases } from "../support/rounds";
import { cli, expectNoAxeViolations, issueCodes, LANGS, postApproval, postIdea, runId, signInPupil, signInStaff, switchLanguage, TMP } from "./helpers";

/** What the results pages say, per language (copied from app/features/results/strings.ts on purpose). */
const R = {
  fi: { publish: "Julkaise tulokset", publishedNow: "Tulokset on julkaistu. Nyt kaikki näkevät ne.", selected: "Valittu", notSelected: "Ei valittu", compare: "Vertaa tasaosuusmenetelmään" },
  sv: { publish: "Publicera resultaten", publishedNow: "Resultaten är publicerade. Nu kan alla se dem.", selected: "Valt", notSelected: "Inte valt", compare: "Jämför med metoden med lika andelar" },
  en: { publish: "Publish the results", publishedNow: "The results are published. Everyone can now see them.", selected: "Chosen", notSelected: "Not chosen", compare: "Compare with the method of equal shares" },
} as const;
const SELECTED_EVENT = "Hanke valittiin äänestyksessä";

const SLUG = `results-e2e-${runId().toLowerCase()}`;
let dir: string;

function createRound(name: string, phases: RoundPhases) {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      roundDefinition(SLUG, {
        name: { fi: "Tulokset testissä", sv: "Resultat i testet", en: "Results under test" },
        ballot: { style: "approval", maxPicks: 2 },
        classLevels: [8],
        phases,
      }),
    ),
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
  createRound("r1", RESULTS_TIMELINE.ideasOpen());
  const codes = issueCodes(SLUG, "00501", 8, 3);
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
  createRound("r2", RESULTS_TIMELINE.votingOpen());
  const paper = path.join(dir, "paper.csv");
  fs.writeFileSync(paper, `code,area,projects\n${codes[0]},koillinen,KOI-A\n${codes[1]},koillinen,KOI-A KOI-B\n${codes[2]},koillinen,KOI-A\n`);
  cli(["import-paper-ballots", "--round", SLUG, paper]);
  // Voting ended yesterday; the results day is today.
  createRound("r3", RESULTS_TIMELINE.votingEnded());

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
