// The integration-test harness: the one way the integration files start the built server (the
// Remix app behind app/server/index.ts) on its own port and its own SQLite file, run the CLI as a
// child process against that file, read and write the file with typed fixtures
// (tests/support/fixtures.ts), and talk HTTP with a small cookie-jar client. Assumes `npm run build`
// has run (npm test builds first).
//
// A test file usually needs only:
//   const server = setupServer({ label: "voting", ...GENEROUS_SIGNIN_LIMITS });  // started in beforeAll
//   const tmp = setupTmpDir("voting");                                             // removed in afterAll
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { Credentials } from "../support/demo-accounts";
import { Fixtures } from "../support/fixtures";
import { built, BUILT_CLI, BUILT_SERVER } from "../support/built";
import { copyOfDatabase, dropDatabase, fillFromTemplate, freshDatabase, TMP, ROOT, unique, type TestDatabase } from "../support/test-database";

export { ACCOUNTS, DEMO_ROUNDS, PUPILS, type Credentials } from "../support/demo-accounts";

export { ROOT, TMP, onPostgres, type TestDatabase } from "../support/test-database";
export const SESSION_COOKIE = "omakoulu_session";
export const LANG_COOKIE = "omakoulu_lang";
/** The ballot secret of every server and CLI run (they must share it, as in production). */
export const BALLOT_SECRET = "integration-test-ballot-secret";
/** The session secret of a server started without one of its own. */
const SESSION_SECRET = "integration-test-secret-0123456789abcdef";
/** Sign-in limits no test reaches by accident (rate-limit.test.ts is about the limits themselves). */
export const GENEROUS_SIGNIN_LIMITS = { signinLimitPerIp: 100_000, signinLimitPerAccount: 100_000 } as const;
/**
 * Rate-limit tiers that still count every request but are never reached (decision 015), for tests
 * that cast or check hundreds of times as a load, not as a user would: their subject is storage.
 */
export const UNREACHED_RATE_LIMITS = { RATE_LIMIT_VOTE: "1000000000/1m", RATE_LIMIT_RECEIPT: "1000000000/1m", RATE_LIMIT_WRITE: "1000000000/1m" } as const;

export type Lang = "fi" | "sv" | "en";

/**
 * A fresh database of the run's kind (TEST_DATABASE, tests/support/test-database.ts): a file name
 * under tests/.tmp on SQLite, an empty database on PostgreSQL.
 */
export function tmpDatabase(label: string): TestDatabase {
  return freshDatabase(label);
}

/**
 * A copy of a database that no process has open (e.g. right after seeding), so that two servers
 * can start from the same data without sharing a file.
 */
export function copyDatabase(from: TestDatabase, label: string): TestDatabase {
  return copyOfDatabase(from, label);
}

/** Removes a test database (SQLite: the file and its WAL; PostgreSQL: drops it). */
export function removeDatabase(database: TestDatabase): void {
  dropDatabase(database);
}

// ---- files ---------------------------------------------------------------------------------------

/** A folder of this test file's input files under tests/.tmp. */
export interface TmpDir {
  /** The path of `name` in the folder (nothing is written). */
  file(name: string): string;
  /** Writes `text` (UTF-8) and returns the path. */
  write(name: string, text: string): string;
  /** Writes `value` as JSON and returns the path. */
  json(name: string, value: unknown): string;
  /** Writes the lines joined with CRLF (and a final CRLF), optionally after a UTF-8 BOM, and returns the path. */
  csv(name: string, lines: readonly string[], options?: { bom?: boolean }): string;
}

/** A folder for the test file's input files, made when first written to and removed after the file's tests. */
export function setupTmpDir(label: string): TmpDir {
  const dir = path.join(TMP, unique(label));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => path.join(dir, name);
  const write = (name: string, text: string) => {
    const target = file(name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text, "utf8");
    return target;
  };
  return {
    file,
    write,
    json: (name, value) => write(name, `${JSON.stringify(value, null, 2)}\n`),
    csv: (name, lines, { bom = false } = {}) => write(name, `${bom ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`),
  };
}

