// End-to-end tests in real Chromium (Debian's package: browser downloads do not work on these
// machines, so never `npx playwright install`). `npm test` builds first; the web server below only
// seeds its own database and starts the production server on it.
import { fileURLToPath } from "node:url";
import { E2E_DATABASE_FILE, E2E_DATABASE_URL, E2E_IDP_PORT, E2E_PORT } from "./e2e/env";
import { defineConfig, devices } from "@playwright/test";

const root = fileURLToPath(new URL("..", import.meta.url));
const PORT = E2E_PORT;
const baseURL = `http://localhost:${PORT}`;
// The development OpenID provider (tests/support/idp.ts) for school-account sign-in (docs/mpassid.md).
const IDP_PORT = E2E_IDP_PORT;
const idpIssuer = `http://127.0.0.1:${IDP_PORT}`;
const schoolCallback = `${baseURL}/login/school/callback`;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "../test-results",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: "list",
  // The a11y journeys sign in several people (argon2) and scan six or more pages with axe: 20–30 s each on two cores.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    // Browsers default to en-US; a Finnish browser is the city's usual visitor.
    locale: "fi-FI",
    timezoneId: "Europe/Helsinki",
    trace: "on-first-retry",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  // Two servers, started together: the app discovers the provider only at the first school-account
  // sign-in, so neither needs the other to start.
  webServer: [
    {
      command:
        `rm -f ${E2E_DATABASE_FILE}* && mkdir -p tests/.tmp && node build/node/cli/main.js seed && node build/node/server/index.js`,
      cwd: root,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      // Seeding the demo city (two rounds of votes, a photo) takes 20 s alone and longer on a busy machine.
      timeout: 180_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: E2E_DATABASE_URL,
        PORT: String(PORT),
        NODE_ENV: "production",
        SESSION_SECRET: "e2e-secret",
        // The seed refuses demo accounts (public passwords) in production without this.
        OMAKOULU_DEMO: "1",
        // School-account sign-in against the provider below.
        OIDC_ISSUER: idpIssuer,
        OIDC_CLIENT_ID: "omakoulu-dev",
        OIDC_CLIENT_SECRET: "omakoulu-dev-secret",
        OIDC_REDIRECT_URI: schoolCallback,
        IDENTITY_SECRET: "e2e-identity-secret",
        // Uploaded pictures under tests/.tmp, not the project's data/uploads.
        UPLOAD_DIR: `${root}tests/.tmp/e2e-uploads`,
      },
    },
    {
      command: `node --import tsx tests/support/idp-cli.ts ${IDP_PORT}`,
      cwd: root,
      url: `${idpIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { IDP_REDIRECT_URIS: schoolCallback },
    },
  ],
});
