// axe (WCAG 2.0 and 2.1, levels A and AA) on every page, in Finnish, Swedish and English: anonymous
// pages, each role's pages, the sign-in forms showing errors, and a 320-px-wide phone.
// Each test scans several pages with soft assertions, so one run reports every failing page.
import { expect, test } from "./fixtures";
import { expectNoAxeViolations, LANGS, ROUND_SLUG, scan, signIn, switchLanguage, T, type Role } from "./helpers";

// Every page at least once per language, with each role's own variant of it: staff see only their
// own schools, coordinators the whole city; coordinator and admin share /rounds and /schools.
const ROLE_PAGES: Record<Role, readonly (string | [string, number])[]> = {
  pupil: ["/account", ["/schools", 403]],
  staff: ["/account", "/schools", "/schools/00501"],
  coordinator: ["/account", "/schools", "/schools/00501", "/rounds", `/rounds/${ROUND_SLUG}`],
  admin: ["/account", "/admin/users"],
};

const CREATE_ACCOUNT = { fi: "Luo tunnus", sv: "Skapa konto", en: "Create account" } as const;

for (const lang of LANGS) {
  test.describe(`in ${T[lang].languageName} (${lang})`, () => {
    test(`anonymous pages have no axe violations (${lang})`, async ({ page }) => {
      await page.goto("/");
      await switchLanguage(page, lang);
      await expectNoAxeViolations(page, `/ (${lang})`);
      await scan(page, "/login?signedOut=1", lang);
      await scan(page, "/login/code?school=00501", lang);
      await scan(page, "/no-such-page", lang, 404);
    });

    test(`sign-in forms showing errors have no axe violations (${lang})`, async ({ page }) => {
      await page.goto("/login");
      await switchLanguage(page, lang);
      const submit = page.getByRole("main").getByRole("button", { name: T[lang].submit, exact: true });

      // Empty form: one error per field, linked from the summary.
      await submit.click();
      await expect(page.getByRole("alert").getByRole("link")).toHaveCount(2);
      await expectNoAxeViolations(page, `/login with empty fields (${lang})`);

      // Wrong credentials (an account that does not exist: no real account gets rate-limited).
      await page.getByLabel(T[lang].email, { exact: true }).fill(`nobody-${lang}@omakoulu.test`);
      await page.getByLabel(T[lang].password, { exact: true }).fill("wrong-password-2026");
      await submit.click();
      await expect(page.getByRole("alert")).toContainText(T[lang].invalidCredentials);
      await expectNoAxeViolations(page, `/login with wrong credentials (${lang})`);

      await page.goto("/login/code");
      const codeSubmit = page.getByRole("main").getByRole("button", { name: T[lang].submit, exact: true });
      await page.getByLabel(T[lang].code, { exact: true }).fill(`ZZZZ-ZZZZ-${lang.toUpperCase()}ZZ`);
      await codeSubmit.click();
      await expect(page.getByRole("alert")).toContainText(T[lang].codeInvalid);
      await expectNoAxeViolations(page, `/login/code with a wrong code (${lang})`);
    });

    for (const role of ["pupil", "staff", "coordinator", "admin"] as const) {
      test(`${role}'s pages have no axe violations (${lang})`, async ({ page }) => {
        await signIn(page, role);
        await switchLanguage(page, lang);
        for (const entry of ROLE_PAGES[role]) {
          const [path, status] = typeof entry === "string" ? [entry, 200] : entry;
          await scan(page, path, lang, status);
        }
        if (role === "admin") {
          // The create-account form showing its errors.
          await page.getByRole("main").getByRole("button", { name: CREATE_ACCOUNT[lang], exact: true }).click();
          await expect(page.getByRole("alert")).toBeVisible();
          await expectNoAxeViolations(page, `/admin/users with create-account errors (${lang})`);
        }
      });
    }

    test.describe("on a 320-px-wide phone", () => {
      test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
      test(`front page has no axe violations at 320 px (${lang})`, async ({ page }) => {
        await page.goto("/");
        await switchLanguage(page, lang);
        await expectNoAxeViolations(page, `/ at 320 px (${lang})`);
      });
    });
  });
}
