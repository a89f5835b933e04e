// Every page at 320 px (WCAG 1.4.10 Reflow): the page itself never scrolls sideways, for each role and
// in every language. Wide data tables may scroll inside their own focusable, labelled region; that
// region is allowed to be wider inside, the page is not. One signed-in page per role visits all of
// that role's pages (from app/routes/), so the spec stays fast; each page is a soft assertion naming it.
// Not pages: /session, /language, /logout (POST only), /healthz, /codes.csv, /audit.csv,
// /turnout/export (downloads), /images/ID.jpg (a picture), /login/school and its callbacks (redirects
// to the provider); the school choice of a pupil with two schools needs the provider's sign-in and is
// left to school-signin.spec.ts.
import { expect, test, type Page } from "./fixtures";
import {
  ENDED_ROUND_CODE,
  issueCodes,
  LANGS,
  PUPIL_CODE,
  ROUND_SLUG,
  SCHOOL_ROUND_PUPILS,
  SCHOOL_ROUND_SLUG,
  signInPupil,
  signInStaff,
  switchLanguage,
  T,
  type Lang,
} from "./helpers";
import { DEMO_ROUNDS } from "../support/demo-accounts";

test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
// Each test visits some twenty pages in three languages on a 2-core machine.
test.describe.configure({ timeout: 180_000 });

/**
 * Soft-asserts that the page as it is now does not scroll sideways, naming the page and the elements
 * that stick out; and that whatever scrolls sideways inside it (a wide table) is a labelled region
 * that takes the focus, so that it can be scrolled with the keyboard.
 */
