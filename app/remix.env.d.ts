/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's IP address as the server sees it (app/server/index.ts; TRUST_PROXY for proxies). */
    clientIp: string;
    /** The nonce of this response's inline scripts (Content-Security-Policy; app/server/security-headers.server.ts). */
    cspNonce: string;
    /** Set when this state-changing request came from another site (app/server/cross-site.ts): its actions refuse it. */
    crossSite: { from: string } | null;
  }
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
