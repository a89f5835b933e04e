// Sign-in with the school account, end to end (docs/mpassid.md). The protocol is
// access/oidc.server.ts, the claim rules access/mpass.ts; this module turns a verified identity into
// an OmaKoulu account and a session. It lives in `voting` because a pupil joins a round here.
//
// - Nothing is written unless the sign-in succeeds: every failure and refusal only goes to the
//   server log (reason and school codes, never claims) and to a translated page.
// - Pupils: one account per person across rounds, keyed by the HMAC of the learner id
//   (`User.identityKey`). At each sign-in the account joins the open round of its school (the
//   earliest one when several are open); a pupil with two schools picks one, once per round. With
//   no round to join, an existing account still signs in to follow its earlier round (read-only).
// - Teachers: a staff account only for schools an admin has switched on (`School.staffSchoolSignIn`),
//   never more than staff rights; an existing account keeps the role an admin gave it.
// - A pupil signed in with a code who then signs in with the school account links the code to the
//   account (`User.personId`): both vote as one person, and the unique participation per round
//   makes the database refuse a second vote.
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import type { Locale } from "~/shared/catalog";
import accessStrings, { type SchoolSignInProblemKey } from "~/features/access/strings";
import {
  beginSignIn,
  finishSignIn,
  OIDC_FAILURE_STATUS,
  TRANSACTION_MAX_AGE_SECONDS,
  safeReturnTo,
  type OidcFailure,
  type OidcProviderConfig,
  type SignedIn,
} from "~/features/access/oidc.server";
import { decideIdentity, roundEligibility, staffSchoolsLinked, type SignInRefusal } from "~/features/access/mpass";
import { identityKey, staffIdentityKey } from "~/features/access/identity.server";
import { startSession, type SessionUser } from "~/features/access/auth.server";
import { helsinkiDay, parseClassLevels, phaseOn, roundHasEnded } from "~/features/rounds/phases";
import { appendAudit } from "~/server/audit.server";
import { db, retryWhenBusy, type Tx } from "~/server/db.server";
import { env } from "~/server/env.server";
import { pupilPseudonym } from "./codes.server";

export type SchoolSignInProblem = OidcFailure | SignInRefusal | "no-open-round" | "account-disabled" | "voted-with-code-and-account";
// Every problem has its page text (access/strings.ts), and every text a problem.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const problemsHaveTexts: Same<SchoolSignInProblem, SchoolSignInProblemKey> = true;
void problemsHaveTexts;

const REFUSAL_STATUS: Record<SignInRefusal | "no-open-round" | "account-disabled" | "voted-with-code-and-account", number> = {
  "missing-learner-id": 403,
  "missing-user-id": 403,
  "missing-school": 403,
  "unknown-school": 403,
  "no-eligible-role": 403,
  "school-type-not-eligible": 403,
  "teacher-school-not-linked": 403,
  "class-level-unknown": 403,
  "class-level-not-eligible": 403,
  "school-choice-invalid": 400,
  "no-open-round": 403,
  "account-disabled": 403,
  "voted-with-code-and-account": 409,
};

export function isSchoolSignInProblem(value: unknown): value is SchoolSignInProblem {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(accessStrings.en.schoolSignIn.problems, value);
}

export function problemStatus(problem: SchoolSignInProblem): number {
  return problem in OIDC_FAILURE_STATUS ? OIDC_FAILURE_STATUS[problem as OidcFailure] : REFUSAL_STATUS[problem as keyof typeof REFUSAL_STATUS];
}

/** What a route does next: go somewhere (with cookies), or show a problem page with its status. */
export type SchoolSignInStep =
  | { kind: "redirect"; to: string; headers: Headers }
  | { kind: "problem"; problem: SchoolSignInProblem; status: number; headers: Headers; returnTo: string };

// ---------------------------------------------------------------------------------------------
// Providers and cookies

