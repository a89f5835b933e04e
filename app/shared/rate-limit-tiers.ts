// The tiers of rate limits on writes and exports (docs/decisions/015-security-headers-and-limits.md),
// like the Epic Stack's per-path tiers, but by Remix route (a route's id names its file under
// app/routes). Plain TypeScript: app/server/route-guards.server.ts applies them, env.server.ts reads
// their configuration, tests call them directly.
//
// Each request a tier covers counts once, whatever its outcome, for the person's session when the
// request carries a valid signed session cookie, or else for the client's address. A school reaches
// the service from one address for hundreds of pupils (its network's), so a limit counted per address
// is ADDRESS_FACTOR times the tier's limit (e.g. a whole school signing in at nine o'clock), while
// signed-in pupils and staff are each counted on their own.

export const TIERS = ["vote", "receipt", "proposal", "export", "write"] as const;
export type Tier = (typeof TIERS)[number];

export interface TierLimit {
  /** Requests allowed within the window. */
  points: number;
  /** The window, in seconds. */
  seconds: number;
}

/** The defaults: high enough that nobody using the service as meant ever meets them. */
export const DEFAULT_LIMITS: Record<Tier, TierLimit> = {
  // Casting (and changing) a ballot: a pupil who changes their mind thirty times in ten minutes is a script.
  vote: { points: 30, seconds: 600 },
  // Checking a receipt (sixty for one person; 600 for a school's address when not signed in).
  receipt: { points: 60, seconds: 600 },
  // Sending or editing an idea.
  proposal: { points: 20, seconds: 3600 },
  // Downloading a CSV or XLSX file (audit log, sign-in codes, turnout): each is a query over a round.
  export: { points: 30, seconds: 600 },
  // Any other form sent to the server (sign-in, moderation, settings, language).
  write: { points: 120, seconds: 60 },
};

/** How many times a tier's limit an address gets when a request carries no session (RATE_LIMIT_ADDRESS_FACTOR). */
export const DEFAULT_ADDRESS_FACTOR = 10;

/** The environment variable that sets a tier's limit, e.g. RATE_LIMIT_VOTE="30/10m" or "off". */
export function tierVariable(tier: Tier): string {
  return `RATE_LIMIT_${tier.toUpperCase()}`;
}

/** Which tier a route's action counts in; every other route's action counts in "write". */
const ACTION_TIERS: Readonly<Record<string, Tier>> = {
  "routes/vote._index": "vote",
  "routes/vote.check": "receipt",
  "routes/ideas.new": "proposal",
  "routes/ideas.$id_.edit": "proposal",
  "routes/codes_.csv": "export",
};

/** Which tier a route's loader counts in; other loaders (pages) are not limited. */
const LOADER_TIERS: Readonly<Record<string, Tier>> = {
  "routes/audit[.csv]": "export",
  "routes/codes_.csv": "export",
  "routes/turnout_.export": "export",
};

export function tierOf(routeId: string, handler: "action" | "loader"): Tier | null {
  if (handler === "action") return ACTION_TIERS[routeId] ?? "write";
  return LOADER_TIERS[routeId] ?? null;
}

/** Every route id the tables above name (a test checks each is a real route). */
export const NAMED_ROUTES: readonly string[] = [...new Set([...Object.keys(ACTION_TIERS), ...Object.keys(LOADER_TIERS)])];

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/**
 * Reads a limit written as POINTS/WINDOW: "30/600" (seconds), "30/10m", "20/1h"; "off" turns the tier
 * off (null). Throws an Error naming the fix for anything else.
 */
export function parseTierLimit(text: string): TierLimit | null {
  const value = text.trim().toLowerCase();
  if (value === "off") return null;
  const match = /^(\d+)\s*\/\s*(\d+)\s*([smh]?)$/.exec(value);
  const points = match ? Number(match[1]) : 0;
  const seconds = match ? Number(match[2]) * (UNIT_SECONDS[match[3] || "s"] as number) : 0;
  if (!match || points < 1 || seconds < 1 || points > 1_000_000_000 || seconds > 7 * 86_400) {
    throw new Error(`"${text}" is not a limit: write requests per window, such as 30/10m, 120/60 or 20/1h (a window of at most 7 days), or off`);
  }
  return { points, seconds };
}

/** The limits of every tier from the environment (RATE_LIMIT_VOTE…), the defaults where unset. */
export function tierLimits(source: Record<string, string | undefined>): Record<Tier, TierLimit | null> {
  const limits = {} as Record<Tier, TierLimit | null>;
  for (const tier of TIERS) {
    const text = source[tierVariable(tier)];
    if (text === undefined || text.trim() === "") limits[tier] = DEFAULT_LIMITS[tier];
    else {
      try {
        limits[tier] = parseTierLimit(text);
      } catch (error) {
        throw new Error(`${tierVariable(tier)}: ${(error as Error).message}`);
      }
    }
  }
  return limits;
}
