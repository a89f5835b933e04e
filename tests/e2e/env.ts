// Where the end-to-end server runs and which database file it uses. E2E_PORT lets two runs (e.g. a
// developer's and a clean-clone check) share one machine; each port gets its own database file.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3310);
export const E2E_DATABASE_FILE = `tests/.tmp/e2e-${E2E_PORT}.db`;
export const E2E_DATABASE_URL = `file:./${E2E_DATABASE_FILE}`;
// The development OpenID provider (school-account sign-in) beside it: its own port per run.
export const E2E_IDP_PORT = Number(process.env.E2E_IDP_PORT ?? E2E_PORT + 700);