// ---- child processes -----------------------------------------------------------------------------

/** Environment for child processes: ours, minus settings a developer's shell might leak in. */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["NODE_ENV", "PORT", "HOST", "DATABASE_URL", "SESSION_SECRET", "TRUST_PROXY", "SIGNIN_LIMIT_PER_IP", "SIGNIN_LIMIT_PER_ACCOUNT", "OMAKOULU_DEMO", "INSECURE_COOKIES", "NODE_OPTIONS", "WORKERS", "PGAPPNAME", "DATABASE_POOL_SIZE"]) {
    delete env[name];
  }
  // A developer's own school-account settings never reach a test server.
  for (const name of Object.keys(env)) if (name.startsWith("OIDC_") || name === "IDENTITY_SECRET") delete env[name];
  // Nor do their own rate limits: a test server runs with the defaults unless the test says otherwise.
  for (const name of Object.keys(env)) if (name.startsWith("RATE_LIMIT_")) delete env[name];
  // The CLI (seed, paper imports) and the server must share the ballot secret, as in production.
  env.BALLOT_SECRET = BALLOT_SECRET;
  // Pictures (the demo's photo, uploads in tests) go under tests/.tmp, never into the project's data/uploads.
  env.UPLOAD_DIR = path.join(TMP, "uploads");
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return env;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx SCRIPT ...args` from the repository root on a database. */
function runScript(script: string, args: readonly string[], databaseUrl: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  // Compiled JavaScript runs as is; a TypeScript test script runs through tsx.
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...loader, script, ...args], {
      cwd: ROOT,
      env: childEnv({ DATABASE_URL: databaseUrl, ...env }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    // Generous: seeding takes long when other test files (or suites) run beside this one.
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the compiled CLI (`npm run cli -- ...args`) from the repository root. */
export function runCli(args: readonly string[], databaseUrl: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runScript(built(BUILT_CLI), args, databaseUrl, env);
}

/** Runs the CLI and expects exit 0. */
export async function runCliOk(args: readonly string[], databaseUrl: string): Promise<CliResult> {
  const result = await runCli(args, databaseUrl);
  expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
  return result;
}

/**
 * Loads the demo city (which also creates and migrates the database). On PostgreSQL an empty test
 * database is replaced by a copy of the run's seeded template (the same seed, made once per run).
 */
export async function seedDemo(database: TestDatabase | string): Promise<void> {
  if (typeof database !== "string" && fillFromTemplate(database)) return;
  const databaseUrl = typeof database === "string" ? database : database.url;
  const result = await runCli(["seed"], databaseUrl);
  if (result.code !== 0) throw new Error(`demo seed failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
}

export interface IssueCodes {
  round: string;
  school: string;
  classLevel: number;
  count: number;
}

/** New pupils with `issue-codes`: their codes, as printed under the header "code". */
export async function issueCodes(databaseUrl: string, { round, school, classLevel, count }: IssueCodes): Promise<string[]> {
  const result = await runCli(["issue-codes", "--round", round, "--school", school, "--class-level", String(classLevel), "--count", String(count)], databaseUrl);
  expect(result.code, result.stderr).toBe(0);
  const [header, ...codes] = result.stdout.trim().split(/\r?\n/);
  expect(header).toBe("code");
  expect(codes).toHaveLength(count);
  return codes;
}

/** Picks per area: project ids. */
export type Picks = Readonly<Record<string, readonly string[]>>;

/**
 * Casts straight through castBallot (what the pupil's voting page calls), in a process of its own
 * on the database, without the HTTP layer: tests/support/cast-online.ts.
 */
