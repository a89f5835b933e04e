// Sign-in with the school account (issue 9, docs/mpassid.md) against the development OpenID provider
// (tests/support/idp.ts, started by playwright.config.ts): the real redirects, no mocks. A pupil
// signs in and votes, with the mouse and with the keyboard only; axe finds nothing on /login with the
// button, the school choice page and a problem page in Finnish, Swedish and English; and without
// JavaScript the sign-in and the choice page are plain links and forms.
//
// The e2e database is shared by two workers and lives for the whole run: a fixture person may have
// signed in or voted before (a recast is allowed while voting is open), and `kaksi-koulua` picks a
// school once per round, so the tests that need its choice page run in order (see below).
import { expect, test, type Page, type Response } from "./fixtures";
import { fixturePerson } from "../support/idp-people";
import { accountRole, expectNoAxeViolations, languageButton, LANGS, switchLanguage, T, waitForHydration, type Lang } from "./helpers";

/** What the school-account pages say (copied from app/features/access/strings.ts on purpose). */
const S = {
  fi: {
    button: "Kirjaudu koulun tunnuksilla",
    chooseTitle: "Valitse koulusi",
    school: "Koulu",
    continue: "Jatka",
    chooseRequired: "Koulu: valitse yksi kouluistasi.",
    kallio: "Kallion lukio (luokka 11)",
    vilhonvuori: "Stadin ammatti- ja aikuisopisto, Vilhonvuori (luokka ei tiedossa)",
    problemLead: "Kirjautuminen koulun tunnuksilla ei onnistunut.",
    unknownSchool: "Koulusi ei ole mukana OmaKoulussa",
    unknownSchoolBody: "Mukana ovat kaupungin koulut. Jos koulusi kuuluisi olla mukana, kerro opettajallesi.",
    nothingSaved: "Mitään ei tallennettu.",
    tryAgain: "Yritä kirjautua uudelleen",
    useCode: "Kirjaudu mieluummin koodilla",
    cancelled: "Peruit kirjautumisen",
  },
  sv: {
    button: "Logga in med ditt skolkonto",
    chooseTitle: "Välj din skola",
    school: "Skola",
    continue: "Fortsätt",
    chooseRequired: "Skola: välj en av dina skolor.",
    kallio: "Berghälls gymnasium (årskurs 11)",
    vilhonvuori: "Stadin ammatti- ja aikuisopisto, Vilhelmsberg (årskurs okänd)",
    problemLead: "Inloggningen med skolkontot lyckades inte.",
    unknownSchool: "Din skola deltar inte i OmaKoulu",
    unknownSchoolBody: "Stadens skolor deltar. Om du tycker att din skola borde vara med, berätta för din lärare.",
    nothingSaved: "Inget sparades.",
    tryAgain: "Försök logga in igen",
    useCode: "Logga in med en kod i stället",
    cancelled: "Du avbröt inloggningen",
  },
  en: {
    button: "Sign in with your school account",
    chooseTitle: "Choose your school",
    school: "School",
    continue: "Continue",
    chooseRequired: "School: choose one of your schools.",
    // Finnish schools' English names are their Finnish ones (app/cli/demo-data.ts).
    kallio: "Kallion lukio (class 11)",
    vilhonvuori: "Stadin ammatti- ja aikuisopisto, Vilhonvuori (class not known)",
    problemLead: "Sign-in with the school account did not work.",
    unknownSchool: "Your school is not taking part in OmaKoulu",
    unknownSchoolBody: "Only the city's schools take part. If you think your school should be here, tell your teacher.",
    nothingSaved: "Nothing was saved.",
    tryAgain: "Try signing in again",
    useCode: "Sign in with a code instead",
    cancelled: "You cancelled the sign-in",
  },
} as const;

/** The vote pages (copied from app/features/voting/strings.ts, as in voting.spec.ts). */
const V = {
  title: "Äänestä",
  review: "Tarkista ääneni",
  reviewTitle: "Tarkista äänesi",
  cast: "Anna ääneni",
  castTitle: "Kiitos äänestäsi!",
  youVoted: /^Äänestit .+\. Voit vielä muuttaa ääntäsi/,
} as const;

/** The provider's sign-in page (tests/support/idp.ts). */
const IDP = { title: "Testitunnistus (MPASSid) / Test sign-in", submit: "Kirjaudu / Sign in", cancel: "Peruuta / Cancel" } as const;

type Person = "oppilas-7b" | "elev-sv" | "kaksi-koulua" | "ulkopuolinen";

