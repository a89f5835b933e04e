// Turnout for the coordinator (docs/domain.md): the type × language table with Helsinki-like rates,
// switching the grouping without JavaScript, the chart beside it, the CSV download, axe scans of
// /turnout in Finnish, Swedish and English, and the enrolment import refusing a paste or file in the
// wrong encoding on its field.
import fs from "node:fs";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations, LANGS, ROUND_SLUG, signIn, switchLanguage } from "./helpers";

const HEADINGS = { fi: "Äänestysaktiivisuus", sv: "Valdeltagande", en: "Turnout" } as const;

test("the coordinator reads turnout by type and language and downloads the CSV", async ({ page }) => {
  await signIn(page, "coordinator", "fi");
  await page.goto(`/turnout?round=${ROUND_SLUG}`);
  await expect(page.getByRole("heading", { level: 1, name: "Äänestysaktiivisuus" })).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Oppilaitostyyppi" })).toBeVisible();
  const comprehensiveFi = table.getByRole("row").filter({ hasText: "Peruskoulu (11)" }).filter({ hasText: "Suomenkielinen" });
  // Like Helsinki's 2019 round: about 36 % of Finnish-language comprehensive-school pupils.
  await expect(comprehensiveFi.getByRole("cell").last()).toHaveText(/^3\d,\d %$/);
  await expect(page.getByRole("img", { name: /Äänestysaktiivisuus/ })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).first().click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`turnout-${ROUND_SLUG}-type-language-exact.csv`);
  const text = fs.readFileSync(await file.path(), "utf8");
  expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("type,language,eligible,voters,participation_rate");
  expect(text).toMatch(/\r\n11,fi,\d+,\d+,3\d\.\d\r\n/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the grouping switches with the plain form", async ({ page }) => {
    await signIn(page, "coordinator", "fi");
    await page.goto(`/turnout?round=${ROUND_SLUG}`);
    await page.getByLabel("Ryhmittely").selectOption({ label: "Päivä" });
    await page.getByRole("button", { name: "Näytä", exact: true }).click();
    await expect(page).toHaveURL(/by=day/);
    await expect(page.getByRole("columnheader", { name: "Päivä" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Äänestäneitä päivittäin" })).toBeVisible();
  });
});

for (const lang of LANGS) {
  test(`axe finds nothing on /turnout (${lang})`, async ({ page }) => {
    await signIn(page, "coordinator", "fi");
    await switchLanguage(page, lang);
    await page.goto(`/turnout?round=${ROUND_SLUG}`);
    await expect(page.getByRole("heading", { level: 1, name: HEADINGS[lang] })).toBeVisible();
    await expectNoAxeViolations(page, `/turnout (${lang})`);
    await page.goto(`/turnout?round=${ROUND_SLUG}&by=day`);
    await expectNoAxeViolations(page, `/turnout?by=day (${lang})`);
  });
}

test("a paste or file in the wrong encoding is refused on its field, translated and without axe findings (decision 017)", async ({ page }) => {
  await signIn(page, "coordinator", "fi");
  await switchLanguage(page, "sv");
  await page.goto(`/turnout?round=${ROUND_SLUG}`);
  // A UTF-8 file opened as Windows-1252 before copying: "Ylöjärvi" shows as "YlÃ¶jÃ¤rvi".
  const pasted = "school,class_level,eligible\n00101,7,5 YlÃ¶jÃ¤rvi";
  const box = page.getByLabel("Eller klistra in CSV-texten här");
  await box.fill(pasted);
  await page.getByRole("button", { name: "Importera" }).click();
  const message = "Inklistrad CSV: rad 2 har bokstäver som lästs med fel teckenkodning";
  await expect(page.locator("#turnout-csv-error")).toContainText(message);
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(box).toHaveAccessibleDescription(new RegExp(message));
  await expect(box).toHaveValue(pasted);
  await expectNoAxeViolations(page, "/turnout, a refused paste (sv)");

  await box.fill("");
  await page.getByLabel("CSV-fil").setInputFiles({ name: "elever.csv", mimeType: "text/csv", buffer: Buffer.from("school,class_level,eligible\n00101,7,5\nÅbo,7,1\n", "latin1") });
  await page.getByRole("button", { name: "Importera" }).click();
  await expect(page.locator("#turnout-file-error")).toContainText("CSV-fil ”elever.csv”: filen är inte i UTF-8 (den ser ut att vara Latin-1/Windows-1252) på rad 3.");
  await expect(page.getByLabel("CSV-fil")).toHaveAttribute("aria-invalid", "true");
});
