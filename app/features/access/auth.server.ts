// Sessions (lucia) and passwords. Authorisation is guard.server.ts + permissions.ts.
// Sessions are lucia v3 sessions stored in the database through the small adapter below (lucia's
// published Prisma adapter pins Prisma ≤ 5). The session id travels in a cookie signed with
// SESSION_SECRET; a comma-separated list of secrets rotates it: the first signs, all verify, so a
// new secret does not sign anybody out.
import { createCookie, redirect } from "@remix-run/node";
import { hash, verify } from "@node-rs/argon2";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser, type User } from "lucia";
import { isOneOf, ROLES } from "~/shared/catalog";
import type { Actor } from "~/features/access/permissions";
import { db } from "~/server/db.server";
import { env } from "~/server/env.server";
import { readSqlDate, sql } from "~/server/sql.server";

class PrismaSessionAdapter implements Adapter {
  // Every signed-in request asks this, so it is one plain-SQL join (sql.server.ts; decision 014),
  // plus the staff member's schools.
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    type Row = Omit<UserAttributes, "staffSchoolIds" | "disabled" | "mustChangePassword"> & {
      userId: string;
      expiresAt: string | Date;
      disabledAt: unknown;
      codeRevokedAt: unknown;
      /** 0/1 on SQLite, a boolean on PostgreSQL. */
      mustChangePassword: number | boolean;
    };
    const row = await sql().get<Row>(
      `SELECT s."userId", s."expiresAt", u."role", u."displayName", u."email", u."schoolId", u."classLevel", u."roundId", u."personId",
              u."disabledAt", u."codeRevokedAt", u."mustChangePassword"
         FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`,
      [sessionId],
    );
    if (!row) return [null, null];
    const staffSchoolIds =
      row.role === "pupil" ? [] : (await sql().all<{ schoolId: string }>(`SELECT "schoolId" FROM "StaffSchool" WHERE "userId" = ?`, [row.userId])).map((s) => s.schoolId);
    return [
      { id: sessionId, userId: row.userId, expiresAt: readSqlDate(row.expiresAt), attributes: {} },
      {
        id: row.userId,
        attributes: {
          role: row.role,
          displayName: row.displayName,
          email: row.email,
          schoolId: row.schoolId,
          classLevel: row.classLevel === null ? null : Number(row.classLevel),
          roundId: row.roundId,
          personId: row.personId,
          staffSchoolIds,
          disabled: row.disabledAt !== null || row.codeRevokedAt !== null,
          mustChangePassword: Boolean(row.mustChangePassword),
        },
      },
    ];
  }
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await db.session.findMany({ where: { userId } });
    return rows.map((r) => ({ id: r.id, userId: r.userId, expiresAt: r.expiresAt, attributes: {} }));
  }
  async setSession(session: DatabaseSession): Promise<void> {
    await db.session.create({ data: { id: session.id, userId: session.userId, expiresAt: session.expiresAt } });
  }
  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await db.session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  }
  async deleteSession(sessionId: string): Promise<void> {
    await db.session.deleteMany({ where: { id: sessionId } });
  }
  async deleteUserSessions(userId: string): Promise<void> {
    await db.session.deleteMany({ where: { userId } });
  }
  async deleteExpiredSessions(): Promise<void> {
    await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  }
}

interface UserAttributes {
  role: string;
  displayName: string;
  email: string | null;
  schoolId: string | null;
  classLevel: number | null;
  roundId: string | null;
  personId: string | null;
  staffSchoolIds: string[];
  disabled: boolean;
  mustChangePassword: boolean;
}

/** Sessions last a school day and slide while in use; the cookie itself dies with the browser. */
export const SESSION_LIFETIME = new TimeSpan(8, "h");

export const lucia = new Lucia(new PrismaSessionAdapter(), {
  sessionExpiresIn: SESSION_LIFETIME,
  getUserAttributes: (attributes) => attributes,
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: UserAttributes;
  }
}