export async function castDirectly(databaseUrl: string, code: string, picks: Picks): Promise<{ ok: boolean; refusal?: { code: string } }> {
  const result = await runScript(path.join("tests", "support", "cast-online.ts"), [code, JSON.stringify(picks)], databaseUrl, {
    // Configured like the server (production needs both secrets).
    NODE_ENV: "production",
    SESSION_SECRET,
  });
  if (result.code !== 0) throw new Error(`cast script failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as { ok: boolean; refusal?: { code: string } };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

// ---- the server ----------------------------------------------------------------------------------

export interface ServerOptions {
  /** Reuse this database file instead of a fresh one (e.g. a second server on the same data); it is left in place. */
  database?: TestDatabase;
  /** Start on a copy of this database (which no process may have open), made when the server starts and removed with it. */
  copyOf?: TestDatabase;
  /** Load the demo city first (default true; only for a fresh database). */
  seed?: boolean;
  /** Runs on the fresh database (after seeding) before the server starts, e.g. CLI set-up. */
  beforeStart?: (database: TestDatabase) => void | Promise<void>;
  sessionSecret?: string;
  signinLimitPerIp?: number;
  signinLimitPerAccount?: number;
  label?: string;
  /** Listen on this port (e.g. one a test provider already knows as the redirect URI's). */
  port?: number;
  /** More environment for the server process (e.g. OIDC_* of a test provider). */
  env?: Record<string, string>;
}

/** Everything a test does with a running server, its database and the CLI on that database. */
abstract class ServerApi {
  abstract readonly baseUrl: string;
  abstract readonly database: TestDatabase;

  client(options?: ClientOptions): Client {
    return new Client(this.baseUrl, options);
  }

  /** A new client signed in with email and password. */
  async signedIn(account: Credentials, options?: ClientOptions): Promise<Client> {
    const client = this.client(options);
    await client.signIn(account);
    return client;
  }

  /** A new client signed in with a pupil code (with the language cookie set first, if `lang` is given). */
  async signedInPupil(code: string, { lang, school, ...options }: ClientOptions & { lang?: Lang; school?: string } = {}): Promise<Client> {
    const client = this.client(options);
    if (lang) client.setLanguage(lang);
    await client.signInWithCode(code, school);
    return client;
  }

  /** The CLI on this server's database. */
  cli(args: readonly string[], env?: Record<string, string | undefined>): Promise<CliResult> {
    return runCli(args, this.database.url, env);
  }

  /** The CLI on this server's database, expecting exit 0. */
  cliOk(args: readonly string[]): Promise<CliResult> {
    return runCliOk(args, this.database.url);
  }

  issueCodes(options: IssueCodes): Promise<string[]> {
    return issueCodes(this.database.url, options);
  }
}

export interface TestServer extends ServerApi {
  readonly port: number;
  /** Typed access to the server's database file (opened on first use, closed by stop()). */
  readonly db: Fixtures;
  /** What the server process printed (stdout and stderr). */
  logs(): string;
  stop(): Promise<void>;
  /** The server process's id (e.g. for prlimit in the reliability tests). */
  readonly pid: number;
  /** Sends `signal` to the server process and resolves once it has exited (SIGKILL: a crash, no clean-up). */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

class RunningServer extends ServerApi implements TestServer {
  private fixtures: Fixtures | undefined;

  constructor(
    readonly baseUrl: string,
    readonly port: number,
    readonly database: TestDatabase,
    private readonly output: () => string,
    private readonly stopProcess: () => Promise<void>,
    private readonly ownsDatabase: boolean,
    private readonly child: ChildProcess,
    private readonly exit: Promise<void>,
  ) {
    super();
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const fixtures = this.fixtures;
    this.fixtures = undefined;
    await fixtures?.close();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exit;
  }

  get db(): Fixtures {
    this.fixtures ??= new Fixtures(this.database);
    return this.fixtures;
  }

  logs(): string {
    return this.output();
  }

  async stop(): Promise<void> {
    const fixtures = this.fixtures;
    this.fixtures = undefined;
    await fixtures?.close();
    await this.stopProcess();
    // A database the harness made goes away with its server.
    if (this.ownsDatabase) removeDatabase(this.database);
  }
}

const BUILD = path.join(ROOT, "build", "index.js");

/** Starts the production server on a free port and its own database; resolves once /healthz answers 200. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  if (!fs.existsSync(BUILD)) {
    throw new Error(`${path.relative(ROOT, BUILD)} is missing: run \`npm run build\` before the integration tests (npm test does).`);
  }
  const owned = !options.database;
  const label = options.label ?? "server";
  const database = options.database ?? (options.copyOf ? copyDatabase(options.copyOf, label) : tmpDatabase(label));
  if (owned && !options.copyOf && options.seed !== false) await seedDemo(database);
  await options.beforeStart?.(database);

  let lastError: Error | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = attempt === 0 && options.port ? options.port : await freePort();
    try {
      return await launch(port, database, owned, options);
    } catch (error) {
      lastError = error as Error;
      // Another process took the port between probing and listening: try another one.
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error("could not start the server");
}

