// Admins' account actions through the browser (issue 10): disabling asks first, resetting a
// password shows a temporary password once, and its user must choose a new one at sign-in.
// Each test makes its own staff account, so the demo accounts other specs use are never touched.
import { expect, test, type Page } from "./fixtures";
import { expectNoAxeViolations, LANGS, runId, signInStaff, switchLanguage, T } from "./helpers";

const FI = {
  resetPassword: "Aseta väliaikainen salasana",
  resetTitle: (name: string) => `Asetetaanko käyttäjälle ${name} väliaikainen salasana?`,
  resetConfirm: "Kyllä, aseta väliaikainen salasana",
  temporaryTitle: (name: string) => `Väliaikainen salasana: ${name}`,
  disable: "Poista käytöstä",
  enable: "Ota käyttöön",
  disableTitle: (name: string) => `Poistetaanko ${name} käytöstä?`,
  disableConfirm: "Kyllä, poista tunnus käytöstä",
  disabled: (name: string) => `${name} poistettiin käytöstä ja kirjattiin ulos kaikilta laitteilta.`,
  cancel: "Peruuta",
  newPasswordTitle: "Valitse uusi salasana",
  current: "Nykyinen tai väliaikainen salasana",
  password: "Uusi salasana",
  confirm: "Uusi salasana uudelleen",
  submit: "Tallenna uusi salasana",
  sameAsCurrent: "Uusi salasana: valitse salasana, joka eroaa nykyisestä tai väliaikaisesta.",
  changed: "Uusi salasanasi tallennettiin. Käytä sitä tästä lähtien.",
};
const DISABLE_TITLE = { fi: FI.disableTitle, sv: (name: string) => `Stänga av ${name}?`, en: (name: string) => `Disable ${name}?` };

/** The signed-in admin creates a staff account (a form post, as the page's form does) and opens its page. */
async function newStaffAccount(page: Page) {
  const id = runId();
  const account = { name: `Testi Opettaja ${id}`, email: `opettaja-${id.toLowerCase()}@omakoulu.test`, password: `Alku-salasana-${id}` };
  const created = await page.request.post("/admin/users?index", { form: { intent: "create", name: account.name, email: account.email, role: "staff", password: account.password, sectors: "basic" } });
  expect(created.status()).toBe(200);
  await page.goto("/admin/users");
  await page.getByRole("link", { name: account.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: account.name })).toBeVisible();
  return account;
}

test("an admin resets a password; the temporary one leads to choosing a new password", async ({ page, browser }) => {
  await signInStaff(page, "admin");
  const account = await newStaffAccount(page);
  const userPage = page.url();

  await page.getByRole("button", { name: FI.resetPassword, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: FI.resetTitle(account.name) })).toBeFocused();
  await expectNoAxeViolations(page, "reset confirmation (fi)");
  await page.getByRole("button", { name: FI.resetConfirm, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: FI.temporaryTitle(account.name) })).toBeFocused();
  const temporary = (await page.locator("#temporary-password").textContent()) ?? "";
  expect(temporary).toMatch(/^\S{4}(-\S{4}){3}$/);
  expect(page.url()).not.toContain(temporary);
  await expectNoAxeViolations(page, "temporary password shown (fi)");
  // Shown once: opening the page again does not show it.
  await page.goto(userPage);
  await expect(page.locator("#temporary-password")).toHaveCount(0);

  // The user signs in with it (in a browser of their own) and must choose a new password first.
  const context = await browser.newContext();
  const user = await context.newPage();
  await user.goto("/login");
  await user.getByLabel(T.fi.email, { exact: true }).fill(account.email);
  await user.getByLabel(T.fi.password, { exact: true }).fill(temporary);
  await user.getByRole("main").getByRole("button", { name: T.fi.submit, exact: true }).click();
  await expect(user).toHaveURL(/\/account\/password$/);
  await expect(user.getByRole("heading", { level: 1 })).toHaveText(FI.newPasswordTitle);
  await expectNoAxeViolations(user, "/account/password after a reset (fi)");
  await user.goto("/ideas");
  await expect(user).toHaveURL(/\/account\/password$/);

  const fill = async (current: string, password: string, confirm: string) => {
    await user.getByLabel(FI.current, { exact: true }).fill(current);
    await user.getByLabel(FI.password, { exact: true }).fill(password);
    await user.getByLabel(FI.confirm, { exact: true }).fill(confirm);
    await user.getByRole("button", { name: FI.submit, exact: true }).click();
  };
  await fill(temporary, temporary, temporary);
  await expect(user.getByRole("alert")).toContainText(FI.sameAsCurrent);
  await expect(user.getByLabel(FI.password, { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(user.getByLabel(FI.password, { exact: true })).toHaveValue("");
  await expectNoAxeViolations(user, "/account/password with an error (fi)");

  await fill(temporary, `Uusi-salasana-${account.name.length}x`, `Uusi-salasana-${account.name.length}x`);
  await expect(user.getByText(FI.changed)).toBeVisible();
  await user.goto("/account");
  await expect(user.getByRole("heading", { level: 1, name: T.fi.accountTitle })).toBeVisible();
  await context.close();
});

test("disabling asks first, in every language, and Cancel changes nothing", async ({ page }) => {
  await signInStaff(page, "admin");
  const account = await newStaffAccount(page);
  await page.getByRole("button", { name: FI.disable, exact: true }).click();
  await expect(page).toHaveURL(/\?confirm=disable$/);
  await expect(page.getByRole("heading", { level: 2, name: FI.disableTitle(account.name) })).toBeFocused();
  for (const lang of LANGS) {
    if (lang !== "fi") await switchLanguage(page, lang);
    await expect(page.getByRole("heading", { level: 2, name: DISABLE_TITLE[lang](account.name) })).toBeVisible();
    await expectNoAxeViolations(page, `disable confirmation (${lang})`);
  }
  await switchLanguage(page, "fi");
  await page.getByRole("link", { name: FI.cancel, exact: true }).click();
  await expect(page.getByRole("button", { name: FI.disable, exact: true })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("disabling is confirmed on its own step; enabling is one press", async ({ page }) => {
    await signInStaff(page, "admin");
    const account = await newStaffAccount(page);
    await page.getByRole("button", { name: FI.disable, exact: true }).click();
    await expect(page.getByRole("heading", { level: 2, name: FI.disableTitle(account.name) })).toBeVisible();
    await page.getByRole("button", { name: FI.disableConfirm, exact: true }).click();
    await expect(page.getByText(FI.disabled(account.name))).toBeVisible();
    await page.getByRole("button", { name: FI.enable, exact: true }).click();
    await expect(page.getByRole("button", { name: FI.disable, exact: true })).toBeVisible();
  });
});
