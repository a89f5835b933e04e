// Live turnout (docs/decisions/005, "Live figures"): during voting the coordinator's /turnout counts
// again by itself (every 5 s here with `refresh=5`; 30 s by default) and updates the table in place
// when a pupil votes in another browser, announcing only "Luvut päivitetty klo …", without moving
// focus or reloading; the pause button stops it and resumes it; a hidden tab is not counted for; axe
// finds nothing; without
// JavaScript the "Päivitä luvut" link reloads the same URL; an ended round has no refresh at all.
// Every vote is cast by a pupil of its own, made with the CLI beside the running server.
import { expect, test, type Browser, type Page } from "./fixtures";
import { DEMO_ROUNDS } from "../support/demo-accounts";
import { expectNoAxeViolations, issueCodes, ROUND_SLUG, signIn, signInPupil, waitForHydration } from "./helpers";

/** What the page says (copied from app/features/turnout/strings.ts on purpose: a change shows here). */
const FI = {
  counted: /^Laskettu klo \d\d\.\d\d/,
  refresh: "Päivitä luvut",
  updated: /^Luvut päivitetty klo \d\d\.\d\d$/,
  pause: "Keskeytä automaattinen päivitys",
  resume: "Jatka automaattista päivitystä",
  paused: "Automaattinen päivitys on keskeytetty.",
};
const SCHOOL = "00501"; // Malmin peruskoulu, area koillinen
const PATH = `/turnout?round=${ROUND_SLUG}&by=school&school=${SCHOOL}&refresh=5`;

test.describe.configure({ timeout: 120_000 });

/** The total row's "Äänestäneitä" cell, as a number. */
async function totalVoters(page: Page): Promise<number> {
  const text = (await page.locator("tfoot td.num").nth(1).textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

/** A pupil with `code` votes for the first project of their area, in a browser context of their own (no JavaScript: the plain forms). */
async function castVote(browser: Browser, code: string) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false, locale: "fi-FI", timezoneId: "Europe/Helsinki" });
  try {
    const pupil = await context.newPage();
    await signInPupil(pupil, code);
    await pupil.goto("/vote");
    await pupil.getByRole("group", { name: "Äänestys: Koillinen" }).getByRole("checkbox").first().check();
    await pupil.getByRole("button", { name: "Tarkista ääneni", exact: true }).click();
    await pupil.getByRole("button", { name: "Anna ääneni", exact: true }).click();
    await expect(pupil.getByRole("heading", { level: 1 })).toHaveText("Kiitos äänestäsi!");
  } finally {
    await context.close();
  }
}

