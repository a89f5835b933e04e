// The idea journey in Chromium with JavaScript: a pupil (in Swedish) sends an idea with a
// co-proposer, staff ask for changes with a template, the pupil edits and sends it again, staff
// approve it and make a ballot project of it, and the pupil sees the whole story. Then two staff
// members decide on one idea at the same time: the second is told, and nothing is recorded twice.
//
// These tests change the shared e2e database (the school round malmin-peruskoulu-2027), so they run
// in order, and every title and project code carries this run's id: a second run never collides.
import { expect, test, type Browser, type Page } from "./fixtures";
import { ideaIdFrom, mainNav, runId, SCHOOL_ROUND_PUPILS, SCHOOL_ROUND_SLUG, signInPupil, signInStaff, switchLanguage, waitForHydration, type StaffRole } from "./helpers";

test.describe.configure({ mode: "serial" });

const RUN = runId();
const TITLE = `Fler cykelställ vid skolan ${RUN}`;
const DESCRIPTION = "Cyklarna står i regnet. Vi vill ha ett tak över cykelstället vid huvudingången.";
const MORE = " Taket ska rymma minst fyrtio cyklar.";
const PROJECT = {
  code: `MPK-E2E-${RUN}`,
  fi: `Pyöräkatos pääoven viereen ${RUN}`,
  sv: `Cykeltak vid huvudingången ${RUN}`,
  en: `A bicycle shelter by the main door ${RUN}`,
};
const TEMPLATE_SV = "Berätta mer: vad exakt ska göras, och var?";

/** Shared by the tests below (they run in order). */
let ideaId = "";

const SV = {
  myIdeas: "Mina idéer",
  newLink: "Skicka en ny idé",
  title: "Rubrik",
  description: "Beskrivning",
  area: "Nordöstra",
  concernsSchool: "Idén gäller min skola (Malms grundskola)",
  coAuthors: "Medförslagsställare (frivilligt)",
  submit: "Skicka idén",
  submitted: "Din idé har skickats. Personalen behandlar den och du ser här vad som händer med den.",
  edit: "Redigera",
  statuses: { submitted: "Väntar på behandling", needsChanges: "Ändringar begärda", approved: "Godkänd" },
  events: {
    created: "Du påbörjade idén",
    submitted: "Du skickade idén",
    changesRequested: "Personalen bad om ändringar",
    edited: "Du redigerade idén",
    resubmitted: "Du skickade den ändrade idén",
    approved: "Personalen godkände idén",
    projectLinked: "Idén blev en del av ett projekt i omröstningen",
  },
} as const;

const FI = {
  moderation: "Moderointi",
  queue: "Odottaa käsittelyä",
  decision: "Päätös",
  template: "Aloita mallista",
  reason: "Perustelu ideoijalle",
  save: "Tallenna päätös",
  done: "Päätös tallennettu.",
  approve: "Hyväksy",
  requestChanges: "Pyydä muutoksia",
  reject: "Älä vie eteenpäin",
  conflict: "Joku muu päätti tästä ideasta samaan aikaan. Idean nykyinen tila näkyy alla; tarkista se ennen uutta päätöstä.",
} as const;

async function staffPage(browser: Browser, role: StaffRole): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInStaff(page, role);
  return page;
}

async function pupilPage(browser: Browser, code: string, lang: "fi" | "sv"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInPupil(page, code);
  await switchLanguage(page, lang);
  return page;
}

/** The idea's status badge on its own page, the edit page or the moderation page. */
function statusBadge(page: Page) {
  return page.getByRole("main").locator(".badge").first();
}