/** The fixture person's radio button on the provider's page: its label, then its id in <code>. */
function personRadio(page: Page, person: Person) {
  return page.getByRole("radio", { name: `${fixturePerson(person).label} ${person}`, exact: true });
}

/** The school-account link-button of the sign-in pages. */
function schoolButton(page: Page, lang: Lang = "fi") {
  return page.getByRole("main").getByRole("link", { name: S[lang].button, exact: true });
}

/** On the provider's sign-in page: pick `person` and sign in with the mouse. */
async function pickAtProvider(page: Page, person: Person) {
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\/[\w-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(IDP.title);
  await personRadio(page, person).check();
  await page.getByRole("button", { name: IDP.submit, exact: true }).click();
}

/** The app's answer at /login/school/callback (its status), while `act` finishes the provider's page. */
async function callbackResponse(page: Page, act: () => Promise<void>): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/login/school/callback" && r.request().method() === "GET"), act()]);
  return response;
}

/** From a page with the button (in `lang`), through the provider as `person`, back to the app. */
async function signInWithSchoolAccount(page: Page, person: Person, lang: Lang = "fi"): Promise<Response> {
  await schoolButton(page, lang).click();
  return callbackResponse(page, () => pickAtProvider(page, person));
}

/** /account of a signed-in school-account pupil (Finnish). */
async function expectPupilAccount(page: Page, school: string, classLevel: number) {
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: T.fi.accountTitle })).toBeVisible();
  await expect(accountRole(page, "fi")).toHaveText(T.fi.roles.pupil);
  const facts = page.locator("dl.facts-list");
  await expect(facts).toContainText(school);
  await expect(facts).toContainText(String(classLevel));
  // A school-account pupil is not offered to link a school account.
  await expect(schoolButton(page)).toHaveCount(0);
}

async function readReceipt(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/vote\/receipt$/);
  const receipt = page.getByTestId("receipt");
  await expect(receipt).toHaveText(/^\s*[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\s*$/);
  return ((await receipt.textContent()) ?? "").trim();
}

/** What has focus: tag, type, name attribute and text. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    return { tag: el.tagName.toLowerCase(), type: el.getAttribute("type"), name: el.getAttribute("name"), value: (el as HTMLInputElement).value ?? null, text: el.textContent?.trim() ?? "" };
  });
}
type Focused = NonNullable<Awaited<ReturnType<typeof focused>>>;

/** Presses `key` (Tab by default) until the focused element matches (at most `limit` presses). */
async function tabTo(page: Page, what: string, matches: (f: Focused) => boolean, { key = "Tab", limit = 80 } = {}) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (f && matches(f)) return;
  }
  throw new Error(`${key} never reached ${what}`);
}

const isBallotBox = (f: Focused) => f.tag === "input" && f.type === "checkbox" && (f.name ?? "").startsWith("pick:");

// ---------------------------------------------------------------------------------------------

test("a pupil signs in with the school account from the front page and votes", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: T.fi.mainNav }).getByRole("link", { name: T.fi.signIn, exact: true }).click();
  await expect(page).toHaveURL(/\/login\/code$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.fi.codeTitle);

  const callback = await signInWithSchoolAccount(page, "oppilas-7b");
  expect(callback.status(), "the callback redirects").toBe(302);
  await expectPupilAccount(page, "Malmin peruskoulu", 7);

  await page.getByRole("navigation", { name: T.fi.mainNav }).getByRole("link", { name: T.fi.nav.vote, exact: true }).click();
  await expect(page).toHaveURL(/\/vote$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.title);
  await waitForHydration(page);

  // Two projects of the area ballot and one of the city's. A pupil who voted before (another worker,
  // a retry) finds their own ballot ticked for a recast: start from nothing.
  const area = page.getByRole("group", { name: "Äänestys: Koillinen" });
  const city = page.getByRole("group", { name: "Äänestys: Koko Helsinki" });
  const ticked = page.locator('input[type="checkbox"]:checked');
  for (let n = await ticked.count(); n > 0; n--) await ticked.first().uncheck();
  await expect(ticked).toHaveCount(0);
  await area.getByRole("checkbox").nth(0).check();
  await area.getByRole("checkbox").nth(1).check();
  await city.getByRole("checkbox").nth(0).check();
  await expect(area.locator(".ballot__status")).toHaveText("2/5 valittu");
  const titles = await page.locator("li.ballot-card:has(input:checked) .ballot-card__title").allTextContents();
  expect(titles).toHaveLength(3);
  const values = await page.locator('input[type="checkbox"]:checked').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));

  await page.getByRole("button", { name: V.review, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.reviewTitle);
  for (const title of titles) await expect(page.getByRole("main")).toContainText(title.trim());

  await page.getByRole("button", { name: V.cast, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.castTitle);
  await readReceipt(page);

  // Voted: the vote page says so, and a recast starts from this ballot.
  await page.goto("/vote");
  await expect(page.getByText(V.youVoted)).toBeVisible();
  await expect(ticked).toHaveCount(3);
  expect(await ticked.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).toEqual(values);
});

