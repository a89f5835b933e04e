// Administrators' changes to accounts. Each change and its audit entry are one transaction.
import { appendAudit } from "~/server/audit.server";
import { randomInt } from "node:crypto";
import { hashPassword, verifyPassword } from "./password.server";
import { db } from "~/server/db.server";
import type { Locale } from "~/shared/catalog";
import { refuse, type Outcome as Answer, type Refusal } from "~/shared/forms";

type Outcome = Answer<{ id: string }>;

async function checkSchools(schoolIds: string[]): Promise<Refusal | null> {
  if (!schoolIds.length) return null;
  const found = await db.school.count({ where: { id: { in: schoolIds } } });
  return found === new Set(schoolIds).size ? null : refuse(400, "errors.schoolUnknown", "schools");
}

export async function createAccount(
  actorId: string,
  input: { name: string; email: string; role: string; password: string; schools: string[]; sectors: string[] },
): Promise<Outcome> {
  const schools = input.role === "staff" ? input.schools : [];
  const sectors = input.role === "staff" ? input.sectors.join(",") : "";
  const bad = await checkSchools(schools);
  if (bad) return bad;
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    return refuse(409, "errors.emailTaken", "email");
  }
  const passwordHash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { role: input.role, email: input.email, displayName: input.name, passwordHash, sectors, schools: { create: schools.map((schoolId) => ({ schoolId })) } },
    });
    await appendAudit(tx, { actorId, action: "user.create", subjectType: "user", subjectId: created.id, detail: { role: input.role, schools, sectors } });
    return created;
  });
  return { ok: true, id: user.id };
}

export async function updateAccount(actorId: string, userId: string, input: { role: string; schools: string[]; sectors: string[] }): Promise<Outcome> {
  if (actorId === userId) return refuse(403, "errors.cannotChangeSelf");
  const target = await db.user.findUnique({ where: { id: userId } });
  if (!target || target.role === "pupil") return refuse(403, "errors.userNotFound");
  const schools = input.role === "staff" ? input.schools : [];
  const sectors = input.role === "staff" ? input.sectors.join(",") : "";
  const bad = await checkSchools(schools);
  if (bad) return bad;
  await db.$transaction(async (tx) => {
    await tx.staffSchool.deleteMany({ where: { userId } });
    await tx.user.update({ where: { id: userId }, data: { role: input.role, sectors, schools: { create: schools.map((schoolId) => ({ schoolId })) } } });
    await appendAudit(tx, { actorId, action: "user.update", subjectType: "user", subjectId: userId, detail: { from: target.role, role: input.role, schools, sectors } });
  });
  return { ok: true, id: userId };
}

export async function setAccountDisabled(actorId: string, userId: string, disabled: boolean): Promise<Outcome> {
  if (actorId === userId) return refuse(403, "errors.cannotChangeSelf");
  const target = await db.user.findUnique({ where: { id: userId } });
  if (!target || target.role === "pupil") return refuse(403, "errors.userNotFound");
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    // A disabled account is signed out everywhere at once.
    if (disabled) await tx.session.deleteMany({ where: { userId } });
    await appendAudit(tx, { actorId, action: disabled ? "user.disable" : "user.enable", subjectType: "user", subjectId: userId });
  });
  return { ok: true, id: userId };
}

// Letters and digits that cannot be mistaken for each other when read aloud or copied by hand.
const TEMPORARY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

/** A temporary password: 16 symbols of 55 (about 92 random bits), in groups of four, e.g. `k7Qm-…`. */
export function temporaryPassword(): string {
  const symbols = Array.from({ length: 16 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => symbols.slice(i, i + 4).join("")).join("-");
}

/**
 * An admin resets a staff member's, coordinator's or another admin's password: a random temporary
 * password replaces it (only its argon2id hash is stored), the account must choose a new one at its
 * next sign-in, and every session of the account ends. The temporary password is answered once, to
 * be shown in this response only; the audit entry never contains it. Not for pupils (they have
 * codes) nor for the admin's own account.
 */
export async function resetPassword(actorId: string, userId: string): Promise<Answer<{ id: string; temporary: string }>> {
  if (actorId === userId) return refuse(403, "userAdmin.cannotResetSelf");
  const target = await db.user.findUnique({ where: { id: userId } });
  if (!target || target.role === "pupil") return refuse(403, "errors.userNotFound");
  const temporary = temporaryPassword();
  const passwordHash = await hashPassword(temporary);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
    await tx.session.deleteMany({ where: { userId } });
    await appendAudit(tx, { actorId, action: "user.password-reset", subjectType: "user", subjectId: userId });
  });
  return { ok: true, id: userId, temporary };
}

/**
 * A signed-in adult chooses a new password, giving the current (or temporary) one. Clears the
 * "must choose a new password" mark and ends the account's other sessions; audited without either password.
 */
export async function changeOwnPassword(userId: string, sessionId: string, input: { current: string; password: string }): Promise<Answer> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user?.passwordHash || user.role === "pupil") return refuse(403, "newPassword.noPassword");
  if (!(await verifyPassword(user.passwordHash, input.current))) return refuse(400, "newPassword.currentWrong", "current");
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.deleteMany({ where: { userId, id: { not: sessionId } } });
    await appendAudit(tx, { actorId: userId, action: "user.password-change", subjectType: "user", subjectId: userId, detail: { afterReset: user.mustChangePassword } });
  });
  return { ok: true };
}

/** The language a signed-in user chose with the language switcher (no audit entry: not a change of rights). */
export async function setPreferredLocale(userId: string, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale } });
}
