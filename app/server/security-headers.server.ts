// The security headers of every response (helmet; docs/decisions/015-security-headers-and-limits.md).
//
// - Content-Security-Policy: scripts and styles only from this site, and inline ones only with the
//   nonce of the response (Remix writes its inline scripts with it: app/entry.server.tsx, app/root.tsx;
//   react-aria its one <style>); no style attributes, no plugins, no <base>, forms only to this site,
//   and no framing by any other site.
// - Strict-Transport-Security and upgrade-insecure-requests only on requests that came over HTTPS
//   (Express's req.secure: behind a proxy that ends TLS, set TRUST_PROXY so that X-Forwarded-Proto
//   counts): a server on http://localhost must not teach the browser to refuse plain HTTP.
// - Referrer-Policy same-origin: links out of OmaKoulu carry no address (a page's address may name a
//   round or an idea), X-Frame-Options DENY for browsers without frame-ancestors, nosniff, and a
//   Permissions-Policy that turns off the camera, microphone and location.
import { randomBytes } from "node:crypto";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

/** The nonce of this response's inline scripts (set by cspNonce, before helmet reads it). */
export function nonceOf(res: Response): string {
  return String(res.locals.cspNonce ?? "");
}

/** Gives each response a fresh nonce of 128 random bits. */
export const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
};

export function securityHeaders(): RequestHandler[] {
  const overHttps = headers(true);
  const overHttp = headers(false);
  return [
    (req, res, next) => (req.secure ? overHttps : overHttp)(req, res, next),
    (_req, res, next) => {
      res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
      // A response that brings its own policy (an uploaded picture: "default-src 'none'; sandbox")
      // replaces the site's instead of adding a second one (Remix's adapter appends its headers).
      const append = res.append.bind(res);
      res.append = (field: string, value?: string | string[]) => {
        if (field.toLowerCase() === "content-security-policy" && value !== undefined) {
          res.setHeader(field, value);
          return res;
        }
        return append(field, value);
      };
      next();
    },
  ];
}

function headers(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${nonceOf(res as Response)}'`],
        // Stylesheets from this site; react-aria's one <style> element carries the nonce (app/root.tsx).
        "style-src": ["'self'", (_req, res) => `'nonce-${nonceOf(res as Response)}'`],
        // Pictures of ideas and projects and the QR codes are served by OmaKoulu itself.
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    // One year, subdomains included, only where the site is served over HTTPS.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
    // Pictures and scripts are for OmaKoulu's own pages only.
    crossOriginResourcePolicy: { policy: "same-origin" },
    // Sign-in with a school account opens no pop-up, so the window needs no opener across sites.
    crossOriginOpenerPolicy: { policy: "same-origin" },
    // Off: it would require every embedded resource to opt in, and OmaKoulu embeds none from elsewhere.
    crossOriginEmbedderPolicy: false,
    // Deprecated and harmful in old browsers: helmet's default "0" turns the old filter off.
    xXssProtection: true,
  });
}
