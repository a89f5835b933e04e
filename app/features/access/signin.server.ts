// Checking credentials. Failed attempts count against the IP and the account (rate-limit.server.ts);
// every sign-in, success or failure, goes to the audit log without the password or code.
// Pupils sign in with codes in app/features/voting/code-signin.server.ts (codes belong to voting).
import { appendAudit } from "~/server/audit.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { db } from "~/server/db.server";
import type { Message } from "~/shared/forms";
import { clearFailedSignIns, recordFailedSignIn, signInBlockedFor } from "./rate-limit.server";

export type SignInResult = { ok: true; userId: string } | { ok: false; status: 401 | 403 | 429; error: Message; field?: string };

export function rateLimited(seconds: number): SignInResult {
  return { ok: false, status: 429, error: { key: "errors.rateLimited", values: { minutes: Math.max(1, Math.ceil(seconds / 60)) } } };
}

export async function signInWithPassword(email: string, password: string, ip: string): Promise<SignInResult> {
  const accountKey = `email:${email}`;
  const blocked = await signInBlockedFor(ip, accountKey);
  if (blocked) return rateLimited(blocked);

  const user = await db.user.findUnique({ where: { email } });
  const valid =
    user?.passwordHash && user.role !== "pupil" && !user.disabledAt
      ? await verifyPassword(user.passwordHash, password)
      : (await verifyPassword(await dummyPasswordHash(), password), false);
  if (!user || !valid) {
    await recordFailedSignIn(ip, accountKey);
    await appendAudit(db, { actorId: user?.id ?? null, action: "signin.password.failed", subjectType: "user", subjectId: user?.id ?? null });
    return { ok: false, status: 401, error: { key: "errors.invalidCredentials" } };
  }
  await clearFailedSignIns(accountKey);
  await appendAudit(db, { actorId: user.id, action: "signin.password", subjectType: "user", subjectId: user.id });
  return { ok: true, userId: user.id };
}
