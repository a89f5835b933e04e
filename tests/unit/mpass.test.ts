// MPASSid claims → identity (app/features/access/mpass.ts): every fixture person of the development
// provider, malformed claims, the class level and study year rules, and the helpers after the
// decision. The tables here are the ones in docs/mpassid.md.
import { describe, expect, it } from "vitest";
import {
  chooseSchool,
  classLevelFor,
  claimValues,
  decideIdentity,
  MPASSID_CLAIMS as C,
  parseRole,
  parseSchoolInfo,
  roundEligibility,
  schoolYearStart,
  singleClaim,
  staffSchoolsLinked,
  studyYearFromStart,
  studyYearToClassLevel,
  type MpassIdentity,
  type PupilIdentity,
  type TeacherIdentity,
} from "~/features/access/mpass";
import { identityKey, staffIdentityKey } from "~/features/access/identity.server";
import { DEMO_SCHOOLS } from "~/cli/demo-data";
import { FIXTURE_PEOPLE } from "../support/idp-people";

interface School {
  code: string;
  type: string;
}
const schools = new Map<string, School>([
  ...DEMO_SCHOOLS.map((s): [string, School] => [s.code, { code: s.code, type: s.type }]),
  ["00801", { code: "00801", type: "12" }],
  ["00901", { code: "00901", type: "63" }],
]);
const byOid = new Map<string, School>([["1.2.246.562.10.12345678901", { code: "00501", type: "11" }]]);
const register = { schoolByCode: (code: string) => schools.get(code) ?? null };
const registerWithOids = { ...register, schoolByOid: (oid: string) => byOid.get(oid) ?? null };

const SPRING = new Date("2026-03-01T12:00:00Z");
const AUTUMN = new Date("2026-08-15T12:00:00Z");

/** A compact, readable outcome: "pupil 00501:7/claim", "choose a:…,b:…", "teacher 00501[teacher]", "refused reason". */
function summary(identity: MpassIdentity<School>): string {
  if (identity.kind === "refused") return `refused ${identity.reason}`;
  if (identity.kind === "teacher") return `teacher ${identity.schools.map((s) => `${s.code}[${s.roles.join("+")}]`).join(",")}`;
  const list = identity.schools.map((s) => `${s.code}:${s.classLevel ?? "-"}/${s.levelSource ?? "-"}`).join(",");
  return `${identity.needsSchoolChoice ? "choose" : "pupil"} ${list}`;
}

const decide = (claims: Record<string, unknown>, today = SPRING, reg: typeof register = register) => summary(decideIdentity(claims, reg, { today }));

