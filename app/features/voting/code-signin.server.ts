// Pupils' sign-in with a code from the class sheet (docs/domain.md). Failed attempts count against
// the IP and the code (app/features/access/rate-limit.server.ts); every attempt, success or failure,
// goes to the audit log without the code. After its round has ended a code still signs in so the
// pupil can follow their ideas (issue 10); proposing and voting refuse by their own phase rules.
import { hashCode } from "~/features/access/codes";
import { helsinkiDay, roundHasEnded } from "~/features/rounds/phases";
import { rateLimited, type SignInResult } from "~/features/access/signin.server";
import { clearFailedSignIns, recordFailedSignIn, signInBlockedFor } from "~/features/access/rate-limit.server";
import { appendAudit } from "~/server/audit.server";
import { db } from "~/server/db.server";

export async function signInWithCode(
  code: string,
  schoolCode: string | undefined,
  ip: string,
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
  await clearFailedSignIns(accountKey);
  // After the round has ended the code still signs in, read-only: ideas, timelines and results
  // (proposing and voting check their own phases).
  const followUp = roundHasEnded(pupil.round, today);
  await appendAudit(db, { actorId: pupil.id, action: "signin.code", subjectType: "user", subjectId: pupil.id, ...(followUp ? { detail: { followUp: true } } : {}) });
  return { ok: true, userId: pupil.id };
}
