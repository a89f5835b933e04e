// Paper ballots in two steps (issue 10): the pupil's code first, checked by the server at once,
// then the picks. Without JavaScript (plain form posts) and with it; axe on each new state.
import { expect, test, type Page } from "./fixtures";
import { expectNoAxeViolations, issueCodes, ROUND_SLUG, signInStaff } from "./helpers";

const FI = {
  code: "Oppilaan kirjautumiskoodi",
  check: "Näytä äänestyslippu",
  save: "Tallenna paperiääni",
  saved: "Paperiääni tallennettiin.",
  checked: "Koodi tarkistettiin: kukaan ei ole vielä äänestänyt tämän oppilaan puolesta.",
  unknown: "Koodi: millään oppilaalla ei ole tätä koodia, tai se on peruttu. Tarkista lappu.",
  votedOnPaper: "Koodi: oppilaan paperiääni on jo kirjattu. Laita lappu sivuun ja kirjaa seuraava koodi.",
  forPupil: /^Oppilaan \S+ paperiääni, Malmin peruskoulu, luokka 9$/,
};

async function checkCode(page: Page, code: string) {
  const field = page.getByLabel(FI.code, { exact: true });
  await field.fill(code);
  await page.getByRole("button", { name: FI.check, exact: true }).click();
}

/** The two steps; axe scans each new state when `label` is given (axe needs JavaScript in the page). */
async function twoSteps(page: Page, label?: string) {
  const [code] = issueCodes(ROUND_SLUG, "00501", 9, 1) as [string];
  await page.goto("/paper");

  // A code nobody has: refused on the code field, what was typed kept, no picks shown.
  await checkCode(page, "ZZZZ-ZZZZ-ZZZZ");
  await expect(page.getByRole("alert")).toContainText(FI.unknown);
  const field = page.getByLabel(FI.code, { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveValue("ZZZZ-ZZZZ-ZZZZ");
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  if (label) await expectNoAxeViolations(page, `/paper, unknown code (${label})`);

  // The pupil's code passes: step 2 shows their ballot.
  await checkCode(page, code);
  const heading = page.getByRole("heading", { level: 2, name: FI.forPupil });
  await expect(heading).toBeVisible();
  await expect(page.getByText(FI.checked)).toBeVisible();
  if (label) await expectNoAxeViolations(page, `/paper, step 2 (${label})`);
  await page.getByRole("checkbox", { name: /KOI-01/ }).check();
  await page.getByRole("button", { name: FI.save, exact: true }).click();
  await expect(page.getByText(FI.saved)).toBeVisible();

  // The same slip again: refused at the code step.
  await checkCode(page, code);
  await expect(page.getByRole("alert")).toContainText(FI.votedOnPaper);
  await expect(page.getByLabel(FI.code, { exact: true })).toHaveValue(code);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  if (label) await expectNoAxeViolations(page, `/paper, already entered (${label})`);
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the code is checked first, then the picks are entered", async ({ page }) => {
    await signInStaff(page, "staff");
    await twoSteps(page);
  });
});

test("with JavaScript the same two steps, the focus moving to the pupil's ballot", async ({ page }) => {
  await signInStaff(page, "staff");
  const [code] = issueCodes(ROUND_SLUG, "00501", 9, 1) as [string];
  await page.goto("/paper");
  await checkCode(page, code);
  await expect(page.getByRole("heading", { level: 2, name: FI.forPupil })).toBeFocused();
  await page.goto("/paper");
  await twoSteps(page, "fi");
});
