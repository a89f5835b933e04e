// Following an idea from home (docs/domain.md): a pupil sends an idea and sees its short link and
// QR code; anyone opens the public status page in a fresh browser, with and without JavaScript,
// and finds the status but no names; the slip prints. axe on the status page and the slip in fi, sv, en.
import { expect, test, type Browser, type Page } from "./fixtures";
import { expectNoAxeViolations, LANGS, postApproval, postIdea, runId, SCHOOL_ROUND_PUPILS, signInPupil, signInStaff, switchLanguage, T, waitForHydration } from "./helpers";

const RUN = runId();
const DESCRIPTION = "Koulun pihalle juomapiste, josta saa vettä välitunnilla ja liikuntatunnin jälkeen.";

/** What the pages say, per language (copied from app/features/proposals/strings.ts on purpose). */
const W = {
  fi: { title: "Otsikko", description: "Kuvaus", send: "Lähetä idea", follow: "Seuraa ideaasi", printSlip: "Tulosta lappu", status: "Idean tilanne", sent: /Lähetetty|Käsittelyssä/, print: "Tulosta", printHint: "Tulosta tämä sivu selaimen tulostuskomennolla", qrAlt: "QR-koodi osoitteeseen" },
  sv: { title: "Rubrik", description: "Beskrivning", send: "Skicka idén", follow: "Följ din idé", printSlip: "Skriv ut lapp", status: "Idéns läge", sent: /Skickad|Behandlas/, print: "Skriv ut", printHint: "Skriv ut sidan med webbläsarens utskriftskommando", qrAlt: "QR-kod till adressen" },
  en: { title: "Title", description: "Description", send: "Send the idea", follow: "Follow your idea", printSlip: "Print slip", status: "Idea status", sent: /Sent|Being reviewed/, print: "Print", printHint: "Print this page with your browser's print command", qrAlt: "QR code of the address" },
} as const;

const PERSONAL = [SCHOOL_ROUND_PUPILS.dem5.pseudonym, SCHOOL_ROUND_PUPILS.dem6.pseudonym, "Malmin peruskoulu", "Malms grundskola"];

async function freshPage(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  return (await browser.newContext({ javaScriptEnabled })).newPage();
}

/** The follow box's link (absolute URL) on the proposer's idea page. */
async function followHref(page: Page, lang: keyof typeof W): Promise<string> {
  const box = page.getByRole("region", { name: W[lang].follow });
  await expect(box).toBeVisible();
  const href = await box.locator(".follow-link a").getAttribute("href");
  expect(href).toMatch(/\/i\/[2-9A-HJKMNP-Z]{10}$/);
  return href ?? "";
}

