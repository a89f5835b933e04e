// Checking credentials. Failed attempts count against the IP and the account (rate-limit.server.ts);
// every sign-in, success or failure, goes to the audit log without the password or code.
import type { Locale } from "~/shared/catalog";
import { hashCode } from "~/features/access/codes";
import { formatDay } from "~/shared/locale";
import { roundName } from "~/features/rounds/rounds";
import { helsinkiDay, roundHasEnded } from "~/features/rounds/phases";
import { appendAudit } from "~/server/audit.server";
import { dummyPasswordHash, verifyPassword } from "./auth.server";
import { db } from "~/server/db.server";
import type { Message } from "~/shared/forms";
import { clearFailedSignIns, recordFailedSignIn, signInBlockedFor } from "./rate-limit.server";

export type SignInResult = { ok: true; userId: string } | { ok: false; status: 401 | 403 | 429; error: Message; field?: string };

function rateLimited(seconds: number): SignInResult {
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

export async function signInWithCode(
  code: string,
  schoolCode: string | undefined,
  ip: string,
  locale: Locale,
  today = helsinkiDay(),
): Promise<SignInResult> {
  const codeHash = hashCode(code);
  const accountKey = `code:${codeHash}`;
  const blocked = await signInBlockedFor(ip, accountKey);
  if (blocked) return rateLimited(blocked);

  const pupil = await db.user.findUnique({
    where: { codeHash },
    include: { round: true, school: { select: { code: true } } },
  });
  if (!pupil || pupil.role !== "pupil" || pupil.codeRevokedAt || pupil.disabledAt || !pupil.round) {
    await recordFailedSignIn(ip, accountKey);
    await appendAudit(db, { actorId: null, action: "signin.code.failed", subjectType: "user", subjectId: pupil?.id ?? null });
    return { ok: false, status: 401, error: { key: "errors.codeInvalid" }, field: "code" };
  }
  if (schoolCode && pupil.school?.code !== schoolCode) {
    await recordFailedSignIn(ip, accountKey);
    await appendAudit(db, { actorId: null, action: "signin.code.other-school", subjectType: "user", subjectId: pupil.id });
    return { ok: false, status: 403, error: { key: "errors.codeOtherSchool" }, field: "code" };
  }
  if (roundHasEnded(pupil.round, today)) {
    await appendAudit(db, { actorId: null, action: "signin.code.round-ended", subjectType: "user", subjectId: pupil.id });
    return {
      ok: false,
      status: 403,
      error: { key: "errors.roundEnded", values: { round: roundName(pupil.round, locale), date: formatDay(pupil.round.votingEnd, locale) } },
      field: "code",
    };
  }
  await clearFailedSignIns(accountKey);
  await appendAudit(db, { actorId: pupil.id, action: "signin.code", subjectType: "user", subjectId: pupil.id });
  return { ok: true, userId: pupil.id };
}
