// Voting in the browser (docs/domain.md): on a phone with JavaScript (the count updates live), without
// JavaScript (the server's review page), with the keyboard only; the receipt is shown once and
// checks on /vote/check; and axe finds nothing on the vote pages in Finnish, Swedish and English.
// Every test votes as a pupil of its own, made with the CLI beside the running server, so reruns
// and parallel workers never collide.
import { expect, test, type Page } from "./fixtures";
import { expectNoAxeViolations, issueCodes, LANGS, ROUND_SLUG, signInPupil, switchLanguage, waitForHydration, type Lang } from "./helpers";
const MAX_PICKS = 5;

/** What the vote pages say, per language (copied from app/features/voting/strings.ts on purpose). */
const V = {
  fi: {
    title: "Äänestä",
    areaBallot: "Äänestys: Koillinen",
    cityBallot: "Äänestys: Koko Helsinki",
    picked: (n: number) => `${n}/${MAX_PICKS} valittu`,
    review: "Tarkista ääneni",
    reviewTitle: "Tarkista äänesi",
    cast: "Anna ääneni",
    castTitle: "Kiitos äänestäsi!",
    youVoted: /^Äänestit .+\. Voit vielä muuttaa ääntäsi/,
    checkTitle: "Tarkista äänesi kuitilla",
    checkCode: "Kuittikoodi",
    checkSubmit: "Tarkista",
    checkFound: "Tämä ääni on tallennettu ja se lasketaan:",
    checkNone: "Millään äänellä ei ole tätä kuittikoodia.",
    malformed: "Kuittikoodi: kuitissa on 12 kirjainta ja numeroa",
    tooMany: `Koillinen: valitsit ${MAX_PICKS + 1} hanketta, mutta enintään ${MAX_PICKS} on sallittu. Poista 1.`,
  },
  sv: {
    title: "Rösta",
    areaBallot: "Omröstning: Nordöstra",
    cityBallot: "Omröstning: Hela Helsingfors",
    picked: (n: number) => `${n} av ${MAX_PICKS} valda`,
    review: "Granska min röst",
    reviewTitle: "Kontrollera din röst",
    cast: "Lämna min röst",
    castTitle: "Tack för att du röstade!",
    youVoted: /^Du röstade .+\. Du kan ännu ändra din röst/,
    checkTitle: "Kontrollera din röst med ett kvitto",
    checkCode: "Kvittokod",
    checkSubmit: "Kontrollera",
    checkFound: "Den här rösten är sparad och räknas:",
    checkNone: "Ingen röst har den här kvittokoden.",
    malformed: "Kvittokod: ett kvitto har 12 bokstäver och siffror",
    tooMany: "",
  },
  en: {
    title: "Vote",
    areaBallot: "Ballot: North-Eastern",
    cityBallot: "Ballot: Whole city",
    picked: (n: number) => `${n} of ${MAX_PICKS} picked`,
    review: "Review my vote",
    reviewTitle: "Check your vote",
    cast: "Cast my vote",
    castTitle: "Thank you for voting!",
    youVoted: /^You voted on .+\. You can still change your vote/,
    checkTitle: "Check your vote with a receipt",
    checkCode: "Receipt code",
    checkSubmit: "Check",
    checkFound: "This vote is saved and will be counted:",
    checkNone: "No vote has this receipt code.",
    malformed: "Receipt code: a receipt has 12 letters and numbers",
    tooMany: "",
  },
} as const;

/**
 * New pupil codes (school 00501, area koillinen, class 8) issued with the CLI into the e2e
 * database while the server runs. Each worker issues its own in beforeAll.
 */
let codes: string[] = [];
test.beforeAll(() => {
  codes = issueCodes(ROUND_SLUG, "00501", 8, 12);
  expect(codes).toHaveLength(12);
});

let next = 0;
function freshCode(): string {
  const code = codes[next++];
  if (!code) throw new Error("out of pupil codes: issue more in beforeAll");
  return code;
}

// The shared machine is slow at times: give every test room.
test.describe.configure({ timeout: 120_000 });

function ballot(page: Page, lang: Lang, which: "area" | "city" = "area") {
  return page.getByRole("group", { name: which === "area" ? V[lang].areaBallot : V[lang].cityBallot });
}

/** The title and code of the project card of a checkbox. */
async function projectOf(page: Page, area: string, index: number): Promise<{ title: string; code: string }> {
  const card = page.locator(`li.ballot-card:has(input[name="pick:${area}"])`).nth(index);
  const title = (await card.locator(".ballot-card__title").textContent())?.trim() ?? "";
  const meta = (await card.locator(".ballot-card__meta").textContent()) ?? "";
  const code = /([A-Z]{3}-\d{2})\s*$/.exec(meta.trim())?.[1] ?? "";
  expect(title).not.toBe("");
  expect(code).not.toBe("");
  return { title, code };
}