test("a pupil signs in with the school account and votes with the keyboard only", async ({ page }) => {
  // elev-sv, not oppilas-7b: the two voting tests may run at once on the two workers.
  await page.goto("/login/code");
  await waitForHydration(page);

  // Skip link, then the school-account button is the first thing in <main>.
  await page.keyboard.press("Tab");
  expect((await focused(page))?.text).toBe(T.fi.skip);
  await page.keyboard.press("Enter");
  await tabTo(page, "the school-account button", (f) => f.tag === "a" && f.text === S.fi.button);
  // Its focus shows (as keyboard.spec.ts asks of the other controls).
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style, "the school-account button shows a focus outline").not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
  await page.keyboard.press("Enter");

  // The provider: Tab into the people (a radio group), arrows to the person, Tab to "Kirjaudu".
  await expect(page).toHaveURL(/\/interaction\/[\w-]+$/);
  await tabTo(page, "the people", (f) => f.tag === "input" && f.name === "person");
  await tabTo(page, "elev-sv", (f) => f.name === "person" && f.value === "elev-sv", { key: "ArrowDown", limit: 12 });
  await expect(personRadio(page, "elev-sv")).toBeChecked();
  await tabTo(page, "the cancel button", (f) => f.tag === "button" && f.text === IDP.cancel);
  await page.keyboard.press("Shift+Tab");
  expect((await focused(page))?.text).toBe(IDP.submit);
  await page.keyboard.press("Enter");

  await expectPupilAccount(page, "Zacharias Topeliuksen koulu", 8);
  await waitForHydration(page);

  // To the ballot through the navigation.
  await tabTo(page, "the vote link", (f) => f.tag === "a" && f.text === T.fi.nav.vote);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/vote$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.title);
  await waitForHydration(page);

  // The first two boxes, ticked with Space (a recast finds this pupil's earlier picks, the same two,
  // ticked already: Space would untick them).
  for (const which of ["first", "second"]) {
    await tabTo(page, `the ${which} ballot box`, isBallotBox);
    if (!(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked))) await page.keyboard.press("Space");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked), `the ${which} box is ticked`).toBe(true);
  }
  const picked = page.locator("li.ballot-card:has(input:checked) .ballot-card__title");
  await expect(picked).toHaveCount(2);
  const titles = await picked.allTextContents();

  await tabTo(page, "the review button", (f) => f.tag === "button" && f.text === V.review);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.reviewTitle);
  for (const title of titles) await expect(page.getByRole("main")).toContainText(title.trim());

  await tabTo(page, "the cast button", (f) => f.tag === "button" && f.text === V.cast);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(V.castTitle);
  await readReceipt(page);
});

for (const lang of LANGS) {
  test(`/login with the school-account button and a refused sign-in have no axe violations (${lang})`, async ({ page }) => {
    await page.goto("/login");
    await switchLanguage(page, lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T[lang].loginTitle);
    await expect(schoolButton(page, lang)).toHaveAttribute("href", "/login/school");
    await waitForHydration(page);
    await expectNoAxeViolations(page, `/login with the school-account button (${lang})`);

    // A school outside the register: refused with 403, in the pupil's language, nothing saved.
    const callback = await signInWithSchoolAccount(page, "ulkopuolinen", lang);
    expect(callback.status(), "status of the refused callback").toBe(403);
    await expect(page).toHaveURL(/\/login\/school\/callback\?/);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(S[lang].unknownSchool);
    await expect(main).toContainText(S[lang].problemLead);
    await expect(main).toContainText(S[lang].unknownSchoolBody);
    await expect(main).toContainText(S[lang].nothingSaved);
    await expect(main.getByRole("link", { name: S[lang].tryAgain, exact: true })).toHaveAttribute("href", "/login/school");
    await expect(main.getByRole("link", { name: S[lang].useCode, exact: true })).toHaveAttribute("href", "/login/code");
    // Not signed in.
    await expect(page.getByRole("button", { name: T[lang].signOut })).toHaveCount(0);
    await waitForHydration(page);
    await expectNoAxeViolations(page, `the problem page "unknown-school" (${lang})`);
  });
}

