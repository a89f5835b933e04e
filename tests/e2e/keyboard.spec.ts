// Keyboard only: the skip link comes first, focus is always visible, and both sign-in forms work
// with Tab, typing and Enter.
import { expect, test, type Page } from "./fixtures";
import { accountRole, ACCOUNTS, PUPIL_CODE, T } from "./helpers";

/** What is focused now: its id, tag, accessible-ish name and computed outline. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute("name"),
      text: el.textContent?.trim() ?? "",
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < window.innerHeight,
    };
  });
}

async function expectVisibleFocus(page: Page, what: string) {
  const f = await focused(page);
  expect(f, `${what} has focus`).not.toBeNull();
  expect(f?.outlineStyle, `${what} shows a focus outline`).not.toBe("none");
  expect(f?.outlineWidth, `${what} focus outline width`).toBeGreaterThanOrEqual(2);
  expect(f?.onScreen, `${what} is on screen`).toBe(true);
}

/** From the top of a freshly loaded page: Tab to the skip link, Enter, focus lands on <main>. */
async function skipToMain(page: Page) {
  await page.keyboard.press("Tab");
  const skip = await focused(page);
  expect(skip?.tag).toBe("a");
  expect(skip?.text).toBe(T.fi.skip);
  await expectVisibleFocus(page, "the skip link");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await focused(page))?.id).toBe("main");
}

test("staff sign-in with the keyboard only", async ({ page }) => {
  await page.goto("/login");
  await skipToMain(page);

  // First the school-account button (the everyday way in), then the email form.
  await page.keyboard.press("Tab");
  expect((await focused(page))?.tag).toBe("a");
  await page.keyboard.press("Tab");
  expect((await focused(page))?.name).toBe("email");
  await expectVisibleFocus(page, "the email field");
  await page.keyboard.type(ACCOUNTS.staff.email);

  await page.keyboard.press("Tab");
  expect((await focused(page))?.name).toBe("password");
  await expectVisibleFocus(page, "the password field");
  await page.keyboard.type(ACCOUNTS.staff.password);

  await page.keyboard.press("Tab");
  const button = await focused(page);
  expect(button?.tag).toBe("button");
  expect(button?.text).toBe(T.fi.submit);
  await expectVisibleFocus(page, "the sign-in button");
  await page.keyboard.press("Shift+Tab");
  expect((await focused(page))?.name).toBe("password");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountRole(page, "fi")).toHaveText(T.fi.roles.staff);
});

test("pupil code sign-in with the keyboard only", async ({ page }) => {
  await page.goto("/login/code?school=00501");
  await skipToMain(page);

  // First the school-account button, then the code field.
  await page.keyboard.press("Tab");
  expect((await focused(page))?.tag).toBe("a");
  await page.keyboard.press("Tab");
  expect((await focused(page))?.name).toBe("code");
  await expectVisibleFocus(page, "the code field");
  await page.keyboard.type(PUPIL_CODE);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/account$/);
  await expect(accountRole(page, "fi")).toHaveText(T.fi.roles.pupil);
});

test("the header's controls show focus when tabbed to", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab"); // skip link
  const seen: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    const label = `${f?.tag ?? "?"} "${f?.text ?? ""}"`;
    seen.push(label);
    await expectVisibleFocus(page, label);
  }
  // Brand link, the three language buttons, then the navigation.
  expect(seen.slice(1, 4)).toEqual(['button "Suomi"', 'button "Svenska"', 'button "English"']);
});
