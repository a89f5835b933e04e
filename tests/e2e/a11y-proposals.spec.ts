// axe (WCAG 2.0 and 2.1, levels A and AA, as in a11y.spec.ts) on the idea pages in Finnish, Swedish
// and English: the public list with and without results, an idea's public page and its proposer's
// page with the story, the idea form empty and with errors, editing, "my ideas", moderation with an
// error, and ballot projects with an error. Then the idea form with the keyboard only.
import { expect, test, type Browser, type Page } from "./fixtures";
import {
  expectNoAxeViolations,
  LANGS,
  postApproval,
  postIdea,
  runId,
  scan,
  SCHOOL_ROUND_PUPILS,
  SCHOOL_ROUND_SLUG,
  signInPupil,
  signInStaff,
  switchLanguage,
  T,
  waitForHydration,
} from "./helpers";

const RUN = runId();


/** The words needed to reach each state, per language. */
const W = {
  fi: { submitIdea: "Lähetä idea", save: "Tallenna päätös", create: "Luo hanke", queue: "Odottaa käsittelyä" },
  sv: { submitIdea: "Skicka idén", save: "Spara beslutet", create: "Skapa projekt", queue: "Väntar på behandling" },
  en: { submitIdea: "Send the idea", save: "Save decision", create: "Create project", queue: "Waiting for review" },
} as const;

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

for (const lang of LANGS) {
  test.describe(`in ${T[lang].languageName} (${lang})`, () => {
    test(`public idea pages have no axe violations (${lang})`, async ({ page }) => {
      await page.goto("/ideas");
      await switchLanguage(page, lang);
      await expect(page.locator("ul.cards > li").first()).toBeVisible();
      await expectNoAxeViolations(page, `/ideas with results (${lang})`);
      await scan(page, "/ideas?area=koillinen&sort=area", lang);
      await scan(page, "/ideas?q=no-such-idea-anywhere", lang);
      await expect(page.locator("ul.cards > li")).toHaveCount(0);
      await page.goto("/ideas");
      await page.getByRole("link", { name: "Gym för eleverna i Ressu", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gym för eleverna i Ressu");
      await expectNoAxeViolations(page, `an idea's public page (${lang})`);
    });

    test(`a pupil's idea pages have no axe violations (${lang})`, async ({ page }) => {
      await signInPupil(page, SCHOOL_ROUND_PUPILS.dem6.code);
      await switchLanguage(page, lang);
      await scan(page, "/my-ideas", lang);

      // The proposer's own page with its story (an idea sent back for changes, with the reason).
      await page.getByRole("link", { name: "Parempaa musiikkia", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Parempaa musiikkia");
      await expect(page.locator("ol.story .story__reason")).toHaveCount(1);
      await expectNoAxeViolations(page, `the proposer's idea page (${lang})`);
      const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      await scan(page, `/ideas/${id}/edit`, lang);
      await expect(page.getByRole("main").getByRole("button", { name: W[lang].submitIdea, exact: true })).toBeVisible();

      await scan(page, "/ideas/new", lang);
      await page.getByRole("main").getByRole("button", { name: W[lang].submitIdea, exact: true }).click();
      await expect(page.getByRole("alert").getByRole("link")).toHaveCount(2); // title and description
      await expectNoAxeViolations(page, `/ideas/new with errors (${lang})`);
    });

    test(`staff's idea pages have no axe violations (${lang})`, async ({ page, browser }) => {
      // Setup: one approved idea without a project, so the project form is there to fill in.
      const pupil = await newPage(browser);
      await signInPupil(pupil, SCHOOL_ROUND_PUPILS.dem5.code);
      const id = await postIdea(pupil, { title: `Saavutettavuus ${lang} ${RUN}`, description: "Idea, josta tehdään hanke saavutettavuustestiä varten." });
      await pupil.context().close();

      await signInStaff(page, "staff");
      await postApproval(page, id);
      await switchLanguage(page, lang);
      await scan(page, "/moderation", lang);

      // A decision page showing an error: saved without choosing a decision. Nothing is decided.
      await page.getByRole("table", { name: W[lang].queue }).getByRole("link", { name: "Penkkejä koulun pihalle", exact: true }).click();
      await page.getByRole("main").getByRole("button", { name: W[lang].save, exact: true }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expectNoAxeViolations(page, `/moderation/:id with an error (${lang})`);

      await scan(page, `/projects?round=${SCHOOL_ROUND_SLUG}`, lang);
      await scan(page, "/projects", lang);
      await scan(page, `/projects/new?round=${SCHOOL_ROUND_SLUG}`, lang);
      await page.getByRole("main").getByRole("button", { name: W[lang].create, exact: true }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expectNoAxeViolations(page, `/projects/new with errors (${lang})`);
    });
  });
}

/** What is focused now: its tag, name attribute, type and text, and whether it shows a focus outline. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute("name"),
      type: el.getAttribute("type"),
      value: (el as HTMLInputElement).value ?? "",
      text: el.textContent?.trim() ?? "",
      outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

async function tabTo(page: Page, name: string) {
  await page.keyboard.press("Tab");
  const f = await focused(page);
  expect(f?.name, `Tab reaches ${name}`).toBe(name);
  expect(f?.outline, `${name} shows where the focus is`).toBe(true);
}

test("a pupil fills in and sends the idea form with the keyboard only", async ({ page }) => {
  const title = `Näppäimistöllä ${RUN}`;
  await signInPupil(page, SCHOOL_ROUND_PUPILS.dem5.code);
  await page.goto("/ideas/new");
  await waitForHydration(page);

  // Skip link, then into the form.
  await page.keyboard.press("Tab");
  expect((await focused(page))?.text).toBe(T.fi.skip);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await focused(page))?.id).toBe("main");

  await tabTo(page, "title");
  await page.keyboard.type(title);
  await tabTo(page, "description");
  await page.keyboard.type("Kaikki tämä kirjoitettiin pelkällä näppäimistöllä, ilman hiirtä.");
  await expect(page.locator(".field__counter")).toBeVisible();

  // The area: the school's area is chosen; the arrow key moves to the whole city.
  await tabTo(page, "area");
  expect((await focused(page))?.value).toBe("koillinen");
  await page.keyboard.press("ArrowDown");
  expect((await focused(page))?.value).toBe("koko-kaupunki");
  await expect(page.getByRole("radio", { name: "Koko Helsinki", exact: true })).toBeChecked();

  await tabTo(page, "sector");
  await tabTo(page, "concernsSchool");
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: /^Idea koskee omaa kouluani/ })).toBeChecked();
  await tabTo(page, "costEstimate");
  await page.keyboard.type("1500");
  await tabTo(page, "coAuthors");
  await page.keyboard.type(SCHOOL_ROUND_PUPILS.dem6.pseudonym);
  await tabTo(page, "intent");
  expect((await focused(page))?.text).toBe("Lähetä idea");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/ideas\/[^/]+\?done=submitted$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("main").locator(".badge").first()).toHaveText("Odottaa käsittelyä");
  await expect(page.getByRole("main")).toContainText("Koko Helsinki");
  await expect(page.getByRole("main")).toContainText(SCHOOL_ROUND_PUPILS.dem6.pseudonym);
});