async function readReceipt(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/vote\/receipt$/);
  const receipt = page.getByTestId("receipt");
  await expect(receipt).toHaveText(/^\s*[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\s*$/);
  return ((await receipt.textContent()) ?? "").trim();
}

async function checkReceipt(page: Page, lang: Lang, receipt: string) {
  await page.goto("/vote/check");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V[lang].checkTitle);
  await page.getByLabel(V[lang].checkCode, { exact: true }).fill(receipt);
  await page.getByRole("main").getByRole("button", { name: V[lang].checkSubmit, exact: true }).click();
}

/** Goes on to the review page, which shows the picked projects; returns its main region. */
async function review(page: Page, picked: readonly { title: string }[]) {
  await page.getByRole("button", { name: V.fi.review, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.fi.reviewTitle);
  const main = page.getByRole("main");
  for (const p of picked) await expect(main).toContainText(p.title);
  return main;
}

/** Casts from the review page, reads the receipt, and finds the vote with it on /vote/check. */
async function castAndCheckReceipt(page: Page) {
  await page.getByRole("button", { name: V.fi.cast, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.fi.castTitle);
  const receipt = await readReceipt(page);

  await checkReceipt(page, "fi", receipt);
  await expect(page.getByRole("heading", { level: 2, name: V.fi.checkFound })).toBeVisible();
}

test.describe("on a phone with JavaScript", () => {
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

  test("the count updates as boxes are ticked; review, cast, receipt, and the receipt checks", async ({ page }) => {
    await signInPupil(page, freshCode());
    await page.goto("/vote");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.fi.title);
    await waitForHydration(page);

    const area = ballot(page, "fi");
    const city = ballot(page, "fi", "city");
    const areaStatus = area.locator(".ballot__status");
    await expect(areaStatus).toHaveText(V.fi.picked(0));
    await expect(areaStatus).toHaveAttribute("aria-live", "polite");
    const boxes = area.getByRole("checkbox");
    expect(await boxes.count()).toBeGreaterThanOrEqual(MAX_PICKS + 1);

    await boxes.nth(0).check();
    await expect(areaStatus).toHaveText(V.fi.picked(1));
    await boxes.nth(1).check();
    await expect(areaStatus).toHaveText(V.fi.picked(2));
    // Over the limit shows at once (the server would refuse it), and goes away again.
    for (let i = 2; i <= MAX_PICKS; i++) await boxes.nth(i).check();
    await expect(areaStatus).toHaveText(V.fi.picked(MAX_PICKS + 1));
    await expect(areaStatus).toHaveClass(/ballot__status--over/);
    for (let i = MAX_PICKS; i >= 2; i--) await boxes.nth(i).uncheck();
    await expect(areaStatus).toHaveText(V.fi.picked(2));
    await expect(areaStatus).not.toHaveClass(/ballot__status--over/);

    await city.getByRole("checkbox").nth(0).check();
    await expect(city.locator(".ballot__status")).toHaveText(V.fi.picked(1));
    await expect(areaStatus).toHaveText(V.fi.picked(2));

    const picked = [await projectOf(page, "koillinen", 0), await projectOf(page, "koillinen", 1), await projectOf(page, "koko-kaupunki", 0)];
    const notPicked = await projectOf(page, "koillinen", 2);

    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    const main = await review(page, picked);
    await expect(main).not.toContainText(notPicked.title);
    await expect(main).toContainText(V.fi.picked(2));

    await castAndCheckReceipt(page);
    for (const p of picked) await expect(main.getByRole("listitem").filter({ hasText: `${p.code} ${p.title}` })).toHaveCount(1);
    await expect(main).not.toContainText(notPicked.code);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server's review page shows the picks and totals; too many picks is explained; the cast gives a receipt", async ({ page }) => {
    await signInPupil(page, freshCode());
    await page.goto("/vote");
    const boxes = ballot(page, "fi").getByRole("checkbox");

    // Too many: the server says so and keeps the picks.
    for (let i = 0; i <= MAX_PICKS; i++) await boxes.nth(i).check();
    await page.getByRole("button", { name: V.fi.review, exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(V.fi.tooMany);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.fi.title);
    await expect(ballot(page, "fi").getByRole("checkbox").nth(MAX_PICKS)).toBeChecked();

    for (let i = MAX_PICKS; i >= 2; i--) await ballot(page, "fi").getByRole("checkbox").nth(i).uncheck();
    const picked = [await projectOf(page, "koillinen", 0), await projectOf(page, "koillinen", 1)];
    const main = await review(page, picked);
    await expect(main).toContainText(V.fi.picked(2));

    await castAndCheckReceipt(page);
    for (const p of picked) await expect(main).toContainText(`${p.code} ${p.title}`);
  });
});

/** What has focus: tag, type, name attribute and text. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    return { tag: el.tagName.toLowerCase(), type: el.getAttribute("type"), name: el.getAttribute("name"), text: el.textContent?.trim() ?? "" };
  });
}

/** Presses Tab until the focused element matches (at most `limit` presses). */
async function tabTo(page: Page, what: string, matches: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, limit = 120) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f && matches(f)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

test("a pupil votes with the keyboard only (Tab, Space, Enter)", async ({ page }) => {
  await signInPupil(page, freshCode());
  await page.goto("/vote");
  await waitForHydration(page);
  const boxes = ballot(page, "fi").getByRole("checkbox");
  const status = ballot(page, "fi").locator(".ballot__status");

  const isAreaBox = (f: { tag: string; type: string | null; name: string | null }) => f.tag === "input" && f.type === "checkbox" && f.name === "pick:koillinen";
  await tabTo(page, "the first checkbox", isAreaBox);
  await page.keyboard.press("Space");
  await expect(boxes.nth(0)).toBeChecked();
  await expect(status).toHaveText(V.fi.picked(1));
  await tabTo(page, "the second checkbox", isAreaBox);
  await page.keyboard.press("Space");
  await expect(boxes.nth(1)).toBeChecked();
  await expect(status).toHaveText(V.fi.picked(2));
  const picked = [await projectOf(page, "koillinen", 0), await projectOf(page, "koillinen", 1)];

  await tabTo(page, "the review button", (f) => f.tag === "button" && f.text === V.fi.review);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.fi.reviewTitle);
  for (const p of picked) await expect(page.getByRole("main")).toContainText(p.title);

  await tabTo(page, "the cast button", (f) => f.tag === "button" && f.text === V.fi.cast);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.fi.castTitle);
  await readReceipt(page);
});

