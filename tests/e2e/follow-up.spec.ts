// The whole story from idea to "implemented", as the pupil sees it (issue 10): the demo's ended
// round OmaKoulu 2025 (app/cli/seed.server.ts) has the pupil DEM0-0000-0009's ideas, published
// results and progress updates up to an implemented project with a photo. The pupil signs in long
// after the round and follows the story from their ideas to the project page; staff post a new update
// through the form (with a photo), which appears in the pupil's timeline; with and without JavaScript,
// axe-clean in Finnish, Swedish and English.
import { PNG } from "pngjs";
import { expect, test, type Browser, type Page } from "./fixtures";
import { ENDED_ROUND_CODE, expectNoAxeViolations, LANGS, scan, signInPupil, signInStaff, type Lang } from "./helpers";
import { DEMO_ROUNDS } from "../support/demo-accounts";

const PAST = DEMO_ROUNDS.past;

const TEXT = {
  fi: { myIdeas: "Omat ideat", chosen: "Hanke valittiin äänestyksessä", implemented: "Toteutettu", outcomes: "Mitä ideoillemme tapahtui", done: "Pöydät ovat valmiit ja käytössä!" },
  sv: { myIdeas: "Mina idéer", chosen: "Projektet valdes i omröstningen", implemented: "Genomfört", outcomes: "Vad hände med våra idéer", done: "Borden är klara och används!" },
  en: { myIdeas: "My ideas", chosen: "The project was chosen in the vote", implemented: "Implemented", outcomes: "What happened to our ideas", done: "The tables are ready and in use!" },
} as const;

