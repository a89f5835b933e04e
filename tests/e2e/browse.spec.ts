// Without JavaScript: the public list of ideas (filters in the query string, so a URL can be shared),
// paging, what is never public, and the plain-form paths of sending an idea and deciding on it with
// the "use template" button.
import { expect, test, type Browser, type Page } from "./fixtures";
import { ideaIdFrom, postApproval, postIdea, runId, SCHOOL_ROUND_PUPILS, SCHOOL_ROUND_SLUG, signInPupil, signInStaff } from "./helpers";

test.use({ javaScriptEnabled: false });

const RUN = runId();

/** The approved demo ideas of the current round (omakoulu-demo), newest first, with their areas. */
const APPROVED = [
  { title: "Ilmaisia kesäkursseja", area: "koko-kaupunki" },
  { title: "Mielenterveysviikko", area: "koko-kaupunki" },
  { title: "Fler böcker på svenska", area: "etelainen" },
  { title: "Gym för eleverna i Ressu", area: "etelainen" },
  { title: "Koulun oma kasvimaa", area: "koillinen" },
  { title: "Katetut pyöräparkit", area: "koillinen" },
  { title: "Hiljainen tila lukemiseen", area: "koillinen" },
  { title: "Lisää palloja ja koreja välitunneille", area: "koillinen" },
] as const;
const NOT_PUBLIC = ["Uima-allas koulun katolle", "Lukunurkka kirjastoon"]; // rejected, merged
const AREA_NAMES_FI = ["Eteläinen", "Läntinen", "Keskinen", "Pohjoinen", "Koillinen", "Kaakkoinen", "Itäinen", "Koko Helsinki"];

const titlesOf = (page: Page) => page.locator("ul.cards > li h3");
const resultsHeading = (page: Page) => page.locator("#results-title");
const titles = (area?: string) => APPROVED.filter((p) => !area || p.area === area).map((p) => p.title);

async function showIdeas(page: Page) {
  await page.getByRole("search").getByRole("button", { name: "Näytä ideat", exact: true }).click();
}

