// A browser, as far as the test OpenID provider (idp.ts) needs one: a cookie jar (paths ignored),
// manual redirects, and the provider's sign-in page driven by form posts. Used by the provider's own
// tests and by the app's school-account sign-in tests, which need the real redirects, not mocks.
import { expect } from "vitest";

export class ProviderBrowser {
  private cookies = new Map<string, string>();

  async get(url: string): Promise<Response> {
    return this.request(url, { method: "GET" });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.request(url, { method: "POST", body: new URLSearchParams(form), headers: { "content-type": "application/x-www-form-urlencoded" } });
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

/** The absolute target of a redirect; fails the test when the response is not one. */
export function location(res: Response, base: string): string {
  const to = res.headers.get("location");
  if (!to) throw new Error(`expected a redirect, got ${res.status}: ${res.statusText}`);
  return new URL(to, base).href;
}

/**
 * Follows the authorization URL through the provider's sign-in page as `person` (or cancels) and
 * returns the URL the provider redirects the browser to, which starts with `redirectPrefix`.
 */
export async function signInAtProvider(authorizationUrl: string, person: string | "cancel", redirectPrefix: string, browser = new ProviderBrowser()): Promise<URL> {
  let url = location(await browser.get(authorizationUrl), authorizationUrl);
  expect(url).toMatch(/\/interaction\/[\w-]+$/);
  const page = await browser.get(url);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('name="person"');
  url = location(person === "cancel" ? await browser.post(`${url}/abort`, {}) : await browser.post(`${url}/login`, { person }), url);
  // Resume at the authorization endpoint, which redirects to the client.
  for (let hops = 0; hops < 5 && !url.startsWith(redirectPrefix); hops++) url = location(await browser.get(url), url);
  expect(url.startsWith(redirectPrefix)).toBe(true);
  return new URL(url);
}
