// MPASSid claims → an OmaKoulu identity (docs/mpassid.md). PURE: no database, no framework, no clock
// of its own (the caller passes `today`). The server reads the claims (oidc.server.ts), calls
// `decideIdentity` with a register lookup, and maps every refusal reason to a translated page.
//
// Claims (MPASSid data model 1.4, as relying parties receive them over OpenID Connect; names are
// configurable through `ClaimNames`):
//   learner id  urn:oid:1.3.6.1.4.1.16161.1.1.27   the national learner number (oppijanumero); the
//                                                   stable key of a pupil. Sent for learners only.
//   user id     urn:mpass.id:uid                    the home organisation's user id (changes when the
//                                                   user moves to another registry); the key of staff.
//   schools     urn:mpass.id:schoolInfo             "code;name" or "OID;name", one or several values.
//   class level urn:mpass.id:classLevel             "7": comprehensive school only.
//   role        urn:mpass.id:role                   "municipality;school;group;role;roleCode", several.
//   provider    urn:mpass.id:educationProviderInfo  "OID;name" of the education provider (kept for audit).
// A multi-valued claim may arrive as an array or, with one value, as a plain string. Numbers are
// read as their decimal text. Values that do not parse are skipped, never guessed.
//
// Rules (the table in docs/mpassid.md is the same, in prose):
// 1. The school must be in the city's register (`register.schoolByCode`, or `schoolByOid` for an
//    "OID;name" value); schools outside it are ignored; none left → `unknown-school`.
//    No parsable schoolInfo value at all → `missing-school`.
// 2. Roles are read per school: a role value whose second field names one of the schoolInfo
//    schools applies to that school; role values naming no (listed) school apply to every school
//    (MPASSid's rule: one role delivered for several organisations applies to all of them).
//    Learner roles: code 1, or oppilas / opiskelija / oppija / elev / studerande / inlärare /
//    student / learner / pupil. Staff roles: codes 2–6, or opettaja / teacher / lärare,
//    sijaisopettaja / lärarvikarie / substitute teacher, rehtori / rektor / principal,
//    koulusihteeri / skolsekreterare / school secretary, hallintohenkilö / staff. Anything else
//    counts as no role. Case and surrounding spaces are ignored.
// 3. A learner role at a register school makes a pupil (even if the person is also staff
//    elsewhere); the learner id is then required (`missing-learner-id`; no fallback to uid, since
//    a uid changes when the pupil moves registry and would give a second account).
//    Pupils of an adult education centre (type 63) do not vote → `school-type-not-eligible`.
//    More than one eligible school → `needsSchoolChoice` with the schools as options; the pupil
//    picks one, once per round (the server stores the choice).
// 4. Otherwise a staff role at a register school makes a `teacher` identity: "staff of schools X,
//    Y". It grants nothing by itself: the server gives a staff account only for schools an admin
//    has linked (`staffSchoolsLinked`, refusal `teacher-school-not-linked`), never admin rights.
//    Staff are keyed by the uid (`missing-user-id` without it).
// 5. Otherwise → `no-eligible-role`.
//
// Class level of a pupil at a school, by the school's Statistics Finland type:
//   11, 12 comprehensive    classLevel claim 1–9; else the group's leading digits 1–9 ("7B" → 7);
//                           else unknown.
//   19 combined             classLevel claim 1–12 (1–9 comprehensive); else from the group: one
//                           leading digit 5–9 → that comprehensive level ("8C" → 8); one leading
//                           digit 1–4 → upper secondary study year ("2C" → year 2); two leading
//                           digits → the starting year ("24C" → started in autumn 2024); else
//                           unknown. MPASSid sends classLevel for comprehensive pupils only, so a
//                           combined school's pupil without it is an upper secondary student.
//   15 upper secondary,     classLevel claim 10–12 if a registry sends one; else the group: one
//   21 vocational           leading digit 1–4 → study year, two leading digits → starting year;
//                           else unknown.
// Study year → class level: year 1 → 10, year 2 → 11, year 3 or later → 12 (a fourth-year student
// votes with the final year). A starting year counts school years from 1 August: on 2026-03-01 a
// group "24A" is in its 2nd year (→ 11), on 2026-08-01 in its 3rd (→ 12). A computed study year
// outside 1–6 is not believed (unknown).
// An unknown class level never becomes a guess: `roundEligibility` refuses it (`class-level-unknown`;
// turnout is counted per class level), and the pupil uses a code from their teacher.

