// Forms from other sites and the Content-Security-Policy in Chromium (issue 13, decision 015). A page
// of "another site" (http://evil.example, served by Playwright) carries a form that posts to
// OmaKoulu: the browser sends it with that Origin and without OmaKoulu's SameSite=Lax cookies, and
// OmaKoulu refuses it with a translated page, does nothing, and logs it. Every test here (as every
// e2e test, tests/e2e/fixtures.ts) also fails on a CSP violation Chromium reports.
import { expect, test } from "./fixtures";
import { expectNoAxeViolations, signInStaff, switchLanguage, T } from "./helpers";

// Plain HTTP like the test server: from an HTTPS page Chromium would send "Origin: null" (a downgrade).
const EVIL = "http://evil.example";

test("a form on another site posting to OmaKoulu is refused, changes nothing and is in the audit log", async ({ page, baseURL, browser }) => {
  await page.route(`${EVIL}/**`, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!DOCTYPE html><html lang="en"><head><title>Win a prize</title></head><body><main>
        <form method="post" action="${baseURL}/language"><input type="hidden" name="lang" value="sv"><input type="hidden" name="redirectTo" value="/"><button>Claim your prize</button></form>
      </main></body></html>`,
    }),
  );
  await page.goto("/");
  await switchLanguage(page, "en");

  await page.goto(`${EVIL}/prize`);
  const [response] = await Promise.all([page.waitForResponse(`${baseURL}/language`), page.getByRole("button", { name: "Claim your prize" }).click()]);
  expect(response.status()).toBe(403);
  // The language cookie does not travel with another site's form, so the page is in the browser's language (fi).
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lomake lähetettiin toiselta sivustolta");
  await expect(page.getByRole("main")).toContainText("avaa OmaKoulu itse");
  await expectNoAxeViolations(page, "403 for a form from another site");

  // Nothing was done: OmaKoulu is still in English.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: T.en.mainNav })).toBeVisible();

  // A coordinator finds the refusal in the audit log, with the path and the other site.
  const staff = await (await browser.newContext()).newPage();
  await signInStaff(staff, "coordinator");
  await staff.goto("/audit?action=request.cross-site");
  const row = staff.getByRole("row").filter({ hasText: "Toiselta sivustolta tullut lomake torjuttu" }).first();
  await expect(row).toContainText("/language");
  await expect(row).toContainText(EVIL);
  await staff.context().close();
});
