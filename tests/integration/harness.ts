// The integration-test harness: a real server process (the built Remix app behind
// app/server/index.ts) on its own port and its own SQLite file, the CLI as a child process, and a
// small cookie-jar HTTP client. Assumes `npm run build` has run (npm test builds first).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, expect } from "vitest";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TMP = path.join(ROOT, "tests", ".tmp");
export const SESSION_COOKIE = "omakoulu_session";
export const LANG_COOKIE = "omakoulu_lang";

export const ACCOUNTS = {
  admin: { email: "admin@omakoulu.test", password: "Demo-admin-2026" },
  coordinator: { email: "koordinaattori@omakoulu.test", password: "Demo-coordinator-2026" },
  /** Staff of 00501 and 00502. */
  staff: { email: "opettaja@omakoulu.test", password: "Demo-staff-2026" },
  /** Staff of 00105. */
  staffSv: { email: "larare@omakoulu.test", password: "Demo-staff-2026" },
} as const;

export const PUPILS = {
  /** 00501, class 8, current round (voting phase). */
  malmi8: "DEM0-0000-0001",
  /** 00105, class 9. */
  topelius9: "DEM0-0000-0002",
  /** 00502, class 11. */
  malmiLukio11: "DEM0-0000-0003",
  /** 00501, class 5. */
  malmi5: "DEM0-0000-0004",
  /** 00501, the ended round omakoulu-2025. */
  ended: "DEM0-0000-0009",
} as const;

let counter = 0;

/** A fresh database file name under tests/.tmp (any old file of that name and its WAL removed). */
export function tmpDatabase(label: string): { file: string; url: string } {
  fs.mkdirSync(TMP, { recursive: true });
  counter += 1;
  const file = path.join(TMP, `${label}-${process.pid}-${Date.now().toString(36)}-${counter}.db`);
  removeDatabase(file);
  return { file, url: `file:${file}` };
}

/**
 * A copy of a database that no process has open (e.g. right after seeding), so that two servers
 * can start from the same data without sharing a file.
 */
export function copyDatabase(from: { file: string }, label: string): { file: string; url: string } {
  const copy = tmpDatabase(label);
  for (const suffix of ["", "-wal"]) {
    if (fs.existsSync(`${from.file}${suffix}`)) fs.copyFileSync(`${from.file}${suffix}`, `${copy.file}${suffix}`);
  }
  return copy;
}

export function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Environment for child processes: ours, minus settings a developer's shell might leak in. */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["NODE_ENV", "PORT", "HOST", "DATABASE_URL", "SESSION_SECRET", "TRUST_PROXY", "SIGNIN_LIMIT_PER_IP", "SIGNIN_LIMIT_PER_ACCOUNT", "OMAKOULU_DEMO", "INSECURE_COOKIES", "NODE_OPTIONS"]) {
    delete env[name];
  }
  // The CLI (seed, paper imports) and the server must share the ballot secret, as in production.
  env.BALLOT_SECRET = "integration-test-ballot-secret";
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return env;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx app/cli/main.ts ...args` from the repository root. */
export function runCli(args: readonly string[], databaseUrl: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join("app", "cli", "main.ts"), ...args], {
      cwd: ROOT,
      env: childEnv({ DATABASE_URL: databaseUrl, ...env }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
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

/** Loads the demo city (which also creates and migrates the database). */
export async function seedDemo(databaseUrl: string): Promise<void> {
  const result = await runCli(["seed"], databaseUrl);
  if (result.code !== 0) throw new Error(`demo seed failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
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

export interface ServerOptions {
  /** Reuse this database file instead of a fresh one (e.g. a second server on the same data). */
  database?: { file: string; url: string };
  /** Load the demo city first (default true; only for a fresh database). */
  seed?: boolean;
  sessionSecret?: string;
  signinLimitPerIp?: number;
  signinLimitPerAccount?: number;
  label?: string;
}

export interface TestServer {
  baseUrl: string;
  port: number;
  database: { file: string; url: string };
  /** What the server process printed (stdout and stderr). */
  logs(): string;
  client(options?: ClientOptions): Client;
  stop(): Promise<void>;
}

const BUILD = path.join(ROOT, "build", "index.js");

/** Starts the production server on a free port and its own database; resolves once /healthz answers 200. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  if (!fs.existsSync(BUILD)) {
    throw new Error(`${path.relative(ROOT, BUILD)} is missing: run \`npm run build\` before the integration tests (npm test does).`);
  }
  const owned = !options.database;
  const database = options.database ?? tmpDatabase(options.label ?? "server");
  if (owned && options.seed !== false) await seedDemo(database.url);

  let lastError: Error | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const server = await launch(port, database, options);
      if (!owned) return server;
      // A database the harness made goes away with its server.
      return {
        ...server,
        stop: async () => {
          await server.stop();
          removeDatabase(database.file);
        },
      };
    } catch (error) {
      lastError = error as Error;
      // Another process took the port between probing and listening: try another one.
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error("could not start the server");
}

async function launch(port: number, database: { file: string; url: string }, options: ServerOptions): Promise<TestServer> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join("app", "server", "index.ts")], {
    cwd: ROOT,
    env: childEnv({
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      SESSION_SECRET: options.sessionSecret ?? "integration-test-secret-0123456789abcdef",
      TRUST_PROXY: "loopback",
      SIGNIN_LIMIT_PER_IP: options.signinLimitPerIp?.toString(),
      SIGNIN_LIMIT_PER_ACCOUNT: options.signinLimitPerAccount?.toString(),
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

  return {
    baseUrl,
    port,
    database,
    logs: () => output,
    client: (clientOptions) => new Client(baseUrl, clientOptions),
    stop,
  };
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
  async signIn(account: { email: string; password: string }): Promise<HttpResponse> {
    const res = await this.post("/login", { email: account.email, password: account.password });
    expect(res.status, `sign-in of ${account.email}: ${res.body.slice(0, 500)}`).toBe(302);
    expect(this.cookies.has(SESSION_COOKIE)).toBe(true);
    return res;
  }

  /** Signs in with a pupil code and checks that a session cookie came back. */
  async signInWithCode(code: string, school?: string): Promise<HttpResponse> {
    const res = await this.post("/login/code", school ? { code, school } : { code });
    expect(res.status, `code sign-in: ${res.body.slice(0, 500)}`).toBe(302);
    expect(this.cookies.has(SESSION_COOKIE)).toBe(true);
    return res;
  }
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
