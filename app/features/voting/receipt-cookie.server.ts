import { createCookie } from "@remix-run/node";

/**
 * Carries the receipt from the cast to the page that shows it, once. The receipt is never stored
 * in clear; after this page it exists only where the pupil wrote it down.
 */
export const receiptCookie = createCookie("omakoulu_receipt", {
  httpOnly: true,
  sameSite: "lax",
  path: "/vote",
  maxAge: 600,
  secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1",
  secrets: (process.env.SESSION_SECRET ?? "omakoulu-development-secret-not-for-production").split(",").map((s) => s.trim()).filter(Boolean),
});
