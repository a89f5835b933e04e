// A 320-px-wide phone (WCAG 1.4.10 Reflow): no sideways scrolling, and signing in works.
import { expect, test, type Page } from "./fixtures";
import { accountRole, ACCOUNTS, LANGS, PUPIL_CODE, switchLanguage, T } from "./helpers";

test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

async function expectNoHorizontalScroll(page: Page, what: string) {
  const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    // Name the culprits, so that a failure says what to fix.
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .filter((el) => !el.closest(".table-wrap") || el.classList.contains("table-wrap"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  expect(scrollWidth, `${what}: page is ${scrollWidth}px wide in a ${clientWidth}px viewport; too wide: ${wide.join(", ")}`).toBeLessThanOrEqual(
    clientWidth + 1,
  );
}

for (const lang of LANGS) {
  test(`front page and sign-in pages fit 320 px without sideways scrolling (${lang})`, async ({ page }) => {
    await page.goto("/");
    await switchLanguage(page, lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T[lang].homeTitle);
    await expectNoHorizontalScroll(page, `/ (${lang})`);
    await page.goto("/login");
    await expectNoHorizontalScroll(page, `/login (${lang})`);
    await page.goto("/login/code?school=00501");
    await expectNoHorizontalScroll(page, `/login/code (${lang})`);
  });
}

test("staff sign-in works at 320 px", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel(T.fi.email, { exact: true }).fill(ACCOUNTS.admin.email);
  await page.getByLabel(T.fi.password, { exact: true }).fill(ACCOUNTS.admin.password);
  await page.getByRole("main").getByRole("button", { name: T.fi.submit, exact: true }).tap();
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountRole(page, "fi")).toHaveText(T.fi.roles.admin);
  // The admin has the longest navigation; it must still fit.
  await expectNoHorizontalScroll(page, "/account (admin)");
});

test("pupil code sign-in works at 320 px", async ({ page }) => {
  await page.goto("/login/code");
  await page.getByLabel(T.fi.code, { exact: true }).fill(PUPIL_CODE);
  await page.getByRole("main").getByRole("button", { name: T.fi.submit, exact: true }).tap();
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountRole(page, "fi")).toHaveText(T.fi.roles.pupil);
  await expectNoHorizontalScroll(page, "/account (pupil)");
});