/** Claim names as the provider sends them; MPASSid's by default. */
export interface ClaimNames {
  learnerId: string;
  uid: string;
  schoolInfo: string;
  classLevel: string;
  role: string;
  educationProviderInfo: string;
}

export const MPASSID_CLAIMS: ClaimNames = {
  learnerId: "urn:oid:1.3.6.1.4.1.16161.1.1.27",
  uid: "urn:mpass.id:uid",
  schoolInfo: "urn:mpass.id:schoolInfo",
  classLevel: "urn:mpass.id:classLevel",
  role: "urn:mpass.id:role",
  educationProviderInfo: "urn:mpass.id:educationProviderInfo",
};

/** What the register tells about a school; the caller may return more (id, language, …). */
export interface RegisterSchool {
  /** Statistics Finland institution type: "11", "12", "15", "19", "21", "63". */
  type: string;
}

export interface SchoolRegister<S extends RegisterSchool> {
  schoolByCode(code: string): S | null;
  /** Schools delivered as "OID;name"; without it such schools count as outside the register. */
  schoolByOid?(oid: string): S | null;
}

export const STAFF_ROLES = ["teacher", "administrative", "school-secretary", "substitute-teacher", "principal"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type MpassRole = "learner" | StaffRole;

export type ClassLevelSource = "claim" | "group" | "study-year" | "start-year";

export interface PupilSchool<S extends RegisterSchool = RegisterSchool> {
  /** The identifier as the provider sent it: a school code, or an OID when `byOid`. */
  code: string;
  byOid: boolean;
  /** The name in the claim (informational; the register's name is what the UI shows). */
  claimName: string;
  school: S;
  classLevel: number | null;
  levelSource: ClassLevelSource | null;
  /** Study year 1… when it was derived (upper secondary, vocational), else null. */
  studyYear: number | null;
  group: string | null;
}

export interface EducationProvider {
  oid: string;
  name: string;
}

export interface PupilIdentity<S extends RegisterSchool = RegisterSchool> {
  kind: "pupil";
  learnerId: string;
  uid: string | null;
  /** One school, or the options when `needsSchoolChoice`. */
  schools: PupilSchool<S>[];
  needsSchoolChoice: boolean;
  /** Schools in the claims that are not in the register (for the audit log only). */
  outsideRegister: string[];
  educationProviders: EducationProvider[];
}

export interface StaffSchool<S extends RegisterSchool = RegisterSchool> {
  code: string;
  byOid: boolean;
  claimName: string;
  school: S;
  roles: StaffRole[];
}

export interface TeacherIdentity<S extends RegisterSchool = RegisterSchool> {
  kind: "teacher";
  uid: string;
  learnerId: string | null;
  /** The register schools where the person holds a staff role. */
  schools: StaffSchool<S>[];
  outsideRegister: string[];
  educationProviders: EducationProvider[];
}

/**
 * Why a school-account sign-in is refused; the server shows each on a translated page.
 * `teacher-school-not-linked`, `class-level-unknown`, `class-level-not-eligible` and
 * `school-choice-invalid` come from the helpers below, after the identity is decided.
 */
export const SIGNIN_REFUSALS = [
  "missing-learner-id",
  "missing-user-id",
  "missing-school",
  "unknown-school",
  "no-eligible-role",
  "school-type-not-eligible",
  "teacher-school-not-linked",
  "class-level-unknown",
  "class-level-not-eligible",
  "school-choice-invalid",
] as const;
export type SignInRefusal = (typeof SIGNIN_REFUSALS)[number];

export interface Refused {
  kind: "refused";
  reason: SignInRefusal;
  /** School identifiers involved (e.g. the unknown ones), for the audit log and the page. */
  schoolCodes: string[];
}

export type MpassIdentity<S extends RegisterSchool = RegisterSchool> = PupilIdentity<S> | TeacherIdentity<S> | Refused;

export interface DecideOptions {
  claimNames?: Partial<ClaimNames>;
  /** Today, for starting-year groups; only its calendar date (UTC) is read. */
  today?: Date;
}

// ---------------------------------------------------------------------------------------------
// Claim reading

/** The values of a possibly multi-valued claim: strings (trimmed, non-empty) and finite numbers. */
export function claimValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === "string") {
      const v = item.trim();
      if (v) out.push(v);
    } else if (typeof item === "number" && Number.isFinite(item)) {
      out.push(String(item));
    }
  }
  return out;
}

