// Signing in and out, per role, as users see it (Finnish: the browser default in this suite).
import { expect, test } from "./fixtures";
import { accountRole, ACCOUNTS, mainNav, NAV, PUPIL_CODE, signIn, SWEDISH_STAFF, T, type Role } from "./helpers";

const fi = T.fi;

for (const role of ["admin", "coordinator", "staff", "pupil"] as const satisfies readonly Role[]) {
  test(`${role} signs in to their own page with the right navigation, and signs out`, async ({ page }) => {
    await signIn(page, role);

    await expect(accountRole(page, "fi")).toHaveText(fi.roles[role]);
    await expect(page.getByRole("banner")).toContainText(`(${fi.roles[role]})`);
    const nav = mainNav(page, "fi");
    await expect(nav.getByRole("link")).toHaveText([fi.home, ...NAV[role].map((item) => fi.nav[item])]);
    await expect(nav.getByRole("link", { name: fi.nav.account })).toHaveAttribute("aria-current", "page");
    if (role === "pupil") {
      // A pupil is known only by school and class.
      await expect(page.getByRole("main")).toContainText("Malmin peruskoulu");
      await expect(page.getByRole("main")).not.toContainText(PUPIL_CODE);
    } else {
      await expect(page.getByRole("main")).toContainText(ACCOUNTS[role].email);
    }

    await page.getByRole("button", { name: fi.signOut, exact: true }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    await expect(page.getByRole("status")).toHaveText(fi.signedOut);
    await expect(mainNav(page, "fi").getByRole("link")).toHaveText([fi.home, fi.nav.ideas, fi.signIn]);
    await expect(page.getByRole("button", { name: fi.signOut })).toHaveCount(0);

    // The session is gone: a protected page sends you to sign in, and back after it.
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi.loginTitle);
  });
}

test("signing in from a protected page comes back to it", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await page.getByLabel(fi.email, { exact: true }).fill(ACCOUNTS.coordinator.email);
  await page.getByLabel(fi.password, { exact: true }).fill(ACCOUNTS.coordinator.password);
  await page.getByRole("main").getByRole("button", { name: fi.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountRole(page, "fi")).toHaveText(fi.roles.coordinator);
});

test("a wrong password shows a translated alert, keeps the email and empties the password", async ({ page }) => {
  await page.goto("/login");
  const email = page.getByLabel(fi.email, { exact: true });
  const password = page.getByLabel(fi.password, { exact: true });
  await email.fill(SWEDISH_STAFF.email);
  await password.fill("not-the-password-2026");
  await page.getByRole("main").getByRole("button", { name: fi.submit, exact: true }).click();

  const alert = page.getByRole("alert");
  await expect(alert).toContainText(fi.invalidCredentials);
  await expect(page).toHaveURL(/\/login$/);
  await expect(email).toHaveValue(SWEDISH_STAFF.email);
  await expect(password).toHaveValue("");
  await expect(page.getByRole("button", { name: fi.signOut })).toHaveCount(0);
});
