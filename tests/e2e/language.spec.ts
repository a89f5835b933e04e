// The language: Finnish by default, the browser's language on a first visit, and the header's
// switcher (a plain form) that stays on the same page and is remembered in a cookie.
import { expect, test } from "./fixtures";
import { languageButton, mainNav, switchLanguage, T } from "./helpers";

test("Finnish by default", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "fi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.fi.homeTitle);
  await expect(mainNav(page, "fi").getByRole("link", { name: T.fi.signIn, exact: true })).toBeVisible();
  await expect(languageButton(page, "fi")).toHaveAttribute("aria-current", "true");
});

test.describe("a browser in a language the app does not have", () => {
  test.use({ locale: "de-DE" });
  test("gets Finnish", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fi");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.fi.homeTitle);
  });
});

test.describe("a Swedish-speaking browser (Accept-Language sv-FI)", () => {
  test.use({ locale: "sv-FI" });
  test("gets Swedish on the first visit", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.sv.homeTitle);
    await expect(mainNav(page, "sv").getByRole("link", { name: T.sv.signIn, exact: true })).toBeVisible();
  });
});

test("switching to Svenska then English changes the texts, stays on the page and is remembered", async ({ page, context }) => {
  await page.goto("/login/code?school=00501");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.fi.codeTitle);
  await expect(page.getByText("Kirjautuminen: Malmin peruskoulu")).toBeVisible();

  await switchLanguage(page, "sv");
  await expect(page).toHaveURL(/\/login\/code\?school=00501$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.sv.codeTitle);
  await expect(page.getByLabel(T.sv.code, { exact: true })).toBeVisible();
  await expect(page.getByText("Malms grundskola")).toBeVisible();
  await expect(page.getByRole("link", { name: T.sv.skip })).toBeAttached();

  await switchLanguage(page, "en");
  await expect(page).toHaveURL(/\/login\/code\?school=00501$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.en.codeTitle);
  await expect(page.getByRole("main").getByRole("button", { name: T.en.submit, exact: true })).toBeVisible();

  // Remembered across navigation (a link click), a fresh load and a reload.
  await mainNav(page, "en").getByRole("link", { name: T.en.home, exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.en.homeTitle);
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.en.loginTitle);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByLabel(T.en.email, { exact: true })).toBeVisible();

  const cookie = (await context.cookies()).find((c) => c.name === "omakoulu_lang");
  expect(cookie, "the language cookie").toBeDefined();
  expect(cookie?.path).toBe("/");
  expect(cookie?.httpOnly).toBe(true);

  // And back to Finnish.
  await switchLanguage(page, "fi");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.fi.loginTitle);
});

test("the chosen language wins over the browser's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "sv-FI" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await switchLanguage(page, "fi");
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "fi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.fi.loginTitle);
  await context.close();
});

test("an unknown page says so in the chosen language", async ({ page }) => {
  await page.goto("/login");
  await switchLanguage(page, "sv");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.sv.notFoundTitle);
});