/** The configured providers, for the buttons on the sign-in pages. */
export function schoolSignInButtons(locale: Locale, { link = false } = {}): { id: string; href: string; label: string | null }[] {
  const providers = env().oidcProviders;
  return providers.map((p) => {
    const query = new URLSearchParams();
    if (providers.length > 1) query.set("provider", p.id);
    if (link) query.set("link", "1");
    return { id: p.id, href: `/login/school${query.size ? `?${query}` : ""}`, label: p.label[locale] ?? null };
  });
}

/** The provider named in the URL; with one provider the id may be left out. */
export function providerById(id: string | null | undefined): OidcProviderConfig | null {
  const providers = env().oidcProviders;
  if (!id) return providers.length === 1 ? (providers[0] ?? null) : null;
  return providers.find((p) => p.id === id) ?? null;
}

const cookieOptions = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/login/school",
  maxAge: TRANSACTION_MAX_AGE_SECONDS,
  secure: env().secureCookies,
  secrets: env().sessionSecrets,
});

/** state, nonce and PKCE verifier between the button and the callback (signed, 10 minutes). */
const transactionCookie = createCookie("omakoulu_oidc", cookieOptions());
/** A verified pupil who still has to pick one of their schools (signed, 10 minutes). */
const choiceCookie = createCookie("omakoulu_school_choice", cookieOptions());
/**
 * The code account that asked, on its account page, to be linked to the school account about to
 * sign in. Linking happens only then: on a shared school computer the previous pupil's forgotten
 * code session must never be joined to the next pupil's school account.
 */
const linkCookie = createCookie("omakoulu_link", cookieOptions());

const choiceSchema = z.object({
  v: z.literal(1),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  options: z.array(z.object({ schoolId: z.string(), classLevel: z.number().int().nullable() })).min(2).max(20),
  /** The code account to link (see linkCookie), when the sign-in started from its account page. */
  linkCodeOf: z.string().nullable(),
  returnTo: z.string(),
  issuedAt: z.number().int(),
});
type PendingChoice = z.infer<typeof choiceSchema>;

function clearing(...cookies: (typeof transactionCookie)[]): Promise<Headers> {
  return Promise.all(cookies.map((c) => c.serialize("", { maxAge: 0 }))).then((values) => {
    const headers = new Headers();
    for (const v of values) headers.append("Set-Cookie", v);
    return headers;
  });
}

function problem(kind: SchoolSignInProblem, headers: Headers, returnTo = "/", detail = ""): SchoolSignInStep {
  // The server log gets the reason (and the provider's own words for protocol failures), never claims.
  console.warn(`school sign-in refused: ${kind}${detail ? ` (${detail})` : ""}`);
  return { kind: "problem", problem: kind, status: problemStatus(kind), headers, returnTo };
}

// ---------------------------------------------------------------------------------------------
// The button: off to the provider

export async function startSchoolSignIn(provider: OidcProviderConfig, returnTo: string | null, locale: Locale, linkCodeOf: SessionUser | null = null): Promise<SchoolSignInStep> {
  const begun = await beginSignIn(provider, returnTo, { locale });
  if (!begun.ok) return problem(begun.failure, new Headers(), begun.returnTo, begun.detail);
  const headers = new Headers();
  headers.append("Set-Cookie", await transactionCookie.serialize(begun.cookieValue, { maxAge: begun.maxAge }));
  const linkable = linkCodeOf && (await canLinkSchoolAccount(linkCodeOf));
  headers.append("Set-Cookie", linkable ? await linkCookie.serialize({ userId: linkCodeOf.id }) : await linkCookie.serialize("", { maxAge: 0 }));
  return { kind: "redirect", to: begun.redirectUrl, headers };
}

// ---------------------------------------------------------------------------------------------
// The callback

export async function schoolSignInCallback(request: Request, provider: OidcProviderConfig, current: SessionUser | null): Promise<SchoolSignInStep> {
  const headers = await clearing(transactionCookie, linkCookie);
  const cookies = request.headers.get("Cookie");
  const transaction: unknown = await transactionCookie.parse(cookies);
  const signedIn = await finishSignIn(provider, request.url, transaction);
  if (!signedIn.ok) return problem(signedIn.failure, headers, signedIn.returnTo, signedIn.detail);
  const link: unknown = await linkCookie.parse(cookies);
  const linkCode = current && typeof link === "object" && link !== null && (link as { userId?: unknown }).userId === current.id ? current : null;
  return decideAndSignIn(signedIn, provider, linkCode, headers);
}

