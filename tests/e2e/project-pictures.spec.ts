// Project descriptions and pictures in the browser (issue 10): in a round of its own (made with the
// CLI beside the running server), staff make a ballot project from a pupil's idea with the "new
// project" form, choosing a picture (a PNG made here with pngjs) and writing descriptions and alt
// texts; the project list shows them. Voting then opens and the pupil sees the description (the
// long part behind "Read more") and the picture on the ballot. axe finds nothing on the pages.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { PNG } from "pngjs";
import { RESULTS_TIMELINE, roundDefinition, type RoundPhases } from "../support/rounds";
import { cli, expectNoAxeViolations, issueCodes, postApproval, postIdea, runId, signInPupil, signInStaff, switchLanguage, TMP } from "./helpers";

const SLUG = `pictures-e2e-${runId().toLowerCase()}`;
const CODE = "KUVA-1";
const SHORT_START = "Koulun pihalle rakennetaan kiipeilyteline";
const DESCRIPTION_FI = `${SHORT_START}, jossa on köysiä, renkaita ja matala tasapainopuomi. Teline sopii kaikenikäisille, ja sen alle tulee pehmeä turva-alusta.\nRakentaminen tehdään kesäloman aikana, joten välitunnit eivät häiriinny.`;
const ALT_FI = "Piirros kiipeilytelineestä koulun pihalla";
let dir: string;

function createRound(name: string, phases: RoundPhases) {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(roundDefinition(SLUG, { name: { fi: "Kuvat testissä", sv: "Bilder i testet", en: "Pictures under test" }, ballot: { style: "approval", maxPicks: 2 }, classLevels: [8], phases })));
  cli(["create-round", file]);
}

/** A 900 × 600 PNG: a blue sky over green grass. */
function picture(): string {
  const width = 900;
  const height = 600;
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) png.data.set(y < height * 0.6 ? [110, 170, 230, 255] : [60, 150, 70, 255], (y * width + x) * 4);
  }
  const file = path.join(dir, "kiipeilyteline.png");
  fs.writeFileSync(file, PNG.sync.write(png));
  return file;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  fs.mkdirSync(TMP, { recursive: true });
  dir = fs.mkdtempSync(path.join(TMP, "pictures-e2e-"));
});
test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("staff make a project with a picture; a pupil sees its description and picture on the ballot; axe finds nothing", async ({ browser }) => {
  test.setTimeout(180_000);
  createRound("r1", RESULTS_TIMELINE.ideasOpen());
  const [code] = issueCodes(SLUG, "00501", 8, 1);
  const pupilContext = await browser.newContext();
  const pupil = await pupilContext.newPage();
  await signInPupil(pupil, code);
  const idea = await postIdea(pupil, { title: "Kiipeilyteline pihalle", description: "Pihalle tarvitaan kiipeilyteline, jossa kaikki voivat leikkiä." });

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signInStaff(staff, "staff");
  await postApproval(staff, idea);

  // The "new project" form, filled in as staff do.
  await staff.goto(`/projects/new?round=${SLUG}`);
  await expect(staff.getByRole("heading", { level: 1, name: "Uusi äänestettävä hanke" })).toBeVisible();
  await staff.getByRole("checkbox", { name: /Kiipeilyteline pihalle/ }).check();
  await staff.getByLabel("Hankkeen tunnus").fill(CODE);
  await staff.getByLabel("Nimi suomeksi").fill("Kiipeilyteline");
  await staff.getByLabel("Nimi ruotsiksi").fill("Klätterställning");
  await staff.getByLabel("Nimi englanniksi").fill("Climbing frame");
  await staff.getByLabel("Hinta euroina").fill("15 000");
  await staff.getByLabel("Kuvaus suomeksi (vapaaehtoinen)").fill(DESCRIPTION_FI);
  await staff.getByLabel("Kuvaus englanniksi (vapaaehtoinen)").fill("A climbing frame for the school yard.");
  await staff.getByLabel("Kuva (vapaaehtoinen)").setInputFiles(picture());
  await staff.getByLabel("Kuvan kuvaus suomeksi").fill(ALT_FI);
  await staff.getByLabel("Kuvan kuvaus ruotsiksi").fill("Teckning av en klätterställning på skolgården");
  await staff.getByLabel("Kuvan kuvaus englanniksi").fill("Drawing of a climbing frame in the school yard");
  await expectNoAxeViolations(staff, "new project form with a picture (fi)");
  await staff.getByRole("button", { name: "Luo hanke" }).click();

  await expect(staff).toHaveURL(new RegExp(`/projects\\?.*created=${CODE}`));
  const row = staff.getByRole("row", { name: /Kiipeilyteline/ });
  await expect(row).toContainText(SHORT_START);
  const listed = row.getByRole("img", { name: ALT_FI });
  await expect(listed).toBeVisible();
  await expect(listed).toHaveAttribute("loading", "lazy");
  await expectNoAxeViolations(staff, "projects with a picture (fi)");

  // The edit page, with the current picture.
  await row.getByRole("link", { name: `Muokkaa hanketta ${CODE}` }).click();
  await expect(staff.getByRole("heading", { level: 1, name: `Muokkaa hanketta ${CODE}` })).toBeVisible();
  await expect(staff.getByRole("img", { name: ALT_FI })).toBeVisible();
  await expectNoAxeViolations(staff, "edit project (fi)");
  await staffContext.close();

  // Voting opens: the pupil's ballot shows the description and the picture.
  createRound("r2", RESULTS_TIMELINE.votingOpen());
  await pupil.goto("/vote");
  const card = pupil.locator(".ballot-card", { hasText: "Kiipeilyteline" });
  await expect(card).toContainText(SHORT_START);
  const img = card.getByRole("img", { name: ALT_FI });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(900);
  // The rest of a long description is behind "Read more".
  const more = card.locator("details");
  await expect(more.getByText("Rakentaminen tehdään kesäloman aikana", { exact: false })).toBeHidden();
  await more.locator("summary").click();
  await expect(more.getByText("Rakentaminen tehdään kesäloman aikana", { exact: false })).toBeVisible();
  await expectNoAxeViolations(pupil, "ballot with a picture (fi)");
  for (const lang of ["sv", "en"] as const) {
    await switchLanguage(pupil, lang);
    await expect(pupil.locator(".ballot-card", { hasText: "Kiipeilyteline" }).or(pupil.locator(".ballot-card", { hasText: lang === "sv" ? "Klätterställning" : "Climbing frame" })).first()).toBeVisible();
    await expectNoAxeViolations(pupil, `ballot with a picture (${lang})`);
  }
  await pupilContext.close();
});