/** A single-valued claim: its one value, or null when absent, empty or ambiguous (several differing values). */
export function singleClaim(value: unknown): string | null {
  const values = [...new Set(claimValues(value))];
  return values.length === 1 ? (values[0] ?? null) : null;
}

const OID = /^[0-2](\.(0|[1-9]\d*))+$/;
const SCHOOL_CODE = /^[A-Za-z0-9_-]{1,40}$/;

export interface SchoolInfo {
  code: string;
  byOid: boolean;
  name: string;
}

/** "code;name" or "OID;name" (the name may be missing); null when the identifier is malformed. */
export function parseSchoolInfo(value: string): SchoolInfo | null {
  const at = value.indexOf(";");
  const id = (at === -1 ? value : value.slice(0, at)).trim();
  const name = at === -1 ? "" : value.slice(at + 1).trim();
  if (OID.test(id)) return { code: id, byOid: true, name };
  if (SCHOOL_CODE.test(id)) return { code: id, byOid: false, name };
  return null;
}

export interface RoleValue {
  /** The school field (code or OID), or null when empty. */
  school: string | null;
  group: string | null;
  role: MpassRole | null;
  /** The role text as sent, for the audit log. */
  roleText: string;
}

const ROLE_CODES: Record<string, MpassRole> = {
  "1": "learner",
  "2": "teacher",
  "3": "administrative",
  "4": "school-secretary",
  "5": "substitute-teacher",
  "6": "principal",
};

const ROLE_WORDS: Record<string, MpassRole> = {
  oppilas: "learner",
  opiskelija: "learner",
  oppija: "learner",
  elev: "learner",
  studerande: "learner",
  "inlärare": "learner",
  student: "learner",
  learner: "learner",
  pupil: "learner",
  opettaja: "teacher",
  teacher: "teacher",
  "lärare": "teacher",
  sijaisopettaja: "substitute-teacher",
  "lärarvikarie": "substitute-teacher",
  "substitute teacher": "substitute-teacher",
  rehtori: "principal",
  rektor: "principal",
  principal: "principal",
  koulusihteeri: "school-secretary",
  skolsekreterare: "school-secretary",
  "school secretary": "school-secretary",
  "hallintohenkilö": "administrative",
  staff: "administrative",
};

/** The role of a role text or role code; null when unknown. */
export function roleOf(text: string, code?: string): MpassRole | null {
  const byCode = code ? ROLE_CODES[code.trim()] : undefined;
  if (byCode) return byCode;
  return ROLE_WORDS[text.trim().toLowerCase()] ?? null;
}

/** "municipality;school;group;role;roleCode" (later fields optional); a value without ";" is a bare role. */
export function parseRole(value: string): RoleValue {
  if (!value.includes(";")) return { school: null, group: null, role: roleOf(value), roleText: value.trim() };
  const fields = value.split(";").map((f) => f.trim());
  const school = fields[1] || null;
  const group = fields[2] || null;
  const roleText = fields[3] ?? "";
  return { school, group, role: roleOf(roleText, fields[4]), roleText };
}

/** "OID;name" of the education provider. */
export function parseEducationProvider(value: string): EducationProvider | null {
  const at = value.indexOf(";");
  const oid = (at === -1 ? value : value.slice(0, at)).trim();
  if (!OID.test(oid)) return null;
  return { oid, name: at === -1 ? "" : value.slice(at + 1).trim() };
}

