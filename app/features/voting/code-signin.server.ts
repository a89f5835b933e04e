// Pupils' sign-in with a code from the class sheet (docs/domain.md). Failed attempts count against
// the IP and the code (app/features/access/rate-limit.server.ts); every attempt, success or failure,
// goes to the audit log without the code. A code opens nothing once its round has ended.
import type { Locale } from "~/shared/catalog";
import { hashCode } from "~/features/access/codes";
import { formatDay } from "~/shared/locale";
import { roundName } from "~/features/rounds/rounds";
import { helsinkiDay, roundHasEnded } from "~/features/rounds/phases";
import { rateLimited, type SignInResult } from "~/features/access/signin.server";
import { clearFailedSignIns, recordFailedSignIn, signInBlockedFor } from "~/features/access/rate-limit.server";
import { appendAudit } from "~/server/audit.server";
import { db } from "~/server/db.server";

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