interface RegisterRow {
  id: string;
  code: string;
  type: string;
  staffSchoolSignIn: boolean;
}

/** `current`: the code account to link, if the sign-in began with its explicit request (linkCookie). */
async function decideAndSignIn(signedIn: SignedIn, provider: OidcProviderConfig, current: SessionUser | null, headers: Headers): Promise<SchoolSignInStep> {
  const schools = await db.school.findMany({ select: { id: true, code: true, type: true, staffSchoolSignIn: true } });
  const byCode = new Map<string, RegisterRow>(schools.map((s) => [s.code, s]));
  const identity = decideIdentity(signedIn.claims, { schoolByCode: (code) => byCode.get(code) ?? null }, { claimNames: provider.claimNames });
  const back = signedIn.returnTo;

  if (identity.kind === "refused") return problem(identity.reason, headers, back, identity.schoolCodes.join(","));

  if (identity.kind === "teacher") {
    const linked = staffSchoolsLinked(identity, (s) => s.school.staffSchoolSignIn);
    if ("kind" in linked) return problem(linked.reason, headers, back, linked.schoolCodes.join(","));
    const name = [signedIn.claims.given_name, signedIn.claims.family_name].filter((v): v is string => typeof v === "string" && v.trim() !== "").join(" ");
    const key = staffIdentityKey(signedIn.issuer, identity.uid, env().identitySecret);
    const result = await signInStaff(key, name, linked.schools.map((s) => s.school.id), provider.id);
    if (!result.ok) return problem(result.problem, headers, back);
    headers.append("Set-Cookie", await startSession(result.userId));
    return { kind: "redirect", to: back === "/" ? "/account" : back, headers };
  }

  const key = identityKey(identity.learnerId, env().identitySecret);
  const options = identity.schools.map((s) => ({ schoolId: s.school.id, classLevel: s.classLevel }));
  if (identity.needsSchoolChoice) {
    // Once per round: a pupil who already picked a school for an open round is not asked again.
    const existing = await db.user.findUnique({ where: { identityKey: key }, include: { round: true } });
    const picked = existing?.round && !roundHasEnded(existing.round, helsinkiDay()) ? options.find((o) => o.schoolId === existing.schoolId) : undefined;
    if (!picked) {
      const pending: PendingChoice = { v: 1, key, options, linkCodeOf: current?.id ?? null, returnTo: back, issuedAt: Math.floor(Date.now() / 1000) };
      headers.append("Set-Cookie", await choiceCookie.serialize(pending));
      return { kind: "redirect", to: "/login/school/choose", headers };
    }
    return finishPupil(key, picked, current, headers, back, provider.id);
  }
  return finishPupil(key, options[0] as PendingChoice["options"][number], current, headers, back, provider.id);
}

async function finishPupil(
  key: string,
  option: { schoolId: string; classLevel: number | null },
  current: SessionUser | null,
  headers: Headers,
  back: string,
  providerId: string,
): Promise<SchoolSignInStep> {
  const result = await signInPupil(key, option, current, providerId);
  if (!result.ok) return problem(result.problem, headers, back);
  headers.append("Set-Cookie", await startSession(result.userId));
  return { kind: "redirect", to: back === "/" ? "/account" : back, headers };
}

// ---------------------------------------------------------------------------------------------
// The school choice page

export interface SchoolChoice {
  options: { code: string; nameFi: string; nameSv: string; nameEn: string; classLevel: number | null }[];
}

async function readChoice(request: Request): Promise<PendingChoice | null> {
  const parsed = choiceSchema.safeParse(await choiceCookie.parse(request.headers.get("Cookie")));
  if (!parsed.success) return null;
  const age = Math.floor(Date.now() / 1000) - parsed.data.issuedAt;
  return age >= 0 && age <= TRANSACTION_MAX_AGE_SECONDS ? parsed.data : null;
}

