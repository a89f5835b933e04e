// Sign-in code sheets for staff (/codes): which schools and rounds a user may issue codes for, the
// pupil accounts already issued for a class, revoking a code, and the CSV of freshly issued codes.
// Codes exist in clear only in the response that issues them (codes.server.ts stores hashes).
import { z } from "zod";
import { hashCode, normaliseCode } from "~/features/access/codes";
import { helsinkiDay, roundHasEnded } from "~/features/rounds/phases";
import { canActCityWide, canActForSchool, schoolScope, type Actor } from "~/features/access/permissions";
import { localName } from "~/features/rounds/rounds";
import type { Locale } from "~/shared/catalog";
import { appendAudit } from "~/server/audit.server";
import { forbidden } from "~/features/access/guard.server";
import { db } from "~/server/db.server";
import { issueCodes } from "./codes.server";
import type { IssuedList, SheetView, Slip } from "./codes-ui";
import { keptValues, parseForm, replyTo, type FormReply } from "~/shared/forms";
import { csvCell } from "~/shared/csv-write";

export const MAX_CODES_PER_SHEET = 200;

/** The schools a user may issue codes for (`schoolScope`): staff their own, coordinators and admins all. */
export function schoolsFor(actor: Actor) {
  const scope = schoolScope(actor);
  return db.school.findMany({ where: scope === null ? {} : { id: { in: [...scope] } }, orderBy: [{ nameFi: "asc" }, { code: "asc" }] });
}

/** Not found for those who work city-wide; staff learn nothing about other schools, so 403 for them. */
function unknownFor(actor: Actor): Response {
  return canActCityWide(actor) ? new Response("Not found", { status: 404, statusText: "Not Found" }) : forbidden();
}

/** Rounds that have not ended (codes for an ended round could not sign in). */
export async function openRounds(today = helsinkiDay()) {
  const rounds = await db.round.findMany({ orderBy: [{ votingStart: "desc" }, { slug: "asc" }] });
  return rounds.filter((r) => !roundHasEnded(r, today));
}

/** The school with this code, when the user may act for it; 404 / 403 otherwise. */
export async function schoolForActor(actor: Actor, code: string) {
  const school = await db.school.findUnique({ where: { code } });
  // Staff learn nothing about other schools: unknown and foreign schools are both refused.
  if (!school) throw unknownFor(actor);
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

export type { Slip };

/** Issues `count` codes (issueCodes) and returns them with the pseudonyms of their new accounts. */
export async function issueSheet(opts: { roundSlug: string; schoolCode: string; classLevel: number; count: number; actorId: string }): Promise<Slip[]> {
  const codes = await issueCodes(db, opts);
  const hashes = codes.map((c) => hashCode(normaliseCode(c) as string));
  const users = await db.user.findMany({ where: { codeHash: { in: hashes } }, select: { codeHash: true, displayName: true } });
  const pseudonyms = new Map(users.map((u) => [u.codeHash, u.displayName]));
  return codes.map((code, i) => ({ code, pseudonym: pseudonyms.get(hashes[i] as string) ?? "" }));
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
  if (!pupil || pupil.role !== "pupil" || !pupil.schoolId || !pupil.school) throw unknownFor(actor);
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


function classLevelParam(value: string | null): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 && n <= 12 ? n : null;
}

/** The codes already issued for a school (and class level), as the page lists them. */
async function issuedList(actor: Actor, schoolCode: string | null, classLevel: number | null, locale: Locale): Promise<IssuedList | null> {
  if (!schoolCode) return null;
  const school = await schoolForActor(actor, schoolCode);
  const pupils = await issuedPupils(school.id, classLevel);
  return {
    school: school.code,
    classLevel,
    pupils: pupils.map((p) => ({ id: p.id, pseudonym: p.pseudonym, classLevel: p.classLevel, round: p.round ? localName(p.round, locale) : "", revoked: p.revoked })),
  };
}

/** What /codes shows: the schools and rounds to choose from, and the list of issued codes. */
export async function codesPage(actor: Actor, url: URL, locale: Locale) {
  const [schools, rounds] = await Promise.all([schoolsFor(actor), openRounds()]);
  const chosenSchool = url.searchParams.get("school") || schools[0]?.code || null;
  const classLevel = classLevelParam(url.searchParams.get("classLevel"));
  const list = await issuedList(actor, chosenSchool, classLevel, locale);
  const revokedId = url.searchParams.get("revoked");
  const revoked = revokedId ? (list?.pupils.find((p) => p.id === revokedId)?.pseudonym ?? null) : null;
  return {
    schools: schools.map((s) => ({ code: s.code, name: localName(s, locale) })),
    rounds: rounds.map((r) => ({ slug: r.slug, name: localName(r, locale) })),
    chosen: { school: chosenSchool, classLevel, round: url.searchParams.get("round") },
    list,
    revoked,
  };
}

/** Revokes the code of the form's pupil; answers where /codes goes next (the pupil's school and class). */
export async function revokeFromForm(actor: Actor, formData: FormData): Promise<string> {
  const userId = formData.get("userId");
  if (typeof userId !== "string" || !userId) throw new Response("Bad request", { status: 400 });
  const { schoolCode, classLevel } = await revokeCode(actor, userId);
  const params = new URLSearchParams({ school: schoolCode, revoked: userId });
  if (classLevel !== null) params.set("classLevel", String(classLevel));
  return `/codes?${params}`;
}

/** The form's reply with the printable sheet (null when refused) and the class's list of codes. */
export type SheetReply = FormReply & { sheet: SheetView | null; list: IssuedList | null };

/** Issues the sheet of the form; a refused form comes back as its reply (`ok: false`). */
export async function issueSheetFromForm(actor: Actor, formData: FormData, origin: string, locale: Locale): Promise<{ ok: boolean; reply: SheetReply }> {
  const form = await readSheetForm(actor, formData);
  if (!form.ok) return { ok: false, reply: { ...form.reply, sheet: null, list: null } };
  const { round, school, classLevel, count } = form.value;
  const slips = await issueSheet({ roundSlug: round.slug, schoolCode: school.code, classLevel, count, actorId: actor.id });
  const reply = replyTo(formData, [], [], {});
  reply.values = { round: round.slug, school: school.code, classLevel: String(classLevel), count: String(count) };
  return {
    ok: true,
    reply: {
      ...reply,
      sheet: {
        school: localName(school, locale),
        round: localName(round, locale),
        classLevel,
        url: `${origin}/login/code?school=${encodeURIComponent(school.code)}`,
        slips,
      },
      list: await issuedList(actor, school.code, classLevel, locale),
    },
  };
}
