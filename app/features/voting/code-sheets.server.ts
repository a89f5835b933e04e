// Sign-in code sheets for staff (/codes): which schools and rounds a user may issue codes for, the
// pupil accounts already issued for a class, revoking a code, and the CSV of freshly issued codes.
// Codes exist in clear only in the response that issues them (codes.server.ts stores hashes).
import { z } from "zod";
import { hashCode, normaliseCode } from "~/features/access/codes";
import { helsinkiDay, roundHasEnded } from "~/features/rounds/phases";
import { canActForSchool, type Actor } from "~/features/access/permissions";
import { appendAudit } from "~/server/audit.server";
import { forbidden } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { issueCodes } from "./codes.server";
import { keptValues, parseForm, type FormReply } from "~/shared/forms";

export const MAX_CODES_PER_SHEET = 200;

/** The schools a user may issue codes for: staff their own, coordinators and admins all. */
export function schoolsFor(actor: Actor) {
  const where = actor.role === "staff" ? { id: { in: [...actor.schoolIds] } } : actor.role === "coordinator" || actor.role === "admin" ? {} : { id: { in: [] } };
  return db.school.findMany({ where, orderBy: [{ nameFi: "asc" }, { code: "asc" }] });
}

/** Rounds that have not ended (codes for an ended round could not sign in). */
export async function openRounds(today = helsinkiDay()) {
  const rounds = await db.round.findMany({ orderBy: [{ votingStart: "desc" }, { slug: "asc" }] });
  return rounds.filter((r) => !roundHasEnded(r, today));
}

/** The school with this code, when the user may act for it; 404 / 403 otherwise. */
export async function schoolForActor(actor: Actor, code: string) {
  const school = await db.school.findUnique({ where: { code } });
  if (!school) {
    // Staff learn nothing about other schools: unknown and foreign schools are both refused.
    if (actor.role === "staff") throw forbidden();
    throw new Response("Not found", { status: 404, statusText: "Not Found" });
  }
  if (!canActForSchool(actor, school.id)) throw forbidden();
  return school;
}

/** The pupil accounts issued for a school (and class level), newest first. */
export async function issuedPupils(schoolId: string, classLevel: number | null) {
  const pupils = await db.user.findMany({
    where: { role: "pupil", schoolId, ...(classLevel !== null ? { classLevel } : {}) },
    include: { round: true },
    orderBy: [{ createdAt: "desc" }, { displayName: "asc" }],
    take: 1000,
  });
  return pupils.map((p) => ({ id: p.id, pseudonym: p.displayName, classLevel: p.classLevel, round: p.round, revoked: p.codeRevokedAt !== null }));
}

export interface Slip {
  code: string;
  pseudonym: string;
}

/** Issues `count` codes (issueCodes) and returns them with the pseudonyms of their new accounts. */
export async function issueSheet(opts: { roundSlug: string; schoolCode: string; classLevel: number; count: number; actorId: string }): Promise<Slip[]> {
  const codes = await issueCodes(db, opts);
  const hashes = codes.map((c) => hashCode(normaliseCode(c) as string));
  const users = await db.user.findMany({ where: { codeHash: { in: hashes } }, select: { codeHash: true, displayName: true } });
  const pseudonyms = new Map(users.map((u) => [u.codeHash, u.displayName]));
  return codes.map((code, i) => ({ code, pseudonym: pseudonyms.get(hashes[i] as string) ?? "" }));
}

function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV download of a sheet: UTF-8 with a BOM (spreadsheets then read ä and å right). */
export function slipsCsv(slips: readonly Slip[], schoolCode: string, classLevel: number): string {
  const lines = ["code,pseudonym,school,class_level", ...slips.map((s) => [s.code, s.pseudonym, schoolCode, classLevel].map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * Revokes a pupil's code: the account can no longer sign in and its open sessions end, in one
 * transaction with the audit entry. Staff only for pupils of their own schools.
 */
export async function revokeCode(actor: Actor, userId: string) {
  const pupil = await db.user.findUnique({ where: { id: userId }, include: { school: true } });
  if (!pupil || pupil.role !== "pupil" || !pupil.schoolId || !pupil.school) {
    if (actor.role === "staff") throw forbidden();
    throw new Response("Not found", { status: 404, statusText: "Not Found" });
  }
  if (!canActForSchool(actor, pupil.schoolId)) throw forbidden();
  await db.$transaction(async (tx) => {
    if (!pupil.codeRevokedAt) await tx.user.update({ where: { id: pupil.id }, data: { codeRevokedAt: new Date() } });
    await tx.session.deleteMany({ where: { userId: pupil.id } });
    await appendAudit(tx, { actorId: actor.id, action: "codes.revoke", subjectType: "user", subjectId: pupil.id });
  });
  return { pseudonym: pupil.displayName, schoolCode: pupil.school.code, classLevel: pupil.classLevel };
}

const classLevel = z
  .number({ required_error: "codes.errors.classLevelInvalid", invalid_type_error: "codes.errors.classLevelInvalid" })
  .int("codes.errors.classLevelInvalid")
  .min(1, "codes.errors.classLevelInvalid")
  .max(12, "codes.errors.classLevelInvalid");

export const sheetFormSchema = z.object({
  round: z.string({ required_error: "codes.errors.roundInvalid" }),
  school: z.string({ required_error: "codes.errors.schoolInvalid" }),
  classLevel,
  count: z
    .number({ required_error: "codes.errors.countInvalid", invalid_type_error: "codes.errors.countInvalid" })
    .int("codes.errors.countInvalid")
    .min(1, "codes.errors.countInvalid")
    .max(MAX_CODES_PER_SHEET, "codes.errors.countInvalid"),
});

export const SHEET_FIELDS = ["round", "school", "classLevel", "count"] as const;

export interface SheetRequest {
  round: { id: string; slug: string; nameFi: string; nameSv: string; nameEn: string };
  school: { id: string; code: string; nameFi: string; nameSv: string; nameEn: string };
  classLevel: number;
  count: number;
}

/**
 * Reads the sheet form (round, school, class level, count). A school the user may not act for is
 * a 403 (thrown) whatever else is wrong; other problems come back as a form reply.
 */
export async function readSheetForm(actor: Actor, formData: FormData): Promise<{ ok: true; value: SheetRequest } | { ok: false; reply: FormReply }> {
  const schoolCode = formData.get("school");
  const school = typeof schoolCode === "string" && schoolCode ? await schoolForActor(actor, schoolCode) : null;
  const parsed = parseForm(formData, sheetFormSchema, SHEET_FIELDS);
  const reply: FormReply = parsed.ok ? { fieldErrors: {}, values: keptValues(formData, SHEET_FIELDS) } : parsed.reply;
  if (!school) reply.fieldErrors.school = { key: "codes.errors.schoolInvalid" };
  const roundSlug = formData.get("round");
  const round = typeof roundSlug === "string" && roundSlug ? (await openRounds()).find((r) => r.slug === roundSlug) : undefined;
  // A school round's codes are for that school's pupils only.
  if (!round || (round.scope === "school" && school && round.schoolId !== school.id)) reply.fieldErrors.round = { key: "codes.errors.roundInvalid" };
  if (!parsed.ok || !school || !round || Object.keys(reply.fieldErrors).length) return { ok: false, reply };
  return { ok: true, value: { round, school, classLevel: parsed.value.classLevel, count: parsed.value.count } };
}

