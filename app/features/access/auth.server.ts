// Who is signed in: the request's session (sessions.server.ts, decision 016) as our SessionUser,
// and the redirects to sign-in and to the password page. Passwords are password.server.ts;
// authorisation is guard.server.ts + permissions.ts.
import { redirect } from "@remix-run/node";
import { isOneOf, ROLES } from "~/shared/catalog";
import type { Actor } from "~/features/access/permissions";
import {
  blankSessionCookieHeader,
  createSession,
  invalidateSession,
  readSessionCookie,
  SESSION_COOKIE_NAME,
  sessionCookieHeader,
  validateSession,
  type SessionAccount,
} from "./sessions.server";

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

function toSessionUser(a: SessionAccount): SessionUser | null {
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
  /** Set-Cookie to send when the session was extended or its cookie needs the current secret. */
  refreshedCookie: string | null;
}

export async function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  const sent = await readSessionCookie(request);
  if (!sent) return null;
  const valid = await validateSession(sent.sessionId);
  if (!valid) return null;
  const { session } = valid;
  const sessionUser = toSessionUser(valid.user);
  if (!sessionUser) {
    await invalidateSession(session.id);
    return null;
  }
  // Re-sign the cookie when the session was extended, or when it was signed with an old secret.
  const refreshedCookie = session.fresh || !sent.signedWithCurrentSecret ? await sessionCookieHeader(session.id) : null;
  return { user: sessionUser, sessionId: session.id, refreshedCookie };
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
    if (request.headers.get("Cookie")?.includes(`${SESSION_COOKIE_NAME}=`)) params.set("expired", "1");
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
  return (await createSession(userId)).cookie;
}

export async function endSession(request: Request): Promise<string> {
  const current = await getCurrentSession(request);
  if (current) await invalidateSession(current.sessionId);
  return blankSessionCookieHeader();
}