export async function loadSchoolChoice(request: Request): Promise<SchoolChoice | SchoolSignInStep> {
  const pending = await readChoice(request);
  // Not logged: a stale or bookmarked choice page is no sign-in attempt (the POST is logged).
  if (!pending) return { kind: "problem", problem: "transaction-missing", status: 400, headers: await clearing(choiceCookie), returnTo: "/" };
  const schools = await db.school.findMany({ where: { id: { in: pending.options.map((o) => o.schoolId) } } });
  return {
    options: pending.options.flatMap((o) => {
      const s = schools.find((x) => x.id === o.schoolId);
      return s ? [{ code: s.code, nameFi: s.nameFi, nameSv: s.nameSv, nameEn: s.nameEn, classLevel: o.classLevel }] : [];
    }),
  };
}

/** The pupil picked `schoolCode`: null when nothing was picked (the page asks again). */
export async function chooseSchoolFor(request: Request, schoolCode: string | null, current: SessionUser | null): Promise<SchoolSignInStep | null> {
  const pending = await readChoice(request);
  const headers = await clearing(choiceCookie);
  if (!pending) return problem("transaction-missing", headers);
  if (!schoolCode) return null;
  const school = await db.school.findUnique({ where: { code: schoolCode }, select: { id: true } });
  const option = school ? pending.options.find((o) => o.schoolId === school.id) : undefined;
  if (!option) return problem("school-choice-invalid", headers, pending.returnTo);
  const linkCode = current && pending.linkCodeOf === current.id ? current : null;
  return finishPupil(pending.key, option, linkCode, headers, pending.returnTo, "choice");
}

// ---------------------------------------------------------------------------------------------
// Accounts

type AccountResult = { ok: true; userId: string } | { ok: false; problem: SchoolSignInProblem };

class Refusal extends Error {
  constructor(readonly problem: SchoolSignInProblem) {
    super(problem);
  }
}

/** The rounds a pupil of this school can take part in today, earliest first. */
async function openRoundsFor(schoolId: string, today: string) {
  const rounds = await db.round.findMany({ orderBy: { proposalsStart: "asc" } });
  return rounds.filter((r) => phaseOn(r, today) !== "upcoming" && !roundHasEnded(r, today) && (r.scope !== "school" || r.schoolId === schoolId));
}

async function signInPupil(key: string, option: { schoolId: string; classLevel: number | null }, current: SessionUser | null, providerId: string): Promise<AccountResult> {
  const today = helsinkiDay();
  const open = await openRoundsFor(option.schoolId, today);
  const verdicts = open.map((round) => ({ round, verdict: roundEligibility(option, parseClassLevels(round.classLevels)) }));
  const eligible = verdicts.filter((v) => v.verdict.ok);
  const first = eligible[0];
  if (!first) {
    // No round to join: a pupil who has an account comes back to follow their earlier round
    // (read-only: proposing and voting check their own phases); anybody else is told why.
    const existing = await db.user.findUnique({ where: { identityKey: key } });
    if (existing?.disabledAt) return { ok: false, problem: "account-disabled" };
    if (existing) {
      await appendAudit(db, { actorId: existing.id, action: "signin.school", subjectType: "user", subjectId: existing.id, detail: { provider: providerId, followUp: true } });
      return { ok: true, userId: existing.id };
    }
    const reason = verdicts[0]?.verdict;
    return { ok: false, problem: reason && !reason.ok ? reason.reason : "no-open-round" };
  }
  const classLevel = option.classLevel as number;
  return accountTransaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { identityKey: key } });
    if (existing?.disabledAt) throw new Refusal("account-disabled");
    // Stay in the round already joined while it is open and eligible; else the earliest.
    const round = eligible.find((e) => e.round.id === existing?.roundId)?.round ?? first.round;
    let user = existing;
    if (!user) {
      user = await tx.user.create({
        data: { role: "pupil", identityKey: key, displayName: pupilPseudonym(classLevel), roundId: round.id, schoolId: option.schoolId, classLevel },
      });
      await appendAudit(tx, { actorId: user.id, action: "pupil.school-account.created", subjectType: "user", subjectId: user.id, detail: { provider: providerId } });
    } else if (user.roundId !== round.id || user.schoolId !== option.schoolId || user.classLevel !== classLevel) {
      user = await tx.user.update({
        where: { id: user.id },
        data: { roundId: round.id, schoolId: option.schoolId, classLevel, displayName: user.classLevel === classLevel ? user.displayName : pupilPseudonym(classLevel) },
      });
    }
    if (current?.role === "pupil" && current.id !== user.id) await linkCodeToPerson(tx, current.id, user.id, round.id);
    await appendAudit(tx, { actorId: user.id, action: "signin.school", subjectType: "user", subjectId: user.id, detail: { provider: providerId } });
    return user.id;
  });
}

