// The sessions module (decision 016): where a session is created, found, extended and ended, and
// the signed cookie that carries its id. It is the only file that imports `lucia` (v3, deprecated
// upstream, pinned in package.json); everything else uses the lucia-free interface below, so
// replacing lucia means rewriting this file only. A guard test (tests/unit/sessions-isolation.test.ts)
// fails when another file under app/ imports lucia.
//
// Sessions are rows of the `Session` table (id, userId, expiresAt) written through the small adapter
// below (lucia's published Prisma adapter pins Prisma ≤ 5). The session id travels in a cookie
// signed with SESSION_SECRET; a comma-separated list of secrets rotates it: the first signs, all
// verify, so a new secret does not sign anybody out.
import { createCookie } from "@remix-run/node";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { db } from "~/server/db.server";
import { env } from "~/server/env.server";
import { readSqlDate, sql } from "~/server/sql.server";

// ---- the interface ------------------------------------------------------------------------------

/** Sessions last a school day and slide while in use; the cookie itself dies with the browser. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** The account a session belongs to, as read with the session (one query per request). */
export interface SessionAccount {
  id: string;
  role: string;
  displayName: string;
  email: string | null;
  schoolId: string | null;
  classLevel: number | null;
  roundId: string | null;
  personId: string | null;
  staffSchoolIds: string[];
  /** Disabled by an admin, or a pupil whose code was revoked: the caller signs such a session out. */
  disabled: boolean;
  mustChangePassword: boolean;
}

export interface ValidSession {
  session: {
    id: string;
    expiresAt: Date;
    /** True when this validation extended the session (less than half its lifetime was left). */
    fresh: boolean;
  };
  user: SessionAccount;
}

/** Starts a session for the user: its id, expiry, and the Set-Cookie header that carries it. */
export async function createSession(userId: string): Promise<{ id: string; expiresAt: Date; cookie: string }> {
  const session = await lucia.createSession(userId, {});
  return { id: session.id, expiresAt: session.expiresAt, cookie: await sessionCookieHeader(session.id) };
}

/**
 * The session and its account, or null when there is no such session or it has expired (an expired
 * one is deleted). A session past half its lifetime is extended to a full lifetime (`fresh`).
 */
export async function validateSession(sessionId: string): Promise<ValidSession | null> {
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  const { id, ...attributes } = user;
  return { session: { id: session.id, expiresAt: session.expiresAt, fresh: session.fresh }, user: { ...attributes, id } };
}

/** Ends one session (sign-out, or a disabled account found signed in). */
export async function invalidateSession(sessionId: string): Promise<void> {
  await lucia.invalidateSession(sessionId);
}

/**
 * Ends every session of a user. (Changes that must end them in the same transaction as their other
 * writes, such as disabling an account in users.server.ts, delete the user's `Session` rows there.)
 */
export async function invalidateUserSessions(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

/** Deletes the rows of expired sessions (validation deletes an expired session it meets anyway). */
export async function deleteExpiredSessions(): Promise<void> {
  await lucia.deleteExpiredSessions();
}

/** The name of the session cookie. */
export const SESSION_COOKIE_NAME = "omakoulu_session";

/** The session id in the request's cookie when its signature holds (with any of the secrets), else null. */
export async function sessionIdInCookie(request: Request): Promise<string | null> {
  const sessionId: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof sessionId === "string" && sessionId ? sessionId : null;
}

/**
 * The session id in the request's signed cookie, and whether it was signed with the current (first)
 * secret: a cookie signed with an older one should be re-signed. Null without a valid cookie.
 */
export async function readSessionCookie(request: Request): Promise<{ sessionId: string; signedWithCurrentSecret: boolean } | null> {
  const sessionId = await sessionIdInCookie(request);
  if (!sessionId) return null;
  // Signing is deterministic, so a cookie that differs from a fresh signature used another secret.
  const current = await sessionCookieHeader(sessionId);
  return { sessionId, signedWithCurrentSecret: cookieValue(request, SESSION_COOKIE_NAME) === cookieValue(current, SESSION_COOKIE_NAME) };
}

/** The Set-Cookie header carrying this session id, signed with the current secret. */
export function sessionCookieHeader(sessionId: string): Promise<string> {
  return sessionCookie.serialize(sessionId);
}

/** The Set-Cookie header that removes the session cookie. */
export function blankSessionCookieHeader(): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0 });
}

// ---- the implementation: lucia v3 ---------------------------------------------------------------

type UserAttributes = Omit<SessionAccount, "id">;

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

// lucia's cookie helpers are not used: the cookie is Remix's, below. lucia creates 200-bit ids
// (25 random bytes, base32) and extends a session when less than half its lifetime is left.
const lucia = new Lucia(new PrismaSessionAdapter(), {
  sessionExpiresIn: new TimeSpan(SESSION_LIFETIME_MS, "ms"),
  getUserAttributes: (attributes) => attributes,
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: UserAttributes;
  }
}

const sessionCookie = createCookie(SESSION_COOKIE_NAME, {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env().secureCookies,
  secrets: env().sessionSecrets,
});

/** The raw value of cookie `name` in a request's Cookie header or in a Set-Cookie string. */
function cookieValue(source: Request | string, name: string): string | null {
  const header = typeof source === "string" ? source : (source.headers.get("Cookie") ?? "");
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
}
