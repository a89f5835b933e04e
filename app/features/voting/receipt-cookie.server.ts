import { createCookie } from "@remix-run/node";
import { env } from "~/server/env.server";

/**
 * Carries the receipt from the cast to the page that shows it, once. The receipt is never stored
 * in clear; after this page it exists only where the pupil wrote it down.
 */
export const receiptCookie = createCookie("omakoulu_receipt", {
  httpOnly: true,
  sameSite: "lax",
  path: "/vote",
  maxAge: 600,
  secure: env().secureCookies,
  secrets: env().sessionSecrets,
});