/** One account transaction (retried when SQLite is busy); a Refusal thrown inside writes nothing. */
async function accountTransaction(work: (tx: Tx) => Promise<string>): Promise<AccountResult> {
  try {
    return { ok: true, userId: await retryWhenBusy(() => db.$transaction(work)) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem };
    throw error;
  }
}

/**
 * Links a code account (signed in in the same browser) to the school account of the same pupil, in
 * the caller's transaction. Its vote, if any, becomes the person's; when both have voted in the
 * round the link is refused (the unique participation per round would be broken) and nothing is
 * written. Codes of other rounds, already linked codes and school accounts are left alone.
 */
export async function linkCodeToPerson(tx: Tx, codeUserId: string, personId: string, roundId: string): Promise<void> {
  const code = await tx.user.findUnique({ where: { id: codeUserId } });
  if (!code || code.role !== "pupil" || !code.codeHash || code.roundId !== roundId || code.personId) return;
  const [codeVote, personVote] = await Promise.all([
    tx.participation.findUnique({ where: { roundId_userId: { roundId, userId: codeUserId } } }),
    tx.participation.findUnique({ where: { roundId_userId: { roundId, userId: personId } } }),
  ]);
  if (codeVote && personVote) throw new Refusal("voted-with-code-and-account");
  // The participation moves to the person; its id (and so the ballots' voter key) stays.
  if (codeVote) await tx.participation.update({ where: { id: codeVote.id }, data: { userId: personId } });
  await tx.user.update({ where: { id: codeUserId }, data: { personId } });
  await appendAudit(tx, { actorId: personId, action: "pupil.code-linked", subjectType: "user", subjectId: codeUserId });
}

/** A pupil signed in with a code not yet linked to a school account (the account page offers it). */
export async function canLinkSchoolAccount(user: SessionUser): Promise<boolean> {
  if (user.role !== "pupil" || user.voterId !== user.id || !env().oidcProviders.length) return false;
  const row = await db.user.findUnique({ where: { id: user.id }, select: { codeHash: true } });
  return Boolean(row?.codeHash);
}

async function signInStaff(key: string, name: string, schoolIds: string[], providerId: string): Promise<AccountResult> {
  return accountTransaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { identityKey: key }, include: { schools: true } });
    if (user?.disabledAt) throw new Refusal("account-disabled");
    if (!user) {
      const created = await tx.user.create({
        data: { role: "staff", identityKey: key, displayName: name || "—", schools: { create: schoolIds.map((schoolId) => ({ schoolId })) } },
      });
      await appendAudit(tx, { actorId: created.id, action: "staff.school-account.created", subjectType: "user", subjectId: created.id, detail: { provider: providerId, schools: schoolIds.length } });
      return created.id;
    }
    // Schools an admin switched on since the last sign-in are added; none are taken away here.
    const missing = schoolIds.filter((id) => !user.schools.some((s) => s.schoolId === id));
    for (const schoolId of missing) await tx.staffSchool.create({ data: { userId: user.id, schoolId } });
    await appendAudit(tx, { actorId: user.id, action: "signin.school", subjectType: "user", subjectId: user.id, detail: { provider: providerId } });
    return user.id;
  });
}

export { safeReturnTo };