export const sessionCookie = createCookie("omakoulu_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env().secureCookies,
  secrets: env().sessionSecrets,
});

export interface SessionUser extends Actor {
  displayName: string;
  email: string | null;
  schoolId: string | null;
  classLevel: number | null;
  roundId: string | null;
  /**
   * Whose vote this account casts: the user itself, or, for a code used by a pupil who also signed
   * in with their school account, that account's user (one person, one participation per round).
   */
  voterId: string;
  /** An admin reset the password: every page sends the user to PASSWORD_CHANGE_PATH until they choose one. */
  mustChangePassword: boolean;
}

/** Where a user whose password an admin reset must choose a new one (app/routes/account_.password.tsx). */
export const PASSWORD_CHANGE_PATH = "/account/password";

/** Pages a user who must choose a new password may still use: that page, signing out, the language switch. */
const OPEN_WHILE_CHANGING = new Set([PASSWORD_CHANGE_PATH, "/logout", "/language"]);

/** Throws the redirect to the password page when this user must choose a new password first. */
export function requirePasswordChosen(request: Request, user: Pick<SessionUser, "mustChangePassword">): void {
  if (user.mustChangePassword && !OPEN_WHILE_CHANGING.has(new URL(request.url).pathname)) throw redirect(PASSWORD_CHANGE_PATH);
}

function toSessionUser(a: User): SessionUser | null {
  if (a.disabled || !isOneOf(ROLES, a.role)) return null;
  return {
    id: a.id,
    role: a.role,
    displayName: a.displayName,
    email: a.email,
    schoolId: a.schoolId,
    classLevel: a.classLevel,
    roundId: a.roundId,
    voterId: a.personId ?? a.id,
    mustChangePassword: a.mustChangePassword,
    schoolIds: a.role === "pupil" ? (a.schoolId ? [a.schoolId] : []) : a.staffSchoolIds,
  };
}

export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
  /** Set-Cookie to send when lucia extended the session. */
  refreshedCookie: string | null;
}

export async function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  const sessionId: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  if (typeof sessionId !== "string" || !sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  const sessionUser = toSessionUser(user);
  if (!sessionUser) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  // Re-sign the cookie when lucia extended the session, or when it was signed with an old secret
  // (signing is deterministic, so a cookie that differs from a fresh signature used another secret).
  const current = await sessionCookie.serialize(session.id);
  const sentWithCurrentSecret = cookieValue(request, sessionCookie.name) === cookieValue(current, sessionCookie.name);
  return { user: sessionUser, sessionId: session.id, refreshedCookie: session.fresh || !sentWithCurrentSecret ? current : null };
}

/** The raw value of cookie `name` in a request's Cookie header or in a Set-Cookie string. */
function cookieValue(source: Request | string, name: string): string | null {
  const header = typeof source === "string" ? source : (source.headers.get("Cookie") ?? "");
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getCurrentSession(request))?.user ?? null;
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    const params = new URLSearchParams({ redirectTo: back });
    // A session cookie that no longer validates means the session expired or was signed out.
    if (request.headers.get("Cookie")?.includes(`${sessionCookie.name}=`)) params.set("expired", "1");
    throw redirect(`/login?${params}`);
  }
  requirePasswordChosen(request, user);
  return user;
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** Starts a session and returns its Set-Cookie header. */
export async function startSession(userId: string): Promise<string> {
  const session = await lucia.createSession(userId, {});
  return sessionCookie.serialize(session.id);
}

export async function endSession(request: Request): Promise<string> {
  const current = await getCurrentSession(request);
  if (current) await lucia.invalidateSession(current.sessionId);
  return sessionCookie.serialize("", { maxAge: 0 });
}

// argon2id with the OWASP-recommended minimums (19 MiB, 2 iterations, 1 lane).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid hash to verify against when the email is unknown, so timing does not reveal accounts. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("omakoulu-no-such-account");
  return dummyHash;
}
