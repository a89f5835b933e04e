// Without JavaScript every form is a plain HTML form: sign-in, code sign-in, language, sign-out.
import { expect, test } from "./fixtures";
import { accountRole, ACCOUNTS, ENDED_ROUND_CODE, languageButton, mainNav, NAV, PUPIL_CODES, T } from "./helpers";

test.use({ javaScriptEnabled: false });

test("staff sign-in, language switch and sign-out work without JavaScript", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel(T.fi.email, { exact: true }).fill(ACCOUNTS.staff.email);
  await page.getByLabel(T.fi.password, { exact: true }).fill(ACCOUNTS.staff.password);
  await page.getByRole("main").getByRole("button", { name: T.fi.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountRole(page, "fi")).toHaveText(T.fi.roles.staff);

  await languageButton(page, "sv").click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.sv.accountTitle);
  await expect(accountRole(page, "sv")).toHaveText(T.sv.roles.staff);
  await expect(mainNav(page, "sv").getByRole("link")).toHaveText([T.sv.home, ...NAV.staff.map((item) => T.sv.nav[item])]);

  await page.getByRole("button", { name: T.sv.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  await expect(page.getByRole("status")).toHaveText(T.sv.signedOut);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.sv.loginTitle);
});

test("pupil code sign-in works without JavaScript, with a message for a wrong code", async ({ page }) => {
  await page.goto("/login/code");
  const code = page.getByLabel(T.fi.code, { exact: true });
  const submit = page.getByRole("main").getByRole("button", { name: T.fi.submit, exact: true });

  // Well-formed, but no such code.
  await code.fill("ZZZZ-ZZZZ-ZZZZ");
  await submit.click();
  await expect(page).toHaveURL(/\/login\/code$/);
  await expect(page.getByRole("alert")).toContainText(T.fi.codeInvalid);
  await expect(page.getByLabel(T.fi.code, { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(T.fi.code, { exact: true })).toHaveValue(""); // codes are never echoed back

  await page.getByLabel(T.fi.code, { exact: true }).fill(PUPIL_CODES[1].toLowerCase());
  await page.getByRole("main").getByRole("button", { name: T.fi.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountRole(page, "fi")).toHaveText(T.fi.roles.pupil);

  await page.getByRole("button", { name: T.fi.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  await expect(mainNav(page, "fi").getByRole("link")).toHaveText([T.fi.home, T.fi.nav.ideas, T.fi.signIn]);
});

test("a code of an ended round signs in to follow the round, without JavaScript; voting says it has ended", async ({ page }) => {
  await page.goto("/login/code");
  await languageButton(page, "en").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel(T.en.code, { exact: true }).fill(ENDED_ROUND_CODE);
  await page.getByRole("main").getByRole("button", { name: T.en.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("main")).toContainText("OmaKoulu 2025");
  await page.goto("/vote");
  await expect(page.getByRole("main")).toContainText(/Voting in this round ended on .+\. You can still follow your ideas/);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
});