test("the figures update in place during voting, are announced briefly, and can be paused", async ({ page, browser }) => {
  const [first, second] = issueCodes(ROUND_SLUG, SCHOOL, 8, 2);
  await signIn(page, "coordinator", "fi");
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto(PATH);
  await waitForHydration(page);
  const live = page.locator(".turnout-live");
  await expect(live.getByText(FI.counted)).toBeVisible();
  const announcer = live.locator('[aria-live="polite"]');
  await expect(announcer).toHaveText("");
  const pause = page.getByRole("button", { name: FI.pause, exact: true });
  await expect(pause).toBeVisible();
  await expectNoAxeViolations(page, "/turnout, live (fi)");

  // No reload and no focus or scroll change: a mark on the window survives, the button keeps focus.
  await page.evaluate(() => Object.assign(window, { turnoutMark: "same page" }));
  await page.evaluate(() => window.scrollTo(0, 150));
  const scrolled = await page.evaluate(() => window.scrollY);
  await pause.focus();
  const before = await totalVoters(page);

  await castVote(browser, first as string);
  await expect.poll(() => totalVoters(page), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect(announcer).toHaveText(FI.updated);
  expect(await page.evaluate(() => (window as unknown as { turnoutMark?: string }).turnoutMark)).toBe("same page");
  await expect(pause).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);

  // Paused: nothing is fetched any more, however long one waits.
  await pause.click();
  const resume = page.getByRole("button", { name: FI.resume, exact: true });
  await expect(resume).toBeFocused();
  await expect(live).toContainText(FI.paused);
  let fetched = 0;
  const urls: URL[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/turnout")) {
      fetched++;
      urls.push(url);
    }
  });
  await castVote(browser, second as string);
  const whilePaused = await totalVoters(page);
  await page.waitForTimeout(11_000);
  expect(fetched).toBe(0);
  expect(await totalVoters(page)).toBe(whilePaused);

  // Resumed after more than one period: it counts at once, and the new vote shows.
  await resume.click();
  await expect(page.getByRole("button", { name: FI.pause, exact: true })).toBeVisible();
  await expect.poll(() => fetched, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(() => totalVoters(page), { timeout: 20_000 }).toBeGreaterThan(before + 1);
  await expectNoAxeViolations(page, "/turnout, live after updates (fi)");

  // A hidden tab is not counted for; back on it after more than one period, it counts at once.
  const setVisibility = (state: "hidden" | "visible") =>
    page.evaluate((value) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => value });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);
  await setVisibility("hidden");
  await page.waitForTimeout(1_000);
  fetched = 0;
  await page.waitForTimeout(6_000);
  expect(fetched).toBe(0);
  await setVisibility("visible");
  await expect.poll(() => fetched, { timeout: 3_000 }).toBeGreaterThan(0);

  // Each refresh loads only this route's data (not the root's), for the same query.
  for (const url of urls) {
    expect(url.pathname).toBe("/turnout.data");
    expect(url.searchParams.get("_routes")).toBe("routes/turnout");
    expect(url.searchParams.get("by")).toBe("school");
    expect(url.searchParams.get("school")).toBe(SCHOOL);
  }

  // With JavaScript the refresh link counts in place too, and says so even when nothing changed.
  // (The words may be the same as the last announcement's, within a minute: the region is emptied and
  // filled again, which a MutationObserver sees.)
  await page.evaluate(() => {
    const region = document.querySelector('.turnout-live [aria-live="polite"]');
    const seen: string[] = [];
    Object.assign(window, { turnoutAnnounced: seen });
    if (region) new MutationObserver(() => seen.push(region.textContent ?? "")).observe(region, { childList: true, characterData: true, subtree: true });
  });
  const link = page.getByRole("link", { name: FI.refresh, exact: true });
  await link.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { turnoutAnnounced: string[] }).turnoutAnnounced.filter((t) => t !== "").length)).toBeGreaterThan(0);
  await expect(announcer).toHaveText(FI.updated);
  await expect(link).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { turnoutMark?: string }).turnoutMark)).toBe("same page");
});

test("an ended round says when it was counted, with no refresh link or pause button", async ({ page }) => {
  await signIn(page, "coordinator", "fi");
  await page.goto(`/turnout?round=${DEMO_ROUNDS.past}`);
  await waitForHydration(page);
  await expect(page.locator(".turnout-live").getByText(FI.counted)).toBeVisible();
  await expect(page.getByRole("link", { name: FI.refresh })).toHaveCount(0);
  await expect(page.getByRole("button", { name: FI.pause })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the refresh link reloads the same URL with the new figures; no pause button, no meta refresh", async ({ page, browser }) => {
    const [code] = issueCodes(ROUND_SLUG, SCHOOL, 8, 1);
    await signIn(page, "coordinator", "fi");
    await page.goto(PATH);
    await expect(page.locator(".turnout-live").getByText(FI.counted)).toBeVisible();
    await expect(page.getByRole("button", { name: FI.pause })).toHaveCount(0);
    await expect(page.locator('meta[http-equiv="refresh" i]')).toHaveCount(0);
    const before = await totalVoters(page);

    await castVote(browser, code as string);
    await page.getByRole("link", { name: FI.refresh, exact: true }).click();
    await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === PATH);
    expect(await totalVoters(page)).toBeGreaterThan(before);
    await expect(page.locator(".turnout-live").getByText(FI.counted)).toBeVisible();
  });
});