test("a pupil sends an idea in Swedish with a co-proposer; a wrong pseudonym is explained and the text is kept", async ({ page }) => {
  await signInPupil(page, SCHOOL_ROUND_PUPILS.dem5.code);
  await switchLanguage(page, "sv");
  await mainNav(page, "sv").getByRole("link", { name: SV.myIdeas, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SV.myIdeas);
  await page.getByRole("link", { name: SV.newLink, exact: true }).click();
  await expect(page).toHaveURL(/\/ideas\/new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ny idé");
  await waitForHydration(page);

  const main = page.getByRole("main");
  await main.getByLabel(SV.title, { exact: true }).fill(TITLE);
  const description = main.getByLabel(SV.description, { exact: true });
  await description.fill(DESCRIPTION);
  // The live counter: what is left of the 2,000 characters.
  await expect(main.locator(".field__counter")).toHaveText(`${2000 - DESCRIPTION.length} tecken kvar`);
  await main.getByRole("radio", { name: SV.area, exact: true }).check();
  await main.getByRole("checkbox", { name: SV.concernsSchool, exact: true }).check();

  // A pseudonym nobody has: the error names the field, and nothing typed is lost.
  await main.getByLabel(SV.coAuthors, { exact: true }).fill("7-XXXX");
  await main.getByRole("button", { name: SV.submit, exact: true }).click();
  const error = "Medförslagsställare: ingen elev i din skola har pseudonymen 7-XXXX. Kontrollera stavningen.";
  await expect(page.getByRole("alert")).toContainText(error);
  await expect(page.getByRole("alert").getByRole("link", { name: error })).toHaveAttribute("href", "#field-coAuthors");
  await expect(page).toHaveURL(/\/ideas\/new$/);
  await expect(main.getByLabel(SV.title, { exact: true })).toHaveValue(TITLE);
  await expect(description).toHaveValue(DESCRIPTION);
  await expect(main.getByLabel(SV.coAuthors, { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(main.getByRole("radio", { name: SV.area, exact: true })).toBeChecked();
  await expect(main.getByRole("checkbox", { name: SV.concernsSchool, exact: true })).toBeChecked();

  await main.getByLabel(SV.coAuthors, { exact: true }).fill(SCHOOL_ROUND_PUPILS.dem6.pseudonym);
  await main.getByRole("button", { name: SV.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/ideas\/[^/]+\?done=submitted$/);
  ideaId = ideaIdFrom(page.url());
  await expect(page.getByRole("status").filter({ hasText: SV.submitted })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(statusBadge(page)).toHaveText(SV.statuses.submitted);
  await expect(main).toContainText(SCHOOL_ROUND_PUPILS.dem6.pseudonym);
});

test("staff find it in the queue, oldest first, and ask for changes with a template", async ({ browser }) => {
  expect(ideaId, "the idea sent by the first test").not.toBe("");
  const page = await staffPage(browser, "staff");
  await mainNav(page, "fi").getByRole("link", { name: FI.moderation, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FI.moderation);

  const queue = page.getByRole("table", { name: FI.queue });
  const titles = await queue.locator("tbody th").allInnerTexts();
  expect(titles).toContain(TITLE);
  // Oldest first: the demo idea sent a week ago comes before ours, and the times never go back.
  expect(titles.indexOf("Penkkejä koulun pihalle")).toBeGreaterThanOrEqual(0);
  expect(titles.indexOf("Penkkejä koulun pihalle")).toBeLessThan(titles.indexOf(TITLE));
  const times = await queue.locator("tbody time").evaluateAll((els) => els.map((el) => el.getAttribute("datetime") ?? ""));
  expect(times).toEqual([...times].sort());

  await queue.getByRole("link", { name: TITLE, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/moderation/${ideaId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await waitForHydration(page);

  await page.getByRole("radio", { name: FI.requestChanges, exact: true }).check();
  // The proposer writes in Swedish, so the templates are in Swedish; with JavaScript, choosing one fills the reason.
  await page.getByLabel(FI.template, { exact: true }).selectOption({ label: TEMPLATE_SV });
  const reason = page.getByLabel(FI.reason, { exact: true });
  await expect(reason).toHaveValue(TEMPLATE_SV);
  await page.getByRole("button", { name: FI.save, exact: true }).click();
  await expect(page.getByText(FI.done, { exact: true })).toBeVisible();
  await expect(statusBadge(page)).toHaveText("Muutoksia pyydetty");
  await page.context().close();
});

test("the pupil sees the request and its reason in Swedish, edits the idea and sends it again", async ({ browser }) => {
  expect(ideaId, "the idea sent by the first test").not.toBe("");
  const page = await pupilPage(browser, SCHOOL_ROUND_PUPILS.dem5.code, "sv");
  await mainNav(page, "sv").getByRole("link", { name: SV.myIdeas, exact: true }).click();
  const card = page.locator(".card").filter({ has: page.getByRole("link", { name: TITLE, exact: true }) });
  await expect(card.locator(".badge")).toHaveText(SV.statuses.needsChanges);
  await expect(card.locator(".story__what")).toContainText([SV.events.created, SV.events.changesRequested]);
  await expect(card.locator(".story__reason")).toHaveText(`Motivering: ${TEMPLATE_SV}`);

  await card.getByRole("link", { name: SV.edit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/ideas/${ideaId}/edit$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Redigera din idé");
  const main = page.getByRole("main");
  await expect(main.getByLabel(SV.title, { exact: true })).toHaveValue(TITLE);
  await expect(main.getByLabel(SV.coAuthors, { exact: true })).toHaveValue(SCHOOL_ROUND_PUPILS.dem6.pseudonym);
  await main.getByLabel(SV.description, { exact: true }).fill(DESCRIPTION + MORE);
  await main.getByRole("button", { name: SV.submit, exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/ideas/${ideaId}\\?done=submitted$`));
  await expect(statusBadge(page)).toHaveText(SV.statuses.submitted);
  await expect(main).toContainText(DESCRIPTION + MORE);
  await expect(main.locator(".story__what")).toContainText([SV.events.changesRequested, SV.events.resubmitted]);
  await page.context().close();
});

test("staff approve it without a reason and make a ballot project of it", async ({ browser }) => {
  expect(ideaId, "the idea sent by the first test").not.toBe("");
  const page = await staffPage(browser, "staff");
  await page.goto(`/moderation/${ideaId}`);
  await page.getByRole("radio", { name: FI.approve, exact: true }).check();
  await page.getByRole("button", { name: FI.save, exact: true }).click();
  await expect(page.getByText(FI.done, { exact: true })).toBeVisible();
  await expect(statusBadge(page)).toHaveText("Hyväksytty");

  await page.goto(`/projects/new?round=${SCHOOL_ROUND_SLUG}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uusi äänestettävä hanke");
  const main = page.getByRole("main");
  await main.getByRole("checkbox", { name: new RegExp(`^${TITLE}`) }).check();
  await main.getByLabel("Hankkeen tunnus", { exact: true }).fill(PROJECT.code);
  await main.getByLabel("Nimi suomeksi", { exact: true }).fill(PROJECT.fi);
  await main.getByLabel("Nimi ruotsiksi", { exact: true }).fill(PROJECT.sv);
  await main.getByLabel("Nimi englanniksi", { exact: true }).fill(PROJECT.en);
  await main.getByLabel("Alue", { exact: true }).selectOption("koillinen");
  await main.getByLabel("Hinta euroina", { exact: true }).fill("2500");
  await main.getByRole("button", { name: "Luo hanke", exact: true }).click();

  await expect(page).toHaveURL(/\/projects\?/);
  expect(new URL(page.url()).searchParams.get("round")).toBe(SCHOOL_ROUND_SLUG);
  await expect(page.getByRole("status").filter({ hasText: `Hanke ${PROJECT.code} luotu.` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: PROJECT.code });
  await expect(row.getByRole("rowheader")).toHaveText(PROJECT.fi);
  await expect(row).toContainText("Koillinen");
  await expect(row.getByRole("link", { name: TITLE, exact: true })).toHaveAttribute("href", `/ideas/${ideaId}`);
  await page.context().close();
});

test("the pupil sees the whole story in Swedish, and the co-proposer sees the idea on their own page", async ({ browser }) => {
  expect(ideaId, "the idea sent by the first test").not.toBe("");
  const page = await pupilPage(browser, SCHOOL_ROUND_PUPILS.dem5.code, "sv");
  await page.goto(`/ideas/${ideaId}`);
  await expect(statusBadge(page)).toHaveText(SV.statuses.approved);
  const story = page.getByRole("main").locator("ol.story");
  const e = SV.events;
  // Steps of one request may share a timestamp; the order is checked across requests.
  for (const what of Object.values(e)) await expect(story.locator(".story__what").filter({ hasText: new RegExp(`^${what}$`) })).toHaveCount(1);
  await expect(story.locator(".story__what")).toContainText([e.created, e.changesRequested, e.edited, e.approved, e.projectLinked]);
  await expect(story.locator(".story__what")).toContainText([e.submitted, e.changesRequested, e.resubmitted, e.approved, e.projectLinked]);
  await expect(story.locator(".story__item--changes-requested .story__reason")).toHaveText(`Motivering: ${TEMPLATE_SV}`);
  await expect(story.locator(".story__item--project-linked .story__target")).toHaveText(`Projekt i omröstningen: ${PROJECT.code} ${PROJECT.sv}`);
  await expect(page.getByRole("main")).toContainText(`${PROJECT.code} ${PROJECT.sv}`);
  await page.context().close();

  // The co-proposer, in Finnish: the idea is on their own page too, with its story.
  const co = await pupilPage(browser, SCHOOL_ROUND_PUPILS.dem6.code, "fi");
  await mainNav(co, "fi").getByRole("link", { name: "Omat ideat", exact: true }).click();
  await expect(co.getByRole("heading", { level: 1 })).toHaveText("Omat ideani");
  const card = co.locator(".card").filter({ has: co.getByRole("link", { name: TITLE, exact: true }) });
  await expect(card.locator(".badge")).toHaveText("Hyväksytty");
  await expect(card.locator(".story__what")).toContainText(["Henkilökunta hyväksyi idean", "Ideasta tuli osa äänestettävää hanketta"]);
  // Only the proposer edits; the co-proposer reads.
  await expect(card.getByRole("link", { name: "Muokkaa", exact: true })).toHaveCount(0);
  await co.context().close();
});

/** A fresh idea sent by the pupil, open on two staff members' decision pages (coordinator and opettaja). */
async function twoModeratorsOnOneIdea(browser: Browser, label: string) {
  const title = `${label} ${RUN}`;
  const pupil = await pupilPage(browser, SCHOOL_ROUND_PUPILS.dem5.code, "fi");
  await pupil.goto("/ideas/new");
  await pupil.getByLabel("Otsikko", { exact: true }).fill(title);
  await pupil.getByLabel("Kuvaus", { exact: true }).fill("Kaksi päätöstä samaan aikaan ei saa mennä läpi.");
  await pupil.getByRole("button", { name: "Lähetä idea", exact: true }).click();
  await expect(pupil).toHaveURL(/\?done=submitted$/);
  const id = ideaIdFrom(pupil.url());
  await pupil.context().close();

  // Both open the same idea before either decides.
  const first = await staffPage(browser, "coordinator");
  const second = await staffPage(browser, "staff");
  await first.goto(`/moderation/${id}`);
  await second.goto(`/moderation/${id}`);
  await waitForHydration(first);
  await waitForHydration(second);
  await expect(statusBadge(second)).toHaveText("Odottaa käsittelyä");

  await first.getByRole("radio", { name: FI.approve, exact: true }).check();
  await first.getByRole("button", { name: FI.save, exact: true }).click();
  await expect(first.getByText(FI.done, { exact: true })).toBeVisible();

  // The second, not knowing, rejects it with a reason (from a template: with JavaScript it fills the field).
  await second.getByRole("radio", { name: FI.reject, exact: true }).check();
  await second.getByLabel(FI.template, { exact: true }).selectOption({ label: TEMPLATE_NOT_FEASIBLE_FI });
  await expect(second.getByLabel(FI.reason, { exact: true })).toHaveValue(TEMPLATE_NOT_FEASIBLE_FI);
  await second.getByRole("button", { name: FI.save, exact: true }).click();
  await expect(second.getByRole("alert")).toContainText(FI.conflict);
  await expect(second.getByText(FI.done, { exact: true })).toHaveCount(0);
  return { first, second };
}

const TEMPLATE_NOT_FEASIBLE_FI = "Tätä ei voi toteuttaa turvallisesti tai lain mukaan, joten se ei mene äänestykseen.";

test("two staff deciding at once: the second is told about the conflict and no second decision is recorded", async ({ browser }) => {
  const { first, second } = await twoModeratorsOnOneIdea(browser, "Samanaikaiset päätökset");
  for (const page of [first, second]) {
    await page.reload();
    await expect(statusBadge(page)).toHaveText("Hyväksytty");
    const story = page.getByRole("main").locator("ol.story");
    await expect(story.locator(".story__item--approved")).toHaveCount(1);
    await expect(story.locator(".story__item--rejected")).toHaveCount(0);
    await expect(story).not.toContainText(TEMPLATE_NOT_FEASIBLE_FI);
  }
  await first.context().close();
  await second.context().close();
});

test("after a conflict the decision page shows the idea's current state, as its message says", async ({ browser }) => {
  // With JavaScript, the route revalidates its data after a 409 (shouldRevalidate), so the page
  // shows the idea as it now is and no longer offers the decisions that lost.
  const { first, second } = await twoModeratorsOnOneIdea(browser, "Ristiriidan jälkeen");
  await expect(statusBadge(second)).toHaveText("Hyväksytty", { timeout: 3_000 });
  await expect(second.getByRole("radio", { name: FI.approve, exact: true })).toHaveCount(0, { timeout: 1_000 });
  await first.context().close();
  await second.context().close();
});
