// Decision 012 (docs/decisions/012-client-strings.md): the page's scripts carry no translations at
// all; the strings come with the page, in its language only. On /vote and the front page in each
// language, no script the browser fetches holds a sentence of any language, and the page itself
// holds none of the other two languages' sentences. With JavaScript, switching language and then
// moving between pages (client-side navigations) still shows the new language everywhere, without
// a missing string, a hydration warning or any other console error.
import { expect, test, type Page } from "./fixtures";
import { issueCodes, LANGS, mainNav, ROUND_SLUG, signInPupil, switchLanguage, T, waitForHydration, type Lang } from "./helpers";

/** Sentences per language (copied from app/shared/i18n and app/features/voting/strings.ts on purpose). */
const SENTENCES: Record<Lang, { footer: string; voteIntro: string }> = {
  fi: {
    footer: "OmaKoulua ylläpitää Helsingin kaupungin kasvatuksen ja koulutuksen toimiala.",
    voteIntro: "Valitse hankkeet, joita kannatat. Äänesi on salainen",
  },
  sv: {
    footer: "OmaKoulu upprätthålls av Helsingfors stads fostrans- och utbildningssektor.",
    voteIntro: "Välj de projekt du vill ha. Din röst är hemlig",
  },
  en: {
    footer: "OmaKoulu is run by the City of Helsinki Education Division.",
    voteIntro: "Choose the projects you want. Your vote is secret",
  },
};
const BROWSER_LOCALE: Record<Lang, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };
const VOTE_TITLE: Record<Lang, string> = { fi: "Äänestä", sv: "Rösta", en: "Vote" };
const IDEAS_TITLE: Record<Lang, string> = { fi: "Ideat", sv: "Idéer", en: "Ideas" };

/** esbuild writes non-ASCII characters as \xNN / \uXXXX escapes: undo them before looking for text. */
function unescapeJs(text: string): string {
  return text
    .replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every script the page downloads from now on, by address. */
function collectScripts(page: Page): Map<string, Promise<string>> {
  const scripts = new Map<string, Promise<string>>();
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script" && !response.url().endsWith(".js")) return;
    scripts.set(response.url(), response.text().then(unescapeJs, () => ""));
  });
  return scripts;
}

/** The scripts a page names (modulepreload links and module imports in its HTML), fetched directly. */
async function scriptsNamedIn(page: Page, html: string): Promise<Map<string, string>> {
  const urls = new Set([...html.matchAll(/\/build\/[\w./$-]+\.js/g)].map((m) => m[0]));
  const out = new Map<string, string>();
  for (const url of urls) out.set(url, unescapeJs(await (await page.request.get(url)).text()));
  return out;
}

/** Console errors and warnings (a missing string, a hydration mismatch) and uncaught errors. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

function expectNoSentences(label: string, text: string, langs: readonly Lang[]) {
  for (const lang of langs) {
    for (const sentence of Object.values(SENTENCES[lang])) {
      expect.soft(text.includes(sentence), `${label} holds the ${lang} sentence “${sentence}”`).toBe(false);
    }
  }
}

for (const lang of LANGS) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });

    test(`the front page's scripts hold no strings and the page only ${lang}`, async ({ page }) => {
      const problems = watchConsole(page);
      const fetched = collectScripts(page);
      const response = await page.goto("/");
      await waitForHydration(page);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T[lang].homeTitle);
      const html = unescapeJs((await response?.text()) ?? "");
      expect(html).toContain(SENTENCES[lang].footer);
      expectNoSentences("the front page", html, LANGS.filter((l) => l !== lang));

      const named = await scriptsNamedIn(page, html);
      expect(named.size, "scripts named in the page").toBeGreaterThan(2);
      for (const [url, text] of named) expectNoSentences(url, text, LANGS);
      for (const [url, text] of fetched) expectNoSentences(url, await text, LANGS);
      expect(problems).toEqual([]);
    });

    test(`/vote's scripts hold no strings and the page only ${lang}`, async ({ page }) => {
      const [code = ""] = issueCodes(ROUND_SLUG, "00501", 8, 1);
      const problems = watchConsole(page);
      const fetched = collectScripts(page);
      await signInPupil(page, code, lang);
      const response = await page.goto("/vote");
      await waitForHydration(page);
      await expect(page.getByRole("heading", { level: 1, name: VOTE_TITLE[lang] })).toBeVisible();
      await expect(page.getByText(SENTENCES[lang].voteIntro)).toBeVisible();
      const html = unescapeJs((await response?.text()) ?? "");
      expectNoSentences("/vote", html, LANGS.filter((l) => l !== lang));

      const named = await scriptsNamedIn(page, html);
      expect([...named.keys()].some((url) => url.includes("/routes/vote._index-")), "the ballot's route module is named").toBe(true);
      for (const [url, text] of named) expectNoSentences(url, text, LANGS);
      for (const [url, text] of fetched) expectNoSentences(url, await text, LANGS);
      expect(problems).toEqual([]);
    });
  });
}

test("with JavaScript, switching language changes this page and the next ones, without a reload", async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto("/ideas");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(IDEAS_TITLE.fi);
  // Set after hydration: still there only if no page below is a full document load.
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

  await switchLanguage(page, "sv");
  await expect(page).toHaveURL(/\/ideas$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(IDEAS_TITLE.sv);
  await expect(page.getByText(SENTENCES.sv.footer)).toBeVisible();

  await mainNav(page, "sv").getByRole("link", { name: T.sv.home, exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.sv.homeTitle);

  await switchLanguage(page, "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.en.homeTitle);
  await mainNav(page, "en").getByRole("link", { name: T.en.nav.ideas, exact: true }).click();
  await expect(page).toHaveURL(/\/ideas$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(IDEAS_TITLE.en);
  await expect(page).toHaveTitle(/^Ideas – OmaKoulu$/);

  expect(await page.evaluate(() => (window as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  expect(problems).toEqual([]);
  await switchLanguage(page, "fi");
});