// The callback is one-time: switching the language must not replay it, but go to the same
// problem at its stable address (/login/school/problem), translated.
test("switching language on a problem page keeps the problem, translated", async ({ page }) => {
  await page.goto("/login");
  const callback = await signInWithSchoolAccount(page, "ulkopuolinen");
  expect(callback.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(S.fi.unknownSchool);
  await switchLanguage(page, "sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(S.sv.unknownSchool);
  await expect(page).toHaveURL(/\/login\/school\/problem\?reason=unknown-school$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the school-account sign-in is plain links and redirects: back to the page asked for; a cancel is explained and 'try again' works", async ({ page }) => {
    // A page that needs signing in: /login remembers it, and so does the school-account button.
    await page.goto("/vote");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fvote$/);
    await languageButton(page, "sv").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(schoolButton(page, "sv")).toHaveAttribute("href", "/login/school?redirectTo=%2Fvote");

    // Cancelled at the provider: 401, said so, nothing saved, and the way back keeps /vote.
    await schoolButton(page, "sv").click();
    await expect(page).toHaveURL(/\/interaction\/[\w-]+$/);
    const cancelled = await callbackResponse(page, () => page.getByRole("button", { name: IDP.cancel, exact: true }).click());
    expect(cancelled.status()).toBe(401);
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(S.sv.cancelled);
    await expect(main).toContainText(S.sv.nothingSaved);
    const again = main.getByRole("link", { name: S.sv.tryAgain, exact: true });
    await expect(again).toHaveAttribute("href", "/login/school?redirectTo=%2Fvote");

    await again.click();
    const callback = await callbackResponse(page, () => pickAtProvider(page, "elev-sv"));
    expect(callback.status()).toBe(302);
    await expect(page).toHaveURL(/\/vote$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rösta");
    await page.goto("/account");
    await expect(accountRole(page, "sv")).toHaveText(T.sv.roles.pupil);
    await expect(page.locator("dl.facts-list")).toContainText("Zacharias Topeliusskolan");
  });
});

// `kaksi-koulua` picks a school once per round and is not asked again: the page is scanned first,
// then the no-JavaScript test picks. In order, on one worker.
test.describe("the school choice (a pupil with two schools)", () => {
  test.describe.configure({ mode: "serial" });

  test("the choice page has no axe violations (fi, sv, en)", async ({ page }) => {
    await page.goto("/login/code");
    const callback = await signInWithSchoolAccount(page, "kaksi-koulua");
    expect(callback.status()).toBe(302);
    await expect(page).toHaveURL(/\/login\/school\/choose$/);
    for (const lang of LANGS) {
      await switchLanguage(page, lang);
      await expect(page).toHaveURL(/\/login\/school\/choose$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(S[lang].chooseTitle);
      const group = page.getByRole("group", { name: S[lang].school });
      await expect(group.getByRole("radio")).toHaveCount(2);
      await expect(group.getByRole("radio", { name: S[lang].kallio, exact: true })).not.toBeChecked();
      await expect(group.getByRole("radio", { name: S[lang].vilhonvuori, exact: true })).not.toBeChecked();
      await expect(page.getByRole("main").getByRole("button", { name: S[lang].continue, exact: true })).toBeVisible();
      await waitForHydration(page);
      await expectNoAxeViolations(page, `/login/school/choose (${lang})`);
    }
    // Showing an error: nothing picked.
    await page.getByRole("main").getByRole("button", { name: S.en.continue, exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(S.en.chooseRequired);
    await expectNoAxeViolations(page, `/login/school/choose with nothing picked (en)`);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the choice page asks again when nothing is picked, signs in with the pick, and is not asked again", async ({ page }) => {
      await page.goto("/login/code");
      await signInWithSchoolAccount(page, "kaksi-koulua");
      await expect(page).toHaveURL(/\/login\/school\/choose$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(S.fi.chooseTitle);
      const continueButton = page.getByRole("main").getByRole("button", { name: S.fi.continue, exact: true });

      await continueButton.click();
      await expect(page).toHaveURL(/\/login\/school\/choose$/);
      await expect(page.getByRole("alert")).toContainText(S.fi.chooseRequired);

      await page.getByRole("radio", { name: S.fi.kallio, exact: true }).check();
      await continueButton.click();
      await expectPupilAccount(page, "Kallion lukio", 11);

      // Signed out and in again: the pick holds for the round, no choice page.
      await page.getByRole("button", { name: T.fi.signOut, exact: true }).click();
      await expect(page).toHaveURL(/\/login\?signedOut=1$/);
      const callback = await signInWithSchoolAccount(page, "kaksi-koulua");
      expect(callback.status()).toBe(302);
      await expectPupilAccount(page, "Kallion lukio", 11);
    });
  });
});