describe("the fixture people of the development provider", () => {
  const expected: Record<string, string> = {
    "oppilas-7b": "pupil 00501:7/claim",
    lukiolainen: "pupil 00104:11/study-year",
    "elev-sv": "pupil 00105:8/claim",
    opettaja: "teacher 00501[teacher],00502[teacher]",
    "kaksi-koulua": "choose 00301:11/study-year,00304:-/-",
    ulkopuolinen: "refused unknown-school",
    "ei-koulua": "refused missing-school",
    // Their claims are fine; their ID tokens are not (tests/integration/oidc-provider.test.ts).
    vanhentunut: "pupil 00501:7/claim",
    "vaara-yleiso": "pupil 00501:7/claim",
  };

  it("covers every fixture person", () => {
    expect(FIXTURE_PEOPLE.map((p) => p.id).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(FIXTURE_PEOPLE.map((p) => [p.id, p] as const))("%s", (id, person) => {
    expect(decide(person.claims)).toBe(expected[id]);
  });

  it("keeps the learner id, the group and the provider, never a name", () => {
    const identity = decideIdentity(FIXTURE_PEOPLE[0]!.claims, register, { today: SPRING }) as PupilIdentity<School>;
    expect(identity.learnerId).toBe("1.2.246.562.24.10000000001");
    expect(identity.uid).toBe("mpass-fixture-7b");
    expect(identity.schools[0]).toMatchObject({ code: "00501", group: "7B", claimName: "Malmin peruskoulu", school: { type: "11" } });
    expect(identity.educationProviders).toEqual([{ oid: "1.2.246.562.10.346830761110", name: "Helsingin kaupunki" }]);
    expect(JSON.stringify(identity)).not.toContain("Testi");
  });

  it("lists the schools outside the register for the audit log", () => {
    const refused = decideIdentity(FIXTURE_PEOPLE.find((p) => p.id === "ulkopuolinen")!.claims, register, { today: SPRING });
    expect(refused).toEqual({ kind: "refused", reason: "unknown-school", schoolCodes: ["99901"] });
  });
});

const pupil = (over: Record<string, unknown>) => ({
  [C.learnerId]: "1.2.246.562.24.20000000001",
  [C.uid]: "u1",
  [C.schoolInfo]: ["00501;Malmin peruskoulu"],
  [C.role]: ["Helsinki;00501;7B;Oppilas;1"],
  ...over,
});

describe("decisions and refusals", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["no claims at all", {}, "refused missing-school"],
    ["schoolInfo with no usable value", pupil({ [C.schoolInfo]: [null, {}, "", "  "] }), "refused missing-school"],
    ["schoolInfo without an identifier", pupil({ [C.schoolInfo]: ";Malmin peruskoulu" }), "refused missing-school"],
    ["schoolInfo with a malformed identifier", pupil({ [C.schoolInfo]: "005 01;Malmin peruskoulu" }), "refused missing-school"],
    ["schoolInfo as a single string", pupil({ [C.schoolInfo]: "00501;Malmin peruskoulu" }), "pupil 00501:7/group"],
    ["schoolInfo with a code only", pupil({ [C.schoolInfo]: "00501" }), "pupil 00501:7/group"],
    ["the same school twice", pupil({ [C.schoolInfo]: ["00501;Malmin peruskoulu", "00501;Malms grundskola"] }), "pupil 00501:7/group"],
    ["a school outside the register", pupil({ [C.schoolInfo]: ["12345;Muu koulu"] }), "refused unknown-school"],
    ["one school inside, one outside", pupil({ [C.schoolInfo]: ["12345;Muu koulu", "00501;Malmin peruskoulu"] }), "pupil 00501:7/group"],
    ["an OID school without an OID lookup", pupil({ [C.schoolInfo]: "1.2.246.562.10.12345678901;Oid-koulu", [C.role]: "Oppilas" }), "refused unknown-school"],
    ["no learner id", pupil({ [C.learnerId]: undefined }), "refused missing-learner-id"],
    ["an empty learner id", pupil({ [C.learnerId]: "  " }), "refused missing-learner-id"],
    ["two different learner ids", pupil({ [C.learnerId]: ["1.2.246.562.24.1", "1.2.246.562.24.2"] }), "refused missing-learner-id"],
    ["the learner id in a one-element array", pupil({ [C.learnerId]: ["1.2.246.562.24.1"] }), "pupil 00501:7/group"],
    ["a learner id that is an object", pupil({ [C.learnerId]: { id: "x" } }), "refused missing-learner-id"],
    ["no role", pupil({ [C.role]: undefined }), "refused no-eligible-role"],
    ["a guardian's role", pupil({ [C.role]: "Helsinki;00501;7B;Huoltaja;7" }), "refused no-eligible-role"],
    ["a bare role word applies to every school", pupil({ [C.role]: " oppilas ", [C.classLevel]: "6" }), "pupil 00501:6/claim"],
    ["a role code without a known word", pupil({ [C.role]: "Helsinki;00501;5A;Learner (new);1" }), "pupil 00501:5/group"],
    ["a Swedish role word", pupil({ [C.role]: "Helsingfors;00501;8A;Elev" }), "pupil 00501:8/group"],
    ["a role for another school only", pupil({ [C.schoolInfo]: ["00501;Malmin peruskoulu", "00502;Malmin lukio"], [C.role]: "Helsinki;00502;1A;Opiskelija;1" }), "pupil 00502:10/study-year"],
    ["a role naming an unlisted school applies to all", pupil({ [C.role]: "Helsinki;99999;9A;Oppilas;1" }), "pupil 00501:9/group"],
    ["the class level claim as a number", pupil({ [C.classLevel]: 8 }), "pupil 00501:8/claim"],
    ["a class level claim that is not a number: the group", pupil({ [C.classLevel]: "seitsemäs", [C.role]: "Helsinki;00501;9C;Oppilas;1" }), "pupil 00501:9/group"],
    ["a class level claim out of range and no group", pupil({ [C.classLevel]: "13", [C.role]: "Helsinki;00501;;Oppilas;1" }), "pupil 00501:-/-"],
    ["two different class levels: the group", pupil({ [C.classLevel]: ["7", "8"] }), "pupil 00501:7/group"],
    ["a group without digits", pupil({ [C.role]: "Helsinki;00501;Tähdet;Oppilas;1" }), "pupil 00501:-/-"],
    ["a special-needs school (12)", pupil({ [C.schoolInfo]: "00801;Erityiskoulu", [C.role]: "Helsinki;00801;4E;Oppilas;1" }), "pupil 00801:4/group"],
    ["an adult education centre (63)", pupil({ [C.schoolInfo]: "00901;Työväenopisto", [C.role]: "Oppilas" }), "refused school-type-not-eligible"],
    ["a teacher", { [C.uid]: "t1", [C.schoolInfo]: "00501;Malmin peruskoulu", [C.role]: "Helsinki;00501;;Opettaja;2" }, "teacher 00501[teacher]"],
    ["a teacher without a uid", { [C.schoolInfo]: "00501;Malmin peruskoulu", [C.role]: "Helsinki;00501;;Opettaja;2" }, "refused missing-user-id"],
    ["a principal by role code", { [C.uid]: "t1", [C.schoolInfo]: "00501", [C.role]: "Helsinki;00501;;Rehtori;6" }, "teacher 00501[principal]"],
    ["a substitute teacher in Swedish", { [C.uid]: "t1", [C.schoolInfo]: "00105", [C.role]: "Helsingfors;00105;;Lärarvikarie" }, "teacher 00105[substitute-teacher]"],
    ["a teacher outside the register", { [C.uid]: "t1", [C.schoolInfo]: "12345;Muu", [C.role]: "Muu;12345;;Opettaja;2" }, "refused unknown-school"],
    [
      "a pupil at one school who teaches at another: pupil",
      pupil({ [C.schoolInfo]: ["00304;Stadin AO", "00501;Malmin peruskoulu"], [C.role]: ["Helsinki;00304;23SÄH;Opiskelija;1", "Helsinki;00501;;Opettaja;2"] }),
      "pupil 00304:12/start-year",
    ],
    ["custom claim names are not read by default", { learner: "x", schools: "00501", roles: "Oppilas" }, "refused missing-school"],
  ];

  it.each(cases)("%s", (_name, claims, expected) => {
    expect(decide(claims)).toBe(expected);
  });

  it("reads OID schools through the register's OID lookup", () => {
    expect(decide(pupil({ [C.schoolInfo]: "1.2.246.562.10.12345678901;Oid-koulu", [C.role]: "Oppilas", [C.classLevel]: "3" }), SPRING, registerWithOids)).toBe(
      "pupil 1.2.246.562.10.12345678901:3/claim",
    );
  });

  it("reads configured claim names", () => {
    const identity = decideIdentity({ learner: "L1", schools: "00501", roles: "Oppilas", level: "5" }, register, {
      today: SPRING,
      claimNames: { learnerId: "learner", schoolInfo: "schools", role: "roles", classLevel: "level" },
    });
    expect(summary(identity)).toBe("pupil 00501:5/claim");
  });
});

describe("class levels by school type", () => {
  // [type, classLevel claim, group, today, class level / source / study year]
  const cases: [string, string | null, string | null, Date, string][] = [
    ["11", "7", "7B", SPRING, "7/claim/-"],
    ["11", null, "7B", SPRING, "7/group/-"],
    ["11", null, "07B", SPRING, "7/group/-"],
    ["11", null, "10A", SPRING, "-/-/-"],
    ["11", "11", null, SPRING, "-/-/-"],
    ["12", null, "3E", SPRING, "3/group/-"],
    ["19", "9", "9A", SPRING, "9/claim/-"],
    ["19", null, "8C", SPRING, "8/group/-"],
    ["19", null, "2C", SPRING, "11/study-year/2"],
    ["19", null, "1A", SPRING, "10/study-year/1"],
    ["19", null, "4A", SPRING, "12/study-year/4"],
    ["19", null, "24C", SPRING, "11/start-year/2"],
    ["19", null, "24C", AUTUMN, "12/start-year/3"],
    ["19", null, "LUKIO", SPRING, "-/-/-"],
    ["19", "11", null, SPRING, "11/claim/-"],
    ["15", null, "2A", SPRING, "11/study-year/2"],
    ["15", null, "25A", SPRING, "10/start-year/1"],
    ["15", null, "25A", AUTUMN, "11/start-year/2"],
    ["15", null, "26A", SPRING, "-/-/-"],
    ["15", null, "15A", SPRING, "-/-/-"],
    ["15", null, "7A", SPRING, "-/-/-"],
    ["15", "12", null, SPRING, "12/claim/-"],
    ["15", "2", "B", SPRING, "-/-/-"],
    ["21", null, "23TVO", SPRING, "12/start-year/3"],
    ["21", null, "SÄH-B", SPRING, "-/-/-"],
    ["63", "5", "5A", SPRING, "-/-/-"],
  ];
  it.each(cases)("type %s, claim %s, group %s, %s → %s", (type, claim, group, today, expected) => {
    const level = classLevelFor(type, claim, group, today);
    expect(`${level.classLevel ?? "-"}/${level.levelSource ?? "-"}/${level.studyYear ?? "-"}`).toBe(expected);
  });

  it("maps study years to class levels 10–12", () => {
    expect([1, 2, 3, 4, 5].map(studyYearToClassLevel)).toEqual([10, 11, 12, 12, 12]);
  });

  it("starts school years on 1 August", () => {
    expect(schoolYearStart(new Date("2026-07-31T12:00:00Z"))).toBe(2025);
    expect(schoolYearStart(new Date("2026-08-01T12:00:00Z"))).toBe(2026);
    expect(studyYearFromStart(26, new Date("2026-08-01T12:00:00Z"))).toBe(1);
    expect(studyYearFromStart(26, new Date("2026-07-31T12:00:00Z"))).toBeNull();
    expect(studyYearFromStart(20, new Date("2026-08-01T12:00:00Z"))).toBeNull();
  });
});

describe("claim value parsing", () => {
  it("reads single and multiple values", () => {
    expect(claimValues(" a ")).toEqual(["a"]);
    expect(claimValues(["a", "", 7, null, {}, Number.NaN])).toEqual(["a", "7"]);
    expect(claimValues(undefined)).toEqual([]);
    expect(singleClaim(["x", "x"])).toBe("x");
    expect(singleClaim(["x", "y"])).toBeNull();
  });

  it("parses schoolInfo and role values", () => {
    expect(parseSchoolInfo("00501;Malmin peruskoulu")).toEqual({ code: "00501", byOid: false, name: "Malmin peruskoulu" });
    expect(parseSchoolInfo("1.2.246.562.10.1;Koulu; jossa puolipiste")).toEqual({ code: "1.2.246.562.10.1", byOid: true, name: "Koulu; jossa puolipiste" });
    expect(parseSchoolInfo("ö;x")).toBeNull();
    expect(parseRole("Helsinki;00501;7B;Oppilas;1")).toEqual({ school: "00501", group: "7B", role: "learner", roleText: "Oppilas" });
    expect(parseRole("Helsinki;00501;;Opettaja")).toEqual({ school: "00501", group: null, role: "teacher", roleText: "Opettaja" });
    expect(parseRole("Helsinki;00501")).toEqual({ school: "00501", group: null, role: null, roleText: "" });
    expect(parseRole("Teacher")).toEqual({ school: null, group: null, role: "teacher", roleText: "Teacher" });
  });
});

describe("after the decision", () => {
  const twoSchools = decideIdentity(FIXTURE_PEOPLE.find((p) => p.id === "kaksi-koulua")!.claims, register, { today: SPRING }) as PupilIdentity<School>;

  it("a pupil with two schools picks one of them", () => {
    expect(twoSchools.needsSchoolChoice).toBe(true);
    expect(summary(chooseSchool(twoSchools, "00304") as PupilIdentity<School>)).toBe("pupil 00304:-/-");
    expect(chooseSchool(twoSchools, "00501")).toEqual({ kind: "refused", reason: "school-choice-invalid", schoolCodes: ["00501"] });
  });

  // [school type, class level, round's levels, outcome]
  const rounds: [string, number | null, number[], string][] = [
    ["11", 7, [7, 8, 9], "ok 7"],
    ["11", 6, [7, 8, 9], "class-level-not-eligible"],
    ["11", null, [1, 2, 3, 4, 5, 6, 7, 8, 9], "class-level-unknown"],
    ["15", 11, [10, 11, 12], "ok 11"],
    ["15", null, [10, 11, 12], "class-level-unknown"],
    ["15", null, [7, 8, 9, 10, 11, 12], "class-level-unknown"],
    ["19", null, [10, 11, 12], "class-level-unknown"],
    ["21", null, [10, 11, 12], "class-level-unknown"],
    ["21", 12, [10], "class-level-not-eligible"],
  ];
  it.each(rounds)("type %s, level %s, round %j → %s", (_type, classLevel, levels, expected) => {
    const result = roundEligibility({ classLevel }, levels);
    expect(result.ok ? `ok ${result.classLevel}` : result.reason).toBe(expected);
  });

  it("staff get only the schools an admin linked", () => {
    const teacher = decideIdentity(FIXTURE_PEOPLE.find((p) => p.id === "opettaja")!.claims, register, { today: SPRING }) as TeacherIdentity<School>;
    expect(staffSchoolsLinked(teacher, () => false)).toEqual({ kind: "refused", reason: "teacher-school-not-linked", schoolCodes: ["00501", "00502"] });
    const linked = staffSchoolsLinked(teacher, (s) => s.school.code === "00502");
    expect("ok" in linked && linked.schools.map((s) => s.code)).toEqual(["00502"]);
  });
});

describe("identityKey", () => {
  it("is an HMAC-SHA256 in hex that does not reveal the learner id", () => {
    const key = identityKey("1.2.246.562.24.10000000001", "secret");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(identityKey(" 1.2.246.562.24.10000000001 ", "secret"));
    expect(key).not.toBe(identityKey("1.2.246.562.24.10000000001", "other secret"));
    expect(key).not.toBe(identityKey("1.2.246.562.24.10000000002", "secret"));
    expect(key).not.toContain("10000000001");
    expect(staffIdentityKey("https://mpass.example", "u1", "secret")).not.toBe(staffIdentityKey("https://other.example", "u1", "secret"));
  });

  it("refuses an empty id or secret", () => {
    expect(() => identityKey("", "secret")).toThrow();
    expect(() => identityKey("x", "")).toThrow();
  });
});
