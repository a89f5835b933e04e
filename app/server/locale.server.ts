import { createCookie } from "@remix-run/node";
import type { Locale } from "~/shared/catalog";
import { negotiateLocale } from "~/shared/locale";
import { env } from "./env.server";

/** The visitor's chosen language; not personal data, so it may outlive the session. */
export const localeCookie = createCookie("omakoulu_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: env().secureCookies,
});

export async function getLocale(request: Request): Promise<Locale> {
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return negotiateLocale(typeof fromCookie === "string" ? fromCookie : null, request.headers.get("Accept-Language"));
}