async function launch(port: number, database: TestDatabase, owned: boolean, options: ServerOptions): Promise<TestServer> {
  const child: ChildProcess = spawn(process.execPath, [built(BUILT_SERVER)], {
    cwd: ROOT,
    env: childEnv({
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      SESSION_SECRET: options.sessionSecret ?? SESSION_SECRET,
      TRUST_PROXY: "loopback",
      SIGNIN_LIMIT_PER_IP: options.signinLimitPerIp?.toString(),
      SIGNIN_LIMIT_PER_ACCOUNT: options.signinLimitPerAccount?.toString(),
      ...options.env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const append = (chunk: string) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.setEncoding("utf8").on("data", append);
  child.stderr?.setEncoding("utf8").on("data", append);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exit = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exit;
    clearTimeout(killer);
  };

  const deadline = Date.now() + 45_000;
  for (;;) {
    if (exited) {
      const { code, signal } = exited;
      throw new Error(`the server exited before it was ready (code ${code}, signal ${signal}):\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer GET /healthz with 200 within 45 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return new RunningServer(baseUrl, port, database, () => output, stop, owned, child, exit);
}

/** The server of a test file, started before its tests (a handle: use it inside tests and hooks). */
class ServerHandle extends ServerApi implements TestServer {
  private started: TestServer | undefined;

  constructor(private readonly options: ServerOptions) {
    super();
  }

  async start(): Promise<void> {
    this.started = await startServer(this.options);
  }

  /** The running server, if it has started. */
  get running(): TestServer | undefined {
    return this.started;
  }

  private get current(): TestServer {
    if (!this.started) throw new Error("the server is not running (setupServer starts it in beforeAll)");
    return this.started;
  }

  get baseUrl(): string {
    return this.current.baseUrl;
  }

  get port(): number {
    return this.current.port;
  }

  get database(): TestDatabase {
    return this.current.database;
  }

  get db(): Fixtures {
    return this.current.db;
  }

  logs(): string {
    return this.started?.logs() ?? "";
  }

  async stop(): Promise<void> {
    await this.started?.stop();
  }

  get pid(): number {
    return this.current.pid;
  }

  kill(signal?: NodeJS.Signals): Promise<void> {
    return this.current.kill(signal);
  }
}

/**
 * The server of a test file: started (on a fresh seeded database unless `options` say otherwise) in
 * beforeAll, stopped with its database in afterAll, its output printed after each failed test.
 * Register it before the file's other hooks, which may then use it.
 */
export function setupServer(options: ServerOptions = {}): TestServer {
  const server = new ServerHandle(options);
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  showServerLogsOnFailure(() => [server.running]);
  return server;
}

/** Prints the server's output after each failed test of the file (the server is read lazily). */
export function showServerLogsOnFailure(servers: () => readonly (TestServer | undefined)[]): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(({ task }) => {
      if (task.fails) return; // an expected failure (a known bug) needs no logs
      for (const server of servers()) {
        if (server) console.error(`--- server ${server.baseUrl} output ---\n${server.logs().slice(-20_000)}`);
      }
    });
  });
}

// ---- HTTP ----------------------------------------------------------------------------------------

export interface ClientOptions {
  /** Sent as X-Forwarded-For (the server trusts loopback proxies), to act as this client address. */
  ip?: string;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The Location header, or null. */
  location: string | null;
  body: string;
  /** Set-Cookie headers of this response, by cookie name: the raw header. */
  setCookies: Map<string, string>;
}

export type FormInput = Record<string, string> | URLSearchParams | string;

/** fetch with redirect:"manual" and a cookie jar that ignores Secure/Domain (the server is local). */
export class Client {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly options: ClientOptions = {},
  ) {}

  async request(
    pathname: string,
    init: { method?: string; form?: FormInput; body?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResponse> {
    const headers = new Headers(this.options.headers);
    if (this.options.ip) headers.set("X-Forwarded-For", this.options.ip);
    for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
    if (this.cookies.size && !headers.has("Cookie")) {
      headers.set("Cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    }
    let body: string | undefined = init.body;
    if (init.form !== undefined) {
      body = typeof init.form === "string" ? init.form : new URLSearchParams(init.form).toString();
      if (!headers.has("Content-Type")) headers.set("Content-Type", "application/x-www-form-urlencoded");
    }
    const res = await fetch(`${this.baseUrl}${pathname}`, {
      method: init.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      redirect: "manual",
    });
    const text = await res.text();
    const setCookies = new Map<string, string>();
    for (const raw of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = raw.split(";");
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      setCookies.set(name, raw);
      const expired = attributes.some((a) => {
        const [key = "", val = ""] = a.trim().split("=");
        if (key.toLowerCase() === "max-age") return Number(val) <= 0;
        if (key.toLowerCase() === "expires") return Date.parse(a.trim().slice("expires=".length)) <= Date.now();
        return false;
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, location: res.headers.get("Location"), body: text, setCookies };
  }

  get(pathname: string, headers?: Record<string, string>): Promise<HttpResponse> {
    return this.request(pathname, { headers });
  }

  post(pathname: string, form: FormInput, headers?: Record<string, string>): Promise<HttpResponse> {
    return this.request(pathname, { method: "POST", form, headers });
  }

  /** Signs in with email and password and checks that a session cookie came back. */
  async signIn(account: Credentials): Promise<HttpResponse> {
    const res = await this.post("/login", { email: account.email, password: account.password });
    expect(res.status, `sign-in of ${account.email}: ${res.body.slice(0, 500)}`).toBe(302);
    expect(this.cookies.has(SESSION_COOKIE)).toBe(true);
    return res;
  }

  /** Sets the language cookie as the server writes it (a Remix cookie: URL-encoded base64 of JSON). */
  setLanguage(lang: Lang): void {
    this.cookies.set(LANG_COOKIE, encodeURIComponent(Buffer.from(JSON.stringify(lang)).toString("base64")));
  }

  /** Posts the vote form with an intent ("review" or "cast") and the picks. */
  postBallot(intent: string, picks: Picks): Promise<HttpResponse> {
    return this.post("/vote", voteForm(intent, picks));
  }

  castBallot(picks: Picks): Promise<HttpResponse> {
    return this.postBallot("cast", picks);
  }

  /** Signs in with a pupil code and checks that a session cookie came back. */
  async signInWithCode(code: string, school?: string): Promise<HttpResponse> {
    const res = await this.post("/login/code", school ? { code, school } : { code });
    expect(res.status, `code sign-in: ${res.body.slice(0, 500)}`).toBe(302);
    expect(this.cookies.has(SESSION_COOKIE)).toBe(true);
    return res;
  }
}

/** The vote form: the intent, then `pick:AREA` = project id for each pick, area by area. */
export function voteForm(intent: string, picks: Picks): URLSearchParams {
  const params = new URLSearchParams({ intent });
  for (const [area, ids] of Object.entries(picks)) for (const id of ids) params.append(`pick:${area}`, id);
  return params;
}

/** The visible text of an HTML page (tags dropped, entities for quotes/apostrophes decoded). */
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** A response body must not leak a stack trace or internals. */
export function expectNoStackTrace(body: string): void {
  expect(body).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(body).not.toMatch(/\bat (?:async )?[\w.<>]+ \((?:file:\/\/)?\/[^)]+:\d+:\d+\)/);
  expect(body).not.toMatch(/PrismaClient|SqliteError|node_modules/);
}
