// The process's configuration, read from the environment once and checked with zod. Every other
// module asks `env()`; nothing else reads process.env (README, "Configuration", lists the variables).
// In production (NODE_ENV=production) the secrets must be set, unless OMAKOULU_DEMO=1 (the demo of
// `npm start`), which falls back to development secrets that are printed in this file.
import path from "node:path";
import { z } from "zod";
import { OidcEnvError, parseOidcEnv, type OidcProviderConfig } from "~/features/access/oidc.server";
import { DEFAULT_ADDRESS_FACTOR, tierLimits, type Tier, type TierLimit } from "~/shared/rate-limit-tiers";

const DEV_SESSION_SECRET = "omakoulu-development-secret-not-for-production";
const DEV_BALLOT_SECRET = "omakoulu-development-ballot-secret-not-for-production";
const DEV_IDENTITY_SECRET = "omakoulu-development-identity-secret-not-for-production";

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const schema = z.object({
  NODE_ENV: z.string().default("development"),
  OMAKOULU_DEMO: optionalText,
  DATABASE_URL: optionalText,
  DATABASE_POOL_SIZE: count(10),
  WORKERS: count(1),
  SESSION_SECRET: optionalText,
  BALLOT_SECRET: optionalText,
  IDENTITY_SECRET: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  TRUST_PROXY: optionalText,
  SIGNIN_LIMIT_PER_IP: count(30),
  SIGNIN_LIMIT_PER_ACCOUNT: count(5),
  RATE_LIMIT_ADDRESS_FACTOR: count(DEFAULT_ADDRESS_FACTOR),
  INSECURE_COOKIES: optionalText,
  PUBLIC_URL: optionalText.pipe(z.string().url().refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://").optional()),
  UPLOAD_DIR: optionalText,
  BALLOT_MIX_BATCH: count(20),
  BALLOT_MIX_DELAY_SECONDS: z.coerce.number().min(0).max(86_400).default(180),
});

export interface Env {
  production: boolean;
  /** Production build running the demo city (`npm start`): development secrets allowed. */
  demo: boolean;
  databaseUrl: string | undefined;
  /** Connections of each process's PostgreSQL pool (DATABASE_POOL_SIZE, default 10; unused on SQLite). */
  databasePoolSize: number;
  /** Server processes `npm run serve` starts (WORKERS, default 1; more than one needs PostgreSQL). */
  workers: number;
  /** The session cookie's secrets: the first signs, all verify (rotation). */
  sessionSecrets: string[];
  ballotSecret: string;
  /** Key of the HMAC that turns a school account's learner id or uid into `User.identityKey`. */
  identitySecret: string;
  /** School-account sign-in providers (docs/mpassid.md); empty when it is off. */
  oidcProviders: OidcProviderConfig[];
  port: number;
  host: string;
  /** Express `trust proxy`: a hop count or a named range such as "loopback". */
  trustProxy: number | string | undefined;
  signInLimitPerIp: number;
  signInLimitPerAccount: number;
  /** The limits of the tiers of writes and exports (RATE_LIMIT_VOTE…; null: off); app/shared/rate-limit-tiers.ts. */
  rateLimits: Record<Tier, TierLimit | null>;
  /** A request without a session counts for its address, whose limit is this many times the tier's. */
  rateLimitAddressFactor: number;
  /** Cookies carry the Secure flag in production unless INSECURE_COOKIES=1. */
  secureCookies: boolean;
  /** The site's public address (e.g. https://omakoulu.hel.fi) for printed links and QR codes; unset: each request's own origin. */
  publicUrl: string | undefined;
  /** Absolute folder of uploaded pictures (UPLOAD_DIR, default data/uploads under the directory the server or CLI runs in, the project root; docs/uploads.md). */
  uploadDir: string;
  /** The ballot box is mixed once it holds this many entries of a round (docs/decisions/009-ballot-box.md). */
  ballotMixBatch: number;
  /** The mix runs at a random moment within this many seconds after the box reached the batch. */
  ballotMixDelaySeconds: number;
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new EnvError(`Invalid configuration (${problems}); see README, 'Configuration'.`);
  }
  const e = result.data;
  const production = e.NODE_ENV === "production";
  const demo = e.OMAKOULU_DEMO === "1" || (e.OMAKOULU_DEMO !== undefined && e.OMAKOULU_DEMO !== "0");
  const strict = production && !demo;
  const sessionSecrets = (e.SESSION_SECRET ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (!sessionSecrets.length) {
    if (strict) throw new EnvError("SESSION_SECRET must be set in production (see README, 'Configuration').");
    sessionSecrets.push(DEV_SESSION_SECRET);
  }
  if (!e.BALLOT_SECRET && strict) throw new EnvError("BALLOT_SECRET must be set in production (see README, 'Configuration').");
  let oidcProviders: OidcProviderConfig[];
  try {
    oidcProviders = parseOidcEnv(source);
  } catch (error) {
    if (error instanceof OidcEnvError) throw new EnvError(error.message);
    throw error;
  }
  let rateLimits: Record<Tier, TierLimit | null>;
  try {
    rateLimits = tierLimits(source);
  } catch (error) {
    throw new EnvError(`Invalid configuration (${(error as Error).message}); see README, 'Configuration'.`);
  }
  if (oidcProviders.length && !e.IDENTITY_SECRET && strict) {
    throw new EnvError("IDENTITY_SECRET must be set in production when school-account sign-in is on (docs/mpassid.md).");
  }
  return {
    production,
    demo,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    workers: e.WORKERS,
    sessionSecrets,
    ballotSecret: e.BALLOT_SECRET ?? DEV_BALLOT_SECRET,
    identitySecret: e.IDENTITY_SECRET ?? DEV_IDENTITY_SECRET,
    oidcProviders,
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY === undefined ? undefined : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    signInLimitPerIp: e.SIGNIN_LIMIT_PER_IP,
    signInLimitPerAccount: e.SIGNIN_LIMIT_PER_ACCOUNT,
    rateLimits,
    rateLimitAddressFactor: e.RATE_LIMIT_ADDRESS_FACTOR,
    secureCookies: production && e.INSECURE_COOKIES !== "1",
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : undefined,
    uploadDir: path.resolve(process.cwd(), e.UPLOAD_DIR ?? path.join("data", "uploads")),
    ballotMixBatch: e.BALLOT_MIX_BATCH,
    ballotMixDelaySeconds: e.BALLOT_MIX_DELAY_SECONDS,
  };
}

let cached: Env | null = null;

/** The configuration, parsed on first use and then kept for the life of the process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