test("the list shows the approved ideas of the current round, newest first, and nothing else", async ({ page }) => {
  await page.goto("/ideas");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ideat");
  await expect(resultsHeading(page)).toHaveText(`${APPROVED.length} ideaa`);
  await expect(titlesOf(page)).toHaveText(titles());
  for (const title of NOT_PUBLIC) await expect(page.getByText(title)).toHaveCount(0);
  // Ideas waiting for review or sent back for changes in the school round are not public either.
  await page.goto(`/ideas?round=${SCHOOL_ROUND_SLUG}`);
  await expect(page.getByRole("link", { name: "Penkkejä koulun pihalle" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Parempaa musiikkia" })).toHaveCount(0);
  // An idea's page is public only when it is approved.
  await page.goto("/ideas");
  await page.getByRole("link", { name: "Gym för eleverna i Ressu", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gym för eleverna i Ressu");
  await expect(page.getByRole("heading", { name: "Mitä on tapahtunut" })).toHaveCount(0); // the story is not public
});

test("filters narrow the list, live in the URL, and the same URL gives the same list after a reload or in another browser", async ({ page, browser }) => {
  await page.goto("/ideas");
  const search = page.getByRole("search");

  await search.getByLabel("Alue", { exact: true }).selectOption({ label: "Koillinen" });
  await showIdeas(page);
  await expect(page).toHaveURL(/[?&]area=koillinen(&|$)/);
  await expect(titlesOf(page)).toHaveText(titles("koillinen"));
  await expect(resultsHeading(page)).toHaveText("4 ideaa");

  await search.getByLabel("Koulutuksen ala", { exact: true }).selectOption({ label: "Lukiokoulutus" });
  await showIdeas(page);
  await expect(page).toHaveURL(/[?&]sector=upper-secondary(&|$)/);
  await expect(page).toHaveURL(/[?&]area=koillinen(&|$)/);
  await expect(titlesOf(page)).toHaveText(["Hiljainen tila lukemiseen"]);

  const shared = page.url();
  await page.reload();
  await expect(titlesOf(page)).toHaveText(["Hiljainen tila lukemiseen"]);
  await expect(search.getByLabel("Alue", { exact: true })).toHaveValue("koillinen");
  await expect(search.getByLabel("Koulutuksen ala", { exact: true })).toHaveValue("upper-secondary");

  const other = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await other.goto(shared);
  await expect(titlesOf(other)).toHaveText(["Hiljainen tila lukemiseen"]);
  await expect(other.getByRole("search").getByLabel("Alue", { exact: true })).toHaveValue("koillinen");
  await other.context().close();

  // School: ideas concerning Malmin lukio or sent by its pupils.
  await page.goto("/ideas");
  await search.getByLabel("Koulu", { exact: true }).selectOption("00502");
  await showIdeas(page);
  await expect(page).toHaveURL(/[?&]school=00502(&|$)/);
  await expect(titlesOf(page)).toHaveText(["Mielenterveysviikko", "Koulun oma kasvimaa", "Hiljainen tila lukemiseen"]);

  // Status: every demo idea is already in a ballot project.
  await page.goto("/ideas");
  await search.getByLabel("Tila", { exact: true }).selectOption({ label: "Ei vielä hankkeessa" });
  await showIdeas(page);
  await expect(page).toHaveURL(/[?&]status=noProject(&|$)/);
  await expect(resultsHeading(page)).toHaveText("0 ideaa");
  await expect(page.getByText("Näillä valinnoilla ei löydy ideoita.", { exact: true })).toBeVisible();
  await search.getByLabel("Tila", { exact: true }).selectOption({ label: "Äänestettävässä hankkeessa" });
  await showIdeas(page);
  await expect(titlesOf(page)).toHaveText(titles());

  // Free text, in the title or the description.
  await page.goto("/ideas");
  await search.getByRole("textbox", { name: "Haku" }).fill("kasvimaa");
  await showIdeas(page);
  await expect(page).toHaveURL(/[?&]q=kasvimaa(&|$)/);
  await expect(titlesOf(page)).toHaveText(["Koulun oma kasvimaa"]);
  await page.goto("/ideas?q=l%C3%B6pband"); // only in a description
  await expect(titlesOf(page)).toHaveText(["Gym för eleverna i Ressu"]);
  await expect(page.getByRole("search").getByRole("textbox", { name: "Haku" })).toHaveValue("löpband");
  await page.goto("/ideas?q=Uima-allas");
  await expect(resultsHeading(page)).toHaveText("0 ideaa");
});

test("sorting by area orders the cards by area", async ({ page }) => {
  await page.goto("/ideas");
  await page.getByRole("search").getByLabel("Järjestys", { exact: true }).selectOption({ label: "Alueittain" });
  await showIdeas(page);
  await expect(page).toHaveURL(/[?&]sort=area(&|$)/);
  await expect(titlesOf(page)).toHaveCount(APPROVED.length);
  // Read again until the list has settled: once, in CI, the cards were read while the sorted list
  // was replacing the first one (8 cards, the last without its line of areas).
  await expect(async () => {
    const areas = await page.locator("ul.cards > li").evaluateAll((cards) => cards.map((c) => c.querySelector(".card__meta")?.textContent?.split(" · ")[0]?.trim() ?? ""));
    const order = areas.map((a) => AREA_NAMES_FI.indexOf(a));
    expect(order, `areas in order: ${areas.join(", ")}`).not.toContain(-1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(areas[0]).toBe("Eteläinen");
    expect(areas.at(-1)).toBe("Koko Helsinki");
  }).toPass({ timeout: 5_000 });
});

test("a short list has no page links, and a page past the end shows the last page", async ({ page }) => {
  await page.goto("/ideas");
  await expect(page.getByRole("navigation", { name: "Sivut" })).toHaveCount(0);
  for (const p of ["2", "99", "0", "-1", "x"]) {
    await page.goto(`/ideas?page=${p}`);
    await expect(titlesOf(page), `page=${p}`).toHaveText(titles());
  }
});

async function signedIn(browser: Browser, who: "dem5" | "dem6" | "staff"): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  if (who === "staff") await signInStaff(page, "staff");
  else await signInPupil(page, SCHOOL_ROUND_PUPILS[who].code);
  return page;
}

test("more than 20 ideas are split into pages of 20, with links both ways", async ({ browser }) => {
  test.setTimeout(60_000);
  // 21 approved ideas of this run in the school round (set up with plain form posts), from two pupils:
  // one pupil may send 20 ideas an hour (the proposal rate limit, decision 015).
  const pupils = [await signedIn(browser, "dem6"), await signedIn(browser, "dem5")];
  const staff = await signedIn(browser, "staff");
  for (let i = 1; i <= 21; i++) {
    const id = await postIdea(pupils[i % 2] as Page, { title: `Sivutus ${RUN} nro ${i}`, description: `Sivutuksen testi-idea numero ${i}, ajo ${RUN}.` });
    await postApproval(staff, id);
  }
  for (const pupil of pupils) await pupil.context().close();
  await staff.context().close();

  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto(`/ideas?round=${SCHOOL_ROUND_SLUG}&q=${RUN}`);
  await expect(resultsHeading(page)).toHaveText("21 ideaa");
  await expect(titlesOf(page)).toHaveCount(20);
  const pages = page.getByRole("navigation", { name: "Sivut" });
  await expect(pages).toContainText("Sivu 1/2");
  await expect(pages.getByRole("link", { name: "Edellinen sivu" })).toHaveCount(0);
  const firstPage = await titlesOf(page).allInnerTexts();

  await pages.getByRole("link", { name: "Seuraava sivu", exact: true }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  expect(new URL(page.url()).searchParams.get("q")).toBe(RUN); // the filters go along
  await expect(pages).toContainText("Sivu 2/2");
  await expect(titlesOf(page)).toHaveCount(1);
  const secondPage = await titlesOf(page).allInnerTexts();
  expect(new Set([...firstPage, ...secondPage]).size).toBe(21);
  await expect(pages.getByRole("link", { name: "Seuraava sivu" })).toHaveCount(0);

  await page.goto(`/ideas?round=${SCHOOL_ROUND_SLUG}&q=${RUN}&page=99`);
  await expect(pages).toContainText("Sivu 2/2");
  await expect(titlesOf(page)).toHaveText(secondPage);
  await pages.getByRole("link", { name: "Edellinen sivu", exact: true }).click();
  await expect(pages).toContainText("Sivu 1/2");
  await expect(titlesOf(page)).toHaveText(firstPage);
  await page.context().close();
});

test("without JavaScript a pupil sends an idea and staff decide on it with the 'use template' button", async ({ browser }) => {
  test.setTimeout(60_000);
  const title = `Ilman skriptiä ${RUN}`;
  const description = "Koulun aulaan lisää istumapaikkoja, koska välitunnilla kaikki eivät mahdu istumaan.";
  const pupil = await signedIn(browser, "dem6");
  await pupil.goto("/my-ideas");
  await pupil.getByRole("link", { name: "Lähetä uusi idea", exact: true }).click();
  const form = pupil.getByRole("main");
  // A draft first: drafts are the pupil's own, never public and never in moderation.
  const draftTitle = `Luonnos ${RUN}`;
  await form.getByLabel("Otsikko", { exact: true }).fill(draftTitle);
  await form.getByLabel("Kuvaus", { exact: true }).fill("Tämä on vasta luonnos, jota ei ole lähetetty.");
  await form.getByRole("button", { name: "Tallenna luonnoksena", exact: true }).click();
  await expect(pupil).toHaveURL(/\?done=saved$/);
  await expect(pupil.getByText("Luonnoksesi tallennettiin.", { exact: true })).toBeVisible();
  const draftId = ideaIdFrom(pupil.url());

  await pupil.goto("/ideas/new");
  // Without JavaScript there is no live counter; the limits are in the descriptions.
  await expect(form.locator(".field__counter")).toHaveCount(0);
  await expect(form).toContainText("20–2000 merkkiä");
  // A title too short comes back with the error, and what was typed is kept.
  await form.getByLabel("Otsikko", { exact: true }).fill("Abc");
  await form.getByLabel("Kuvaus", { exact: true }).fill(description);
  await form.getByRole("radio", { name: "Koko Helsinki", exact: true }).check();
  await form.getByRole("button", { name: "Lähetä idea", exact: true }).click();
  await expect(pupil.getByRole("alert")).toContainText("Otsikko: kirjoita vähintään 5 merkkiä.");
  await expect(form.getByLabel("Kuvaus", { exact: true })).toHaveValue(description);
  await expect(form.getByRole("radio", { name: "Koko Helsinki", exact: true })).toBeChecked();
  await form.getByLabel("Otsikko", { exact: true }).fill(title);
  await form.getByRole("radio", { name: "Koillinen", exact: true }).check();
  await form.getByRole("button", { name: "Lähetä idea", exact: true }).click();
  await expect(pupil).toHaveURL(/\?done=submitted$/);
  await expect(pupil.getByRole("main").locator(".badge").first()).toHaveText("Odottaa käsittelyä");
  const id = ideaIdFrom(pupil.url());
  // A second idea, sent as setup, for staff to hide.
  const hiddenTitle = `Piilotettava ${RUN}`;
  const hiddenId = await postIdea(pupil, { title: hiddenTitle, description: "Tässä ideassa on jotain asiatonta, joten se piilotetaan." });

  const staff = await signedIn(browser, "staff");
  await staff.goto("/moderation");
  await expect(staff.getByRole("link", { name: draftTitle })).toHaveCount(0);
  await staff.getByRole("table", { name: "Odottaa käsittelyä" }).getByRole("link", { name: title, exact: true }).click();
  await expect(staff).toHaveURL(new RegExp(`/moderation/${id}$`));

  const template = "Tämä on jo tekeillä tai suunnitteilla, joten se ei mene äänestykseen.";
  await staff.getByRole("radio", { name: "Älä vie eteenpäin", exact: true }).check();
  await staff.getByLabel("Aloita mallista", { exact: true }).selectOption({ label: template });
  await staff.getByRole("button", { name: "Käytä mallia", exact: true }).click();
  // After the round trip the reason holds the template, and the chosen decision is kept.
  await expect(staff.getByLabel("Perustelu ideoijalle", { exact: true })).toHaveValue(template);
  await expect(staff.getByRole("radio", { name: "Älä vie eteenpäin", exact: true })).toBeChecked();
  await expect(staff.getByRole("main").locator(".badge").first()).toHaveText("Odottaa käsittelyä");
  await staff.getByRole("button", { name: "Tallenna päätös", exact: true }).click();
  await expect(staff.getByText("Päätös tallennettu.", { exact: true })).toBeVisible();
  await expect(staff.getByRole("main").locator(".badge").first()).toHaveText("Ei viety eteenpäin");

  await staff.goto(`/moderation/${hiddenId}`);
  await staff.getByRole("radio", { name: "Piilota (asiaton)", exact: true }).check();
  await staff.getByLabel("Aloita mallista", { exact: true }).selectOption({ label: "Ideassa oli asiatonta sisältöä, joten se piilotettiin." });
  await staff.getByRole("button", { name: "Käytä mallia", exact: true }).click();
  await expect(staff.getByLabel("Perustelu ideoijalle", { exact: true })).toHaveValue("Ideassa oli asiatonta sisältöä, joten se piilotettiin.");
  await staff.getByRole("button", { name: "Tallenna päätös", exact: true }).click();
  await expect(staff.getByRole("main").locator(".badge").first()).toHaveText("Piilotettu");
  await staff.context().close();

  // The pupil reads the decision and its reason.
  await pupil.goto(`/ideas/${id}`);
  await expect(pupil.getByRole("main").locator(".story__item--rejected .story__reason")).toHaveText(`Perustelu: ${template}`);
  await pupil.context().close();

  // Rejected, hidden and draft ideas are never public: not in the list, and their pages do not exist.
  const visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await visitor.goto(`/ideas?round=${SCHOOL_ROUND_SLUG}&q=${RUN}`);
  for (const t of [title, hiddenTitle, draftTitle]) await expect(visitor.getByRole("link", { name: t })).toHaveCount(0);
  for (const x of [id, hiddenId, draftId]) expect((await visitor.goto(`/ideas/${x}`))?.status(), `/ideas/${x}`).toBe(404);
  await visitor.context().close();
});