/** A whole number in [min, max] written as plain digits (or a number claim), else null. */
function intIn(text: string | null, min: number, max: number): number | null {
  if (text === null || !/^\d{1,2}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Class levels and study years

/** 1 → 10, 2 → 11, 3 or more → 12. */
export function studyYearToClassLevel(studyYear: number): number {
  return Math.min(12, 9 + Math.max(1, studyYear));
}

/** The school year a day belongs to, by its starting calendar year (school years start on 1 August). */
export function schoolYearStart(today: Date): number {
  return today.getUTCMonth() >= 7 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
}

/** Study year of a group that started in autumn 20YY; null when outside 1–6. */
export function studyYearFromStart(twoDigitYear: number, today: Date): number | null {
  const year = schoolYearStart(today) - (2000 + twoDigitYear) + 1;
  return year >= 1 && year <= 6 ? year : null;
}

interface Level {
  classLevel: number | null;
  levelSource: ClassLevelSource | null;
  studyYear: number | null;
}

const UNKNOWN: Level = { classLevel: null, levelSource: null, studyYear: null };

function fromStudyYear(studyYear: number | null, source: ClassLevelSource): Level {
  return studyYear === null ? UNKNOWN : { classLevel: studyYearToClassLevel(studyYear), levelSource: source, studyYear };
}

/** The upper secondary / vocational reading of a group: "2A" → study year 2, "24A" → started 2024. */
function studyYearOfGroup(digits: string, today: Date): Level {
  if (digits.length === 1) return fromStudyYear(intIn(digits, 1, 4), "study-year");
  if (digits.length === 2) return fromStudyYear(studyYearFromStart(Number(digits), today), "start-year");
  return UNKNOWN;
}

/** The class level of a pupil at a school of `type`, from the classLevel claim and the group. */
export function classLevelFor(type: string, claimLevel: string | null, group: string | null, today: Date): Level {
  const digits = /^\d+/.exec(group ?? "")?.[0] ?? "";
  switch (type) {
    case "11":
    case "12": {
      const claimed = intIn(claimLevel, 1, 9);
      if (claimed !== null) return { classLevel: claimed, levelSource: "claim", studyYear: null };
      const grouped = digits.length <= 2 ? intIn(digits, 1, 9) : null;
      return grouped === null ? UNKNOWN : { classLevel: grouped, levelSource: "group", studyYear: null };
    }
    case "19": {
      const claimed = intIn(claimLevel, 1, 12);
      if (claimed !== null) return { classLevel: claimed, levelSource: "claim", studyYear: null };
      if (digits.length === 1) {
        const comprehensive = intIn(digits, 5, 9);
        if (comprehensive !== null) return { classLevel: comprehensive, levelSource: "group", studyYear: null };
      }
      return studyYearOfGroup(digits, today);
    }
    case "15":
    case "21": {
      const claimed = intIn(claimLevel, 10, 12);
      if (claimed !== null) return { classLevel: claimed, levelSource: "claim", studyYear: null };
      return studyYearOfGroup(digits, today);
    }
    default:
      return UNKNOWN;
  }
}

// ---------------------------------------------------------------------------------------------
// The decision

/** School types whose pupils and students vote. */
const VOTING_TYPES = new Set(["11", "12", "15", "19", "21"]);

/**
 * Decides who signed in: a pupil (with one school or the options to choose from), staff of some
 * register schools, or a refusal with a reason code. See the module header for the rules.
 */
export function decideIdentity<S extends RegisterSchool>(
  claims: Record<string, unknown>,
  register: SchoolRegister<S>,
  options: DecideOptions = {},
): MpassIdentity<S> {
  const names = { ...MPASSID_CLAIMS, ...options.claimNames };
  const today = options.today ?? new Date();
  const refuse = (reason: SignInRefusal, schoolCodes: string[] = []): Refused => ({ kind: "refused", reason, schoolCodes });

  // Schools, deduplicated by identifier.
  const infos = new Map<string, SchoolInfo>();
  for (const value of claimValues(claims[names.schoolInfo])) {
    const info = parseSchoolInfo(value);
    if (info && !infos.has(info.code)) infos.set(info.code, info);
  }
  if (!infos.size) return refuse("missing-school");

  const known: { info: SchoolInfo; school: S }[] = [];
  const outsideRegister: string[] = [];
  for (const info of infos.values()) {
    const school = info.byOid ? (register.schoolByOid?.(info.code) ?? null) : register.schoolByCode(info.code);
    if (school) known.push({ info, school });
    else outsideRegister.push(info.code);
  }
  if (!known.length) return refuse("unknown-school", outsideRegister);

  // Roles per school: by the school field, else those naming no listed school apply to all.
  const roles = claimValues(claims[names.role]).map(parseRole);
  const unattached = roles.filter((r) => r.school === null || !infos.has(r.school));
  const rolesAt = (code: string) => [...roles.filter((r) => r.school === code), ...unattached];

  const learnerId = singleClaim(claims[names.learnerId]);
  const uid = singleClaim(claims[names.uid]);
  const educationProviders = claimValues(claims[names.educationProviderInfo])
    .map(parseEducationProvider)
    .filter((p): p is EducationProvider => p !== null);

  // Pupil?
  const learnerSchools = known.filter(({ info }) => rolesAt(info.code).some((r) => r.role === "learner"));
  if (learnerSchools.length) {
    if (!learnerId) return refuse("missing-learner-id");
    const voting = learnerSchools.filter(({ school }) => VOTING_TYPES.has(school.type));
    if (!voting.length) return refuse("school-type-not-eligible", learnerSchools.map(({ info }) => info.code));
    const claimLevel = singleClaim(claims[names.classLevel]);
    const schools = voting.map(({ info, school }): PupilSchool<S> => {
      const group = rolesAt(info.code).find((r) => r.role === "learner" && r.group)?.group ?? null;
      return { code: info.code, byOid: info.byOid, claimName: info.name, school, group, ...classLevelFor(school.type, claimLevel, group, today) };
    });
    return { kind: "pupil", learnerId, uid, schools, needsSchoolChoice: schools.length > 1, outsideRegister, educationProviders };
  }

  // Staff?
  const staffSchools: StaffSchool<S>[] = [];
  for (const { info, school } of known) {
    const staffRoles = [...new Set(rolesAt(info.code).flatMap((r) => (r.role && r.role !== "learner" ? [r.role] : [])))];
    if (staffRoles.length) staffSchools.push({ code: info.code, byOid: info.byOid, claimName: info.name, school, roles: staffRoles });
  }
  if (staffSchools.length) {
    if (!uid) return refuse("missing-user-id");
    return { kind: "teacher", uid, learnerId, schools: staffSchools, outsideRegister, educationProviders };
  }
  return refuse("no-eligible-role", known.map(({ info }) => info.code));
}

// ---------------------------------------------------------------------------------------------
// After the decision

/** The pupil with the one school they picked; a refusal when it is not one of their options. */
export function chooseSchool<S extends RegisterSchool>(identity: PupilIdentity<S>, code: string): PupilIdentity<S> | Refused {
  const school = identity.schools.find((s) => s.code === code);
  if (!school) return { kind: "refused", reason: "school-choice-invalid", schoolCodes: [code] };
  return { ...identity, schools: [school], needsSchoolChoice: false };
}

export type RoundEligibility =
  | { ok: true; classLevel: number }
  | { ok: false; reason: "class-level-unknown" | "class-level-not-eligible" };


/**
 * May a pupil at this school vote in a round that lists `roundLevels`? A known class level must be
 * listed. An unknown one never votes with the school account (`class-level-unknown`): turnout is
 * counted against enrolment per class level, so a pupil without one would be counted nowhere; such
 * a pupil uses a code from their teacher, which carries the class level.
 */
export function roundEligibility(school: Pick<PupilSchool, "classLevel">, roundLevels: readonly number[]): RoundEligibility {
  if (school.classLevel === null) return { ok: false, reason: "class-level-unknown" };
  return roundLevels.includes(school.classLevel) ? { ok: true, classLevel: school.classLevel } : { ok: false, reason: "class-level-not-eligible" };
}

/**
 * Staff sign-in: the schools of the identity that an admin has linked to school-account sign-in
 * (by register code). None → `teacher-school-not-linked`. Never grants more than staff of those.
 */
export function staffSchoolsLinked<S extends RegisterSchool>(
  identity: TeacherIdentity<S>,
  isLinked: (school: StaffSchool<S>) => boolean,
): { ok: true; schools: StaffSchool<S>[] } | Refused {
  const schools = identity.schools.filter(isLinked);
  if (!schools.length) return { kind: "refused", reason: "teacher-school-not-linked", schoolCodes: identity.schools.map((s) => s.code) };
  return { ok: true, schools };
}