test("the receipt page cannot be shown twice: a reload goes back to /vote, which says you voted", async ({ page }) => {
  await signInPupil(page, freshCode());
  await page.goto("/vote");
  await waitForHydration(page);
  const first = ballot(page, "fi").getByRole("checkbox").nth(0);
  await first.check();
  const pickedId = await first.getAttribute("value");
  await page.getByRole("button", { name: V.fi.review, exact: true }).click();
  await page.getByRole("button", { name: V.fi.cast, exact: true }).click();
  const receipt = await readReceipt(page);

  await page.reload();
  await expect(page).toHaveURL(/\/vote$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.fi.title);
  await expect(page.getByText(V.fi.youVoted)).toBeVisible();
  await expect(page.getByTestId("receipt")).toHaveCount(0);
  await expect(page.getByRole("main")).not.toContainText(receipt);
  // A recast starts from the pupil's own ballot: exactly their one pick is ticked.
  await expect(page.locator('input[type="checkbox"]:checked')).toHaveCount(1);
  await expect(page.locator('input[type="checkbox"]:checked')).toHaveAttribute("value", pickedId ?? "");

  await page.goto("/vote/receipt");
  await expect(page).toHaveURL(/\/vote$/);
  await expect(page.getByTestId("receipt")).toHaveCount(0);
});

for (const lang of LANGS) {
  test(`the vote pages have no axe violations (${lang})`, async ({ page }) => {
    await signInPupil(page, freshCode());
    await page.goto("/vote");
    await switchLanguage(page, lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(V[lang].title);
    await waitForHydration(page);
    await expectNoAxeViolations(page, `/vote (${lang})`);

    await ballot(page, lang).getByRole("checkbox").nth(0).check();
    await ballot(page, lang, "city").getByRole("checkbox").nth(0).check();
    await page.getByRole("button", { name: V[lang].review, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(V[lang].reviewTitle);
    await expectNoAxeViolations(page, `the review page (${lang})`);

    await page.getByRole("button", { name: V[lang].cast, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(V[lang].castTitle);
    const receipt = await readReceipt(page);
    await expectNoAxeViolations(page, `the receipt page (${lang})`);

    await page.goto("/vote/check");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(V[lang].checkTitle);
    await waitForHydration(page);
    await expectNoAxeViolations(page, `/vote/check, empty (${lang})`);

    const field = page.getByLabel(V[lang].checkCode, { exact: true });
    const submit = page.getByRole("main").getByRole("button", { name: V[lang].checkSubmit, exact: true });
    await field.fill(receipt);
    await submit.click();
    await expect(page.getByRole("heading", { level: 2, name: V[lang].checkFound })).toBeVisible();
    await expectNoAxeViolations(page, `/vote/check, found (${lang})`);

    await field.fill("ZZZZ-ZZZZ-ZZZZ");
    await submit.click();
    await expect(page.getByRole("main")).toContainText(V[lang].checkNone);
    await expectNoAxeViolations(page, `/vote/check, not found (${lang})`);

    await field.fill("abc");
    await submit.click();
    await expect(page.getByRole("alert")).toContainText(V[lang].malformed);
    await expectNoAxeViolations(page, `/vote/check, malformed (${lang})`);

    // And the vote page after voting (the "you voted" notice).
    await page.goto("/vote");
    await expect(page.getByText(V[lang].youVoted)).toBeVisible();
    await expectNoAxeViolations(page, `/vote after voting (${lang})`);
  });
}