async function expectQrLoaded(page: Page) {
  const qr = page.locator("img.follow-qr");
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

test("a pupil sends an idea, sees its link and QR code, and anyone follows it without signing in", async ({ page, browser }) => {
  const title = `Juomapiste pihalle ${RUN}`;
  await signInPupil(page, SCHOOL_ROUND_PUPILS.dem5.code);
  await page.goto("/ideas/new");
  const main = page.getByRole("main");
  await main.getByLabel(W.fi.title, { exact: true }).fill(title);
  await main.getByLabel(W.fi.description, { exact: true }).fill(DESCRIPTION);
  await main.getByRole("button", { name: W.fi.send, exact: true }).click();
  await expect(page).toHaveURL(/\/ideas\/[^/?]+\?done=submitted$/);
  const href = await followHref(page, "fi");
  const code = href.slice(-10);
  await expect(page.getByRole("region", { name: W.fi.follow }).locator(".follow-link")).toContainText(`/i/${code}`);
  await expect(page.getByRole("img", { name: new RegExp(`^${W.fi.qrAlt} .*/i/${code}$`) })).toBeVisible();
  await expectQrLoaded(page);

  // The slip, with the Print button once JavaScript runs; printed, only the slip is left.
  await page.getByRole("link", { name: W.fi.printSlip, exact: true }).click();
  await expect(page).toHaveURL(/\/ideas\/[^/]+\/slip$/);
  await waitForHydration(page);
  await expect(page.getByRole("button", { name: W.fi.print, exact: true })).toBeVisible();
  await expect(page.locator(".follow-slip")).toContainText(title);
  await expect(page.locator(".follow-slip__link")).toHaveText(href.replace(/^https?:\/\//, ""));
  await expectQrLoaded(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: W.fi.print, exact: true })).toBeHidden();
  await expect(page.locator(".follow-slip__link")).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // My ideas lists the link too.
  await page.goto("/my-ideas");
  await expect(page.getByRole("main").locator(`a[href="${href}"]`)).toBeVisible();

  // Anyone, not signed in, with and without JavaScript.
  for (const javaScriptEnabled of [true, false]) {
    const visitor = await freshPage(browser, javaScriptEnabled);
    const response = await visitor.goto(href);
    expect(response?.status()).toBe(200);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(W.fi.status);
    await expect(visitor.locator(".follow-status")).toHaveText(W.fi.sent);
    await expect(visitor.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex");
    const html = await visitor.content();
    expect(html).not.toContain(title);
    for (const text of PERSONAL) expect(html).not.toContain(text);
    await visitor.context().close();
  }
});

test("the slip and the status page work without JavaScript", async ({ browser }) => {
  const page = await freshPage(browser, false);
  await signInPupil(page, SCHOOL_ROUND_PUPILS.dem6.code);
  const id = await postIdea(page, { title: `Ilman skriptejä ${RUN}`, description: DESCRIPTION });
  await page.goto(`/ideas/${id}?done=submitted`);
  const href = await followHref(page, "fi");
  await page.getByRole("link", { name: W.fi.printSlip, exact: true }).click();
  await expect(page.getByText(W.fi.printHint)).toBeVisible();
  await expect(page.getByRole("button", { name: W.fi.print, exact: true })).toHaveCount(0);
  await expectQrLoaded(page);
  await page.goto(href);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(W.fi.status);
  await page.context().close();
});

for (const lang of LANGS) {
  test(`the status page, the idea's follow box and the slip have no axe violations (${lang})`, async ({ page, browser }) => {
    await signInPupil(page, SCHOOL_ROUND_PUPILS.dem5.code);
    await switchLanguage(page, lang);
    const sentId = await postIdea(page, { title: `Seurattava idea ${lang} ${RUN}`, description: DESCRIPTION });
    const approvedId = await postIdea(page, { title: `Hyväksytty idea ${lang} ${RUN}`, description: DESCRIPTION });
    await page.goto(`/ideas/${sentId}?done=submitted`);
    const sentHref = await followHref(page, lang);
    await expectNoAxeViolations(page, `an idea with its follow box (${lang})`);
    await page.getByRole("link", { name: W[lang].printSlip, exact: true }).click();
    await expect(page.locator(".follow-slip")).toBeVisible();
    await expectNoAxeViolations(page, `the slip (${lang})`);
    await page.goto("/my-ideas");
    await expectNoAxeViolations(page, `my ideas with links (${lang})`);
    await page.goto(`/ideas/${approvedId}`);
    const approvedHref = await followHref(page, lang);

    const staffPage = await freshPage(browser);
    await signInStaff(staffPage, "staff");
    await postApproval(staffPage, approvedId);
    await staffPage.context().close();

    const visitor = await freshPage(browser);
    await visitor.goto(sentHref);
    await switchLanguage(visitor, lang);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(W[lang].status);
    await expectNoAxeViolations(visitor, `a sent idea's status page (${lang})`);
    await visitor.goto(approvedHref);
    await expect(visitor.getByRole("heading", { level: 2, name: `Hyväksytty idea ${lang} ${RUN}` })).toBeVisible();
    await expectNoAxeViolations(visitor, `an approved idea's status page (${lang})`);
    const missing = await visitor.goto("/i/ZZZZZZZZZZ");
    expect(missing?.status()).toBe(404);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(T[lang].notFoundTitle);
    await visitor.context().close();
  });
}
