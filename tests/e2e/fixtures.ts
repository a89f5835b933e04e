// The `test` of every end-to-end spec: Playwright's, with a page that fails its test if Chromium
// reports a Content-Security-Policy violation on it (a blocked inline script or style, a form sent or
// a resource loaded from elsewhere). So every journey, with and without JavaScript, also checks that
// the pages satisfy the policy the server sends (app/server/security-headers.server.ts).
import { test as base, expect } from "@playwright/test";

export { expect };
export type { Browser, Page, Response } from "@playwright/test";

/** Chromium's console message for a violation starts "Refused to … because it violates the following Content Security Policy directive". */
export const CSP_VIOLATION = /Content Security Policy/i;

export const test = base.extend({
  page: async ({ page }, run) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (CSP_VIOLATION.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    await run(page);
    expect(violations, "Content-Security-Policy violations reported by Chromium").toEqual([]);
  },
});