async function context(browser: Browser, lang: Lang, javaScriptEnabled: boolean) {
  return browser.newContext({
    baseURL: test.info().project.use.baseURL,
    javaScriptEnabled,
    locale: { fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[lang],
    timezoneId: "Europe/Helsinki",
  });
}

/** The pupil's path: sign in, my ideas (timeline with the updates), the project page with its photo. */
async function followTheStory(page: Page, lang: Lang, axe = true) {
  const t = TEXT[lang];
  // axe runs inside the page: only where JavaScript is on (the no-JS journey is scanned with it on).
  const check = (label: string) => (axe ? expectNoAxeViolations(page, label) : Promise.resolve());
  await signInPupil(page, ENDED_ROUND_CODE, lang);
  await page.goto("/my-ideas");
  const idea = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Pingispöytä pihalle" }) }).first();
  await expect(idea).toContainText(t.chosen);
  await expect(idea).toContainText(t.done);
  await check(`my ideas (${lang})`);
  await idea.getByRole("link", { name: /K25-01/ }).first().click();
  await expect(page).toHaveURL(/\/projects\/[^/]+/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("K25-01");
  await expect(page.locator(".badge").first()).toHaveText(t.implemented);
  const photo = page.locator("img.picture").first();
  await expect(photo).toBeVisible();
  expect(await photo.getAttribute("alt")).toBeTruthy();
  // The photo is a real picture that the browser decoded (it loads lazily: scroll to it, then wait for it).
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await check(`project page (${lang})`);
  await page.getByRole("link", { name: t.outcomes }).click();
  await expect(page.getByRole("table")).toContainText({ fi: "Malmin peruskoulu", sv: "Malms grundskola", en: "Malmi" }[lang]);
  await check(`what happened to our ideas (${lang})`);
}

for (const javaScriptEnabled of [true, false]) {
  test(`a pupil follows their idea to "implemented" long after the round (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const ctx = await context(browser, "fi", javaScriptEnabled);
    await followTheStory(await ctx.newPage(), "fi", javaScriptEnabled);
    await ctx.close();
  });
}

for (const lang of ["sv", "en"] as const) {
  test(`the story reads in ${lang} and is axe-clean`, async ({ browser }) => {
    const ctx = await context(browser, lang, true);
    await followTheStory(await ctx.newPage(), lang);
    await ctx.close();
  });
}

test("the front page links to published results and to what happened to the ideas, axe-clean in every language", async ({ browser }) => {
  for (const lang of LANGS) {
    const ctx = await context(browser, lang, true);
    const page = await ctx.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: new RegExp(TEXT[lang].outcomes) }).first().click();
    await expect(page).toHaveURL(new RegExp(`/rounds/${PAST}/follow-up`));
    await scan(page, `/rounds/${PAST}/follow-up?school=00501`, lang);
    await ctx.close();
  }
});

function photoFile(): { name: string; mimeType: string; buffer: Buffer } {
  const image = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([30, 120, 200, 255], i);
  return { name: "valmis.png", mimeType: "image/png", buffer: PNG.sync.write(image) };
}

for (const javaScriptEnabled of [true, false]) {
  test(`staff post a progress update with a photo and the proposer sees it (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const staffContext = await context(browser, "fi", javaScriptEnabled);
    const staff = await staffContext.newPage();
    await signInStaff(staff, "staff");
    await staff.goto(`/rounds/${PAST}/results`);
    await staff.getByRole("link", { name: /K25-02/ }).first().click();
    await expect(staff.getByRole("heading", { name: "Kerro hankkeen etenemisestä" })).toBeVisible();
    if (javaScriptEnabled) await expectNoAxeViolations(staff, "project page with the update form");

    const note = `Lisää pelejä tuli ${javaScriptEnabled ? "A" : "B"}-${Date.now().toString(36)}`;
    await staff.getByLabel("Uusi tila").selectOption("in-progress");
    // A photo without descriptions is refused, and what was typed is kept.
    await staff.getByLabel("Tilannetieto suomeksi").fill(note);
    await staff.getByLabel("Tilannetieto ruotsiksi").fill("Fler spel kom.");
    await staff.getByLabel("Tilannetieto englanniksi").fill("More games arrived.");
    await staff.getByLabel("Valokuva (vapaaehtoinen)").setInputFiles(photoFile());
    await staff.getByRole("button", { name: "Julkaise tilannetieto" }).click();
    await expect(staff.getByRole("alert")).toContainText("Kuvaile kuva jokaisella kielellä");
    await expect(staff.getByLabel("Tilannetieto suomeksi")).toHaveValue(note);
    if (javaScriptEnabled) await expectNoAxeViolations(staff, "update form with an error");

    await staff.getByLabel("Valokuva (vapaaehtoinen)").setInputFiles(photoFile());
    await staff.getByLabel("Kuvan kuvaus suomeksi").fill("Sininen kuva");
    await staff.getByLabel("Kuvan kuvaus ruotsiksi").fill("En blå bild");
    await staff.getByLabel("Kuvan kuvaus englanniksi").fill("A blue picture");
    await staff.getByRole("button", { name: "Julkaise tilannetieto" }).click();
    await expect(staff.getByRole("status").filter({ hasText: "Tilannetieto julkaistiin" })).toBeVisible();
    await expect(staff.locator(".update__text").filter({ hasText: note })).toBeVisible();
    await expect(staff.getByAltText("Sininen kuva").first()).toBeVisible();
    // The form is empty again for the next update.
    await expect(staff.getByLabel("Tilannetieto suomeksi")).toHaveValue("");
    await staffContext.close();

    const pupilContext = await context(browser, "fi", javaScriptEnabled);
    const pupil = await pupilContext.newPage();
    await signInPupil(pupil, ENDED_ROUND_CODE);
    await pupil.goto("/my-ideas");
    await expect(pupil.getByText(note)).toBeVisible();
    await pupilContext.close();
  });
}

test.describe("narrow screens", () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test("project and follow-up pages fit 320 px without sideways scrolling", async ({ page }) => {
    await signInPupil(page, ENDED_ROUND_CODE);
    await page.goto("/my-ideas");
    await page.getByRole("link", { name: /K25-01/ }).first().click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.goto(`/rounds/${PAST}/follow-up?school=00501`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});