async function expectFits(page: Page, what: string) {
  const { scrollWidth, clientWidth, wide, unreachable } = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    /** Inside an element that scrolls (or clips) sideways itself: not the page's width. */
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${[...el.classList].map((c) => `.${c}`).join("")}`;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
      .slice(0, 6)
      .map((el) => `${describe(el)} (${Math.round(el.getBoundingClientRect().right)}px)`);
    const unreachable = [...document.querySelectorAll("body *")]
      .filter((el) => !el.matches("textarea, input, select") && ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
      .filter((el) => !(el.getAttribute("role") === "region" && el.getAttribute("tabindex") === "0" && (el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby"))))
      .map(describe);
    return { scrollWidth: root.scrollWidth, clientWidth: width, wide, unreachable };
  });
  expect.soft(unreachable, `${what}: scrolls sideways inside, but is not a focusable labelled region (role="region", aria-label(ledby), tabindex="0")`).toEqual([]);
  expect.soft(scrollWidth, `${what} (${page.url()}) is ${scrollWidth}px wide in a ${clientWidth}px viewport; sticking out: ${wide.join(", ") || "?"}`).toBeLessThanOrEqual(clientWidth);
}

/** Opens a page (expecting its status) and checks it fits. */
async function visitFits(page: Page, path: string, lang: Lang, status = 200) {
  const response = await page.goto(path);
  expect.soft(response?.status(), `HTTP status of ${path}`).toBe(status);
  await expectFits(page, `${path} (${lang})`);
}

/** The href of the first link in main matching `selector`, e.g. the first idea of a list. */
async function firstHref(page: Page, path: string, selector: string): Promise<string> {
  await page.goto(path);
  const href = await page.getByRole("main").locator(selector).first().getAttribute("href");
  expect(href, `a link ${selector} on ${path}`).toBeTruthy();
  return href ?? path;
}

/** The distinct hrefs of the links in main matching `selector` on `path`, at most `max`. */
async function hrefs(page: Page, path: string, selector: string, max: number): Promise<string[]> {
  await page.goto(path);
  const all = await page.getByRole("main").locator(selector).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const found = [...new Set(all.filter(Boolean))].slice(0, max);
  expect(found.length, `links ${selector} on ${path}`).toBeGreaterThan(0);
  return found;
}

/** The ended round's public pages: published results, "what happened to our ideas" (the city, one school) and its ballot projects (one has a picture and progress updates). */
const PAST = DEMO_ROUNDS.past;
const PAST_PAGES = [`/rounds/${PAST}/results`, `/rounds/${PAST}/follow-up`, `/rounds/${PAST}/follow-up?school=00501`];
const pastProjects = (page: Page) => hrefs(page, `/rounds/${PAST}/follow-up?school=00501`, 'a[href^="/projects/"]', 4);

/** Runs `pages` in each language after switching to it once. */
async function inEveryLanguage(page: Page, pages: (lang: Lang) => Promise<void>) {
  for (const lang of LANGS) {
    await page.goto("/account");
    await switchLanguage(page, lang);
    await pages(lang);
  }
}

test("anonymous pages fit 320 px", async ({ page }) => {
  await page.goto("/");
  const idea = await firstHref(page, "/ideas", 'a[href^="/ideas/"]');
  const projects = await pastProjects(page);
  for (const lang of LANGS) {
    await page.goto("/");
    await switchLanguage(page, lang);
    await expectFits(page, `/ (${lang})`);
    for (const path of ["/ideas", "/ideas?area=koillinen&sort=area", idea, ...PAST_PAGES, ...projects, "/login?signedOut=1", "/login/code?school=00501", "/vote/check"]) await visitFits(page, path, lang);
    await visitFits(page, "/login/school/problem?reason=voted-with-code-and-account", lang, 409);
    await visitFits(page, "/login/school/choose", lang, 400);
    await visitFits(page, "/no-such-page", lang, 404);

    // Forms showing their errors.
    await page.goto("/login");
    await page.getByLabel(T[lang].email, { exact: true }).fill(`nobody-narrow-${lang}@omakoulu.test`);
    await page.getByLabel(T[lang].password, { exact: true }).fill("wrong-password-2026");
    await page.getByRole("main").getByRole("button", { name: T[lang].submit, exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(T[lang].invalidCredentials);
    await expectFits(page, `/login with wrong credentials (${lang})`);
    await page.goto("/login/code");
    await page.getByLabel(T[lang].code, { exact: true }).fill(`ZZZZ-ZZZZ-${lang.toUpperCase()}ZZ`);
    await page.getByRole("main").getByRole("button", { name: T[lang].submit, exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(T[lang].codeInvalid);
    await expectFits(page, `/login/code with a wrong code (${lang})`);
  }
});

test("a voting pupil's pages fit 320 px, the ballot, its review and the receipt too", async ({ page }) => {
  await signInPupil(page, PUPIL_CODE);
  const idea = await firstHref(page, "/ideas", 'a[href^="/ideas/"]');
  await inEveryLanguage(page, async (lang) => {
    await expectFits(page, `/account (pupil, ${lang})`);
    for (const path of ["/", "/ideas", idea, "/vote", "/vote/check", "/my-ideas", "/ideas/new"]) await visitFits(page, path, lang);
    await visitFits(page, "/schools", lang, 403);
  });

  // A fresh pupil votes: the server's review page and the receipt (shown once).
  const [code] = issueCodes(ROUND_SLUG, "00501", 8, 1);
  await page.context().clearCookies();
  await signInPupil(page, code);
  await page.goto("/vote");
  await page.locator('input[type="checkbox"][name^="pick:"]').first().check();
  await page.locator('button[name="intent"][value="review"]').click();
  await expect(page.locator('button[name="intent"][value="cast"]')).toBeVisible();
  await expectFits(page, "the vote's review page (fi)");
  await page.locator('button[name="intent"][value="cast"]').click();
  await expect(page).toHaveURL(/\/vote\/receipt$/);
  await expect(page.getByTestId("receipt")).toBeVisible();
  await expectFits(page, "/vote/receipt (fi)");
});

test("an idea-collecting pupil's pages fit 320 px, and the ended round's pupil's", async ({ page }) => {
  await signInPupil(page, SCHOOL_ROUND_PUPILS.dem6.code);
  // The proposer's own idea sent back for changes, with its story.
  await page.goto("/my-ideas");
  const own = (await page.getByRole("main").getByRole("link", { name: "Parempaa musiikkia", exact: true }).getAttribute("href")) ?? "";
  const id = own.split("/").at(-1) ?? "";
  expect(id, "the demo idea 'Parempaa musiikkia' on /my-ideas").not.toBe("");
  await inEveryLanguage(page, async (lang) => {
    for (const path of ["/my-ideas", `/ideas/${id}`, `/ideas/${id}/edit`, "/ideas/new", `/ideas?round=${SCHOOL_ROUND_SLUG}`]) await visitFits(page, path, lang);
    // The idea form showing its errors.
    await page.goto("/ideas/new");
    await page.locator('button[name="intent"][value="submit"]').click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expectFits(page, `/ideas/new with errors (${lang})`);
  });

  await page.context().clearCookies();
  await signInPupil(page, ENDED_ROUND_CODE);
  for (const path of ["/account", "/", "/vote", "/my-ideas", "/ideas", ...PAST_PAGES]) await visitFits(page, path, "fi");
});

test("staff's pages fit 320 px", async ({ page }) => {
  await signInStaff(page, "staff");
  const decision = await firstHref(page, "/moderation", 'a[href^="/moderation/"]');
  // Ballot projects of the staff member's school, with the progress update form.
  const projects = await pastProjects(page);
  await inEveryLanguage(page, async (lang) => {
    await expectFits(page, `/account (staff, ${lang})`);
    for (const path of [
      "/",
      "/ideas",
      "/moderation",
      "/moderation?status=all",
      decision,
      "/projects",
      `/projects?round=${SCHOOL_ROUND_SLUG}`,
      `/projects/new?round=${SCHOOL_ROUND_SLUG}`,
      "/codes",
      "/paper",
      "/turnout",
      "/schools",
      "/schools/00501",
      ...projects,
    ])
      await visitFits(page, path, lang);
    // The decision form showing its error (saved without choosing a decision: nothing is decided).
    await page.goto(decision);
    const save = page.getByRole("main").locator("form").filter({ has: page.locator('input[name="version"]') }).locator('button[type="submit"]').last();
    if ((await save.count()) > 0) {
      await save.click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expectFits(page, `${decision} after saving nothing (${lang})`);
    }
  });
  // A sheet of printed codes (issuing codes writes them, so only once).
  await page.goto("/codes");
  const sheet = page.locator('button[name="intent"][value="sheet"]');
  await sheet.click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectFits(page, "/codes without a number of codes (fi)");
  await page.locator("#field-round").selectOption(ROUND_SLUG);
  await page.locator("#field-count").fill("2");
  await sheet.click();
  await expect(page.locator(".slip").first()).toBeVisible();
  await expectFits(page, "/codes with a sheet of slips (fi)");
});

test("a coordinator's pages fit 320 px", async ({ page }) => {
  await signInStaff(page, "coordinator");
  const projects = await pastProjects(page);
  await inEveryLanguage(page, async (lang) => {
    for (const path of [
      "/",
      "/rounds",
      "/rounds/new",
      `/rounds/${ROUND_SLUG}`,
      `/rounds/${ROUND_SLUG}/edit`,
      `/rounds/${PAST}`,
      ...PAST_PAGES,
      `/rounds/${PAST}/results?compare=1`,
      `/rounds/${ROUND_SLUG}/results`,
      `/rounds/${ROUND_SLUG}/follow-up`,
      ...projects,
      "/moderation",
      "/projects",
      "/codes",
      "/paper",
      "/turnout",
      `/turnout?round=${PAST}`,
      "/schools",
      "/schools/00105",
      "/audit",
      "/audit?action=signin.password",
    ])
      await visitFits(page, path, lang);
  });
});

test("an admin's pages fit 320 px", async ({ page }) => {
  await signInStaff(page, "admin");
  const user = await firstHref(page, "/admin/users", 'a[href^="/admin/users/"]');
  await inEveryLanguage(page, async (lang) => {
    await expectFits(page, `/account (admin, ${lang})`);
    for (const path of ["/admin/users", user, "/rounds", "/audit", "/turnout", "/schools"]) await visitFits(page, path, lang);
  });
});
