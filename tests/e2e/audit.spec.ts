// The audit log (/audit) in Chromium: a coordinator opens it from the navigation, filters by an
// action with the keyboard only, and axe finds nothing on the page, filtered or showing a refused
// date, in Finnish, Swedish and English.
import { expect, test, type Page } from "./fixtures";
import { ACCOUNTS, expectNoAxeViolations, LANGS, mainNav, scan, signInStaff, switchLanguage, waitForHydration } from "./helpers";

/** What users see on /audit (copied from app/features/audit/strings.ts on purpose: a change shows here). */
const AUDIT = {
  fi: { nav: "Lokitiedot", action: "Tapahtuma", show: "Näytä", signin: "Kirjautui salasanalla (signin.password)", badFrom: "Alkaen: kirjoita päivä muodossa VVVV-KK-PP, esimerkiksi 2026-03-01." },
  sv: { nav: "Logg", action: "Händelse", show: "Visa", signin: "Loggade in med lösenord (signin.password)", badFrom: "Från: skriv datumet i formen ÅÅÅÅ-MM-DD, till exempel 2026-03-01." },
  en: { nav: "Audit log", action: "Action", show: "Show", signin: "Signed in with password (signin.password)", badFrom: "From: write the date as YYYY-MM-DD, for example 2026-03-01." },
} as const;

/** The focused element's name, tag and text. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? { name: el.getAttribute("name"), tag: el.tagName.toLowerCase(), text: el.textContent?.trim() ?? "", value: el.value ?? "" } : null;
  });
}

/** Presses Tab until `match` holds for the focused element (at most 40 times). */
async function tabUntil(page: Page, what: string, match: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if (match(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

test("a coordinator opens the audit log and filters it by an action with the keyboard only", async ({ page }) => {
  await signInStaff(page, "coordinator");
  await mainNav(page, "fi").getByRole("link", { name: AUDIT.fi.nav, exact: true }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: AUDIT.fi.nav })).toBeVisible();
  await waitForHydration(page);

  // From the navigation link, Tab on into the filters.
  await tabUntil(page, "the action filter", (f) => f?.name === "action");
  expect((await focused(page))?.value).toBe("");
  // Arrow keys move through the closed list until the password sign-in is chosen.
  for (let i = 0; i < 40 && (await focused(page))?.value !== "signin.password"; i++) await page.keyboard.press("ArrowDown");
  expect((await focused(page))?.value).toBe("signin.password");
  await tabUntil(page, "the Show button", (f) => f?.tag === "button" && f.text === AUDIT.fi.show);
  await page.keyboard.press("Enter");

  // A plain GET form: the empty filters come along.
  await expect(page).toHaveURL(/\/audit\?action=signin\.password&actor=&from=&to=$/);
  const rows = page.getByRole("region", { name: "Lokitiedot, uusin ensin" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText(AUDIT.fi.signin);
  // The coordinator's own sign-in (made by this test) is there, by name and role. Not necessarily the
  // newest row: other tests sign in at the same time on the shared e2e database.
  await expect(rows.filter({ hasText: `${ACCOUNTS.coordinator.name} (Koordinaattori)` }).first()).toBeVisible();
  await expect(page.getByLabel(AUDIT.fi.action, { exact: true })).toHaveValue("signin.password");
});

for (const lang of LANGS) {
  test(`the audit log has no axe violations (${lang})`, async ({ page }) => {
    await signInStaff(page, "coordinator");
    await switchLanguage(page, lang);
    await expect(mainNav(page, lang).getByRole("link", { name: AUDIT[lang].nav, exact: true })).toHaveAttribute("href", "/audit");
    await scan(page, "/audit", lang);
    await scan(page, "/audit?action=signin.password", lang);
    await expect(page.getByRole("main").locator("tbody tr").first()).toContainText(AUDIT[lang].signin);

    // A refused date: the error summary links to the field, which keeps what was typed.
    await visitRefused(page, lang);
    await expectNoAxeViolations(page, `/audit with a refused date (${lang})`);
  });
}

async function visitRefused(page: Page, lang: (typeof LANGS)[number]) {
  const response = await page.goto("/audit?from=2026-02-30");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert").getByRole("link", { name: AUDIT[lang].badFrom })).toHaveAttribute("href", "#field-from");
}
