// Demo data for a newcomer's living city (README lists the accounts). Idempotent: running it again
// updates the same rows. Later features extend it with their own parts.
import { AREAS, CITY_WIDE } from "~/shared/catalog";
import { hashCode, normaliseCode } from "~/features/access/codes";
import { helsinkiDay } from "~/features/rounds/phases";
import { hashPassword } from "~/features/access/password.server";
import type { Db, Tx } from "~/server/db.server";
import { DEMO_PROJECTS, DEMO_PROPOSALS, DEMO_SCHOOL_ROUND_PROPOSALS, type DemoProject, type DemoProposal } from "./demo-proposals";
import { seedDemoBallots } from "./demo-ballots";
import { newPublicCode } from "~/features/proposals/public-code";
import { DEMO_PAST_PROJECTS, DEMO_PAST_PROPOSALS, DEMO_PROGRESS, demoPhotoPng } from "./demo-follow-up";
import { publishResults } from "~/features/results/results.server";
import { recordProjectUpdate } from "~/features/follow-up/updates.server";
import { storeImage } from "~/shared/images.server";
import { DEMO_ACCOUNTS, DEMO_PUPILS, DEMO_SCHOOLS, DEMO_STAFF_SIGNIN_SCHOOLS, demoEnrolment } from "./demo-data";

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const DEMO_ROUND_SLUG = "omakoulu-demo";
export const PAST_ROUND_SLUG = "omakoulu-2025";
export const SCHOOL_ROUND_SLUG = "malmin-peruskoulu-2027";

/** Budgets like OmaStadi's, scaled to a school round (whole euros). */
const AREA_BUDGETS: Record<string, number> = {
  etelainen: 120_000, lantinen: 150_000, keskinen: 130_000, pohjoinen: 110_000,
  koillinen: 160_000, kaakkoinen: 120_000, itainen: 190_000, [CITY_WIDE]: 300_000,
};

export async function seedDemo(db: Db, today = helsinkiDay()) {
  const passwords = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) passwords.set(a.email, await hashPassword(a.password));

  await db.$transaction(async (tx) => {
    for (const [i, area] of AREAS.entries()) {
      const data = { nameFi: area.name.fi, nameSv: area.name.sv, nameEn: area.name.en, sortOrder: i };
      await tx.area.upsert({ where: { slug: area.slug }, create: { slug: area.slug, ...data }, update: data });
    }
    for (const s of DEMO_SCHOOLS) {
      const data = { nameFi: s.fi, nameSv: s.sv, nameEn: s.en, type: s.type, language: s.language, areaSlug: s.area, staffSchoolSignIn: DEMO_STAFF_SIGNIN_SCHOOLS.includes(s.code) };
      await tx.school.upsert({ where: { code: s.code }, create: { code: s.code, ...data }, update: data });
    }
    const rounds = [
      {
        slug: DEMO_ROUND_SLUG,
        names: { fi: "OmaKoulu 2026–2027", sv: "OmaKoulu 2026–2027", en: "OmaKoulu 2026–2027" },
        // In its voting phase on the day the seed runs.
        phases: [addDays(today, -60), addDays(today, -31), addDays(today, -30), addDays(today, -15), addDays(today, -14), addDays(today, 14), addDays(today, 21)],
        style: { ballotStyle: "approval", maxPicks: 5 },
      },
      {
        slug: PAST_ROUND_SLUG,
        names: { fi: "OmaKoulu 2025", sv: "OmaKoulu 2025", en: "OmaKoulu 2025" },
        phases: [addDays(today, -400), addDays(today, -370), addDays(today, -369), addDays(today, -355), addDays(today, -354), addDays(today, -340), addDays(today, -330)],
        style: { ballotStyle: "budget", maxPicks: null },
      },
      {
        // A school's own student-council budget, collecting ideas now.
        slug: SCHOOL_ROUND_SLUG,
        names: { fi: "Malmin peruskoulun oppilasbudjetti 2027", sv: "Malms grundskolas elevbudget 2027", en: "Malmi Comprehensive School pupils' budget 2027" },
        phases: [addDays(today, -7), addDays(today, 21), addDays(today, 22), addDays(today, 35), addDays(today, 36), addDays(today, 50), addDays(today, 60)],
        style: { ballotStyle: "budget", maxPicks: null },
        school: "00501",
        budgets: { koillinen: 10_000 },
      },
    ] as const;
    for (const r of rounds) {
      const schoolCode = "school" in r ? r.school : null;
      const school = schoolCode ? await tx.school.findUniqueOrThrow({ where: { code: schoolCode } }) : null;
      const budgets: Record<string, number> = "budgets" in r ? r.budgets : AREA_BUDGETS;
      const [proposalsStart, proposalsEnd, reviewStart, reviewEnd, votingStart, votingEnd, resultsDate] = r.phases;
      const data = {
        nameFi: r.names.fi, nameSv: r.names.sv, nameEn: r.names.en, scope: school ? "school" : "city", schoolId: school?.id ?? null,
        ballotStyle: r.style.ballotStyle, maxPicks: r.style.maxPicks, rule: "greedy", classLevels: "7,8,9,10,11,12",
        proposalsStart, proposalsEnd, reviewStart, reviewEnd, votingStart, votingEnd, resultsDate,
      };
      const round = await tx.round.upsert({ where: { slug: r.slug }, create: { slug: r.slug, ...data }, update: data });
      for (const [area, budget] of Object.entries(budgets)) {
        await tx.roundArea.upsert({
          where: { roundId_areaSlug: { roundId: round.id, areaSlug: area } },
          create: { roundId: round.id, areaSlug: area, budget },
          update: { budget },
        });
      }
      const schools = await tx.school.findMany({ where: { code: { in: school ? [school.code] : DEMO_SCHOOLS.map((s) => s.code) } } });
      for (const school of schools) {
        const demo = DEMO_SCHOOLS.find((s) => s.code === school.code);
        if (!demo) continue;
        for (let level = 7; level <= 12; level++) {
          const eligible = demoEnrolment(demo, level);
          if (!eligible) continue;
          const key = { roundId_schoolId_classLevel: { roundId: round.id, schoolId: school.id, classLevel: level } };
          await tx.enrolment.upsert({ where: key, create: { roundId: round.id, schoolId: school.id, classLevel: level, eligible }, update: { eligible } });
        }
      }
    }
    for (const a of DEMO_ACCOUNTS) {
      const data = { role: a.role, displayName: a.name, passwordHash: passwords.get(a.email) ?? null, disabledAt: null };
      const user = await tx.user.upsert({ where: { email: a.email }, create: { email: a.email, ...data }, update: data });
      await tx.staffSchool.deleteMany({ where: { userId: user.id } });
      for (const code of a.schools) {
        const school = await tx.school.findUniqueOrThrow({ where: { code } });
        await tx.staffSchool.create({ data: { userId: user.id, schoolId: school.id } });
      }
    }
    for (const p of DEMO_PUPILS) {
      const slug = { current: DEMO_ROUND_SLUG, past: PAST_ROUND_SLUG, school: SCHOOL_ROUND_SLUG }[p.round];
      const round = await tx.round.findUniqueOrThrow({ where: { slug } });
      const school = await tx.school.findUniqueOrThrow({ where: { code: p.school } });
      const codeHash = hashCode(normaliseCode(p.code) as string);
      const data = { role: "pupil", displayName: `${p.classLevel}-DEM${p.code.slice(-1)}`, roundId: round.id, schoolId: school.id, classLevel: p.classLevel, codeRevokedAt: null };
      await tx.user.upsert({ where: { codeHash }, create: { codeHash, ...data }, update: data });
    }
    await seedProposals(tx, DEMO_ROUND_SLUG, DEMO_PROPOSALS, DEMO_PROJECTS);
    await seedProposals(tx, SCHOOL_ROUND_SLUG, DEMO_SCHOOL_ROUND_PROPOSALS, []);
    await seedDemoBallots(tx, DEMO_ROUND_SLUG, today);
    await seedProposals(tx, PAST_ROUND_SLUG, DEMO_PAST_PROPOSALS, DEMO_PAST_PROJECTS);
    await seedDemoBallots(tx, PAST_ROUND_SLUG, today);
  }, { timeout: 120_000 });
  await seedPastResults(db, today);
}

/**
 * The ended round's results, published on its results day, and what happened to the winners since:
 * progress updates written exactly as staff write them (timeline steps for the proposers included),
 * the first winner implemented with a photo. Only once: a round with published results is left alone.
 */
async function seedPastResults(db: Db, today: string) {
  const round = await db.round.findUniqueOrThrow({ where: { slug: PAST_ROUND_SLUG } });
  if (round.resultsPublishedAt || today <= round.votingEnd) return;
  const coordinator = await db.user.findUniqueOrThrow({ where: { email: "koordinaattori@omakoulu.test" } });
  await publishResults(round.id, coordinator.id, db, today);
  // Published on the results day, long ago, rather than today when the seed runs.
  const publishedAt = new Date(`${round.resultsDate}T10:00:00Z`);
  await db.round.update({ where: { id: round.id }, data: { resultsPublishedAt: publishedAt } });
  await db.proposalEvent.updateMany({ where: { proposal: { roundId: round.id }, type: { in: ["selected", "not-selected"] } }, data: { at: publishedAt } });
  const winners = await db.ballotProject.findMany({ where: { roundId: round.id, status: "selected" }, orderBy: { code: "asc" } });
  for (const [code, steps] of Object.entries(DEMO_PROGRESS)) {
    const project = winners.find((w) => w.code === code);
    if (!project) continue;
    let status = project.status;
    for (const step of steps) {
      const at = new Date(publishedAt.getTime() + step.after * 86_400_000);
      const image = step.photo ? await storeImage(new File([new Uint8Array(demoPhotoPng())], "pingis.png", { type: "image/png" }), coordinator.id) : null;
      if (image && !image.ok) throw new Error(`the demo photo was refused: ${image.error.key}`);
      const input = {
        status: step.status, day: helsinkiDay(at), textFi: step.text.fi, textSv: step.text.sv, textEn: step.text.en,
        imageAltFi: step.photo?.fi ?? "", imageAltSv: step.photo?.sv ?? "", imageAltEn: step.photo?.en ?? "",
      };
      const written = await db.$transaction((tx) => recordProjectUpdate(tx, { project: { id: project.id, code: project.code, status }, input, imageId: image?.id ?? null, actorId: coordinator.id, at }));
      if (!written.ok) throw new Error(`the demo update of ${project.code} was refused: ${written.error.key}`);
      status = step.status;
    }
  }
}

/** Ideas with their whole story, and the projects made of them; only into a round that has none yet. */
async function seedProposals(tx: Tx, roundSlug: string, proposals: DemoProposal[], projects: Array<DemoProject & { description?: { fi: string; sv: string; en: string } }>) {
  const round = await tx.round.findUniqueOrThrow({ where: { slug: roundSlug } });
  if ((await tx.proposal.count({ where: { roundId: round.id } })) > 0) return;
  const staff = await tx.user.findUniqueOrThrow({ where: { email: "opettaja@omakoulu.test" } });
  const projectIds = new Map<string, string>();
  for (const p of projects) {
    const project = await tx.ballotProject.create({
      data: {
        roundId: round.id, code: p.code, titleFi: p.fi, titleSv: p.sv, titleEn: p.en, areaSlug: p.area, sector: p.sector, cost: p.cost,
        descriptionFi: p.description?.fi ?? "", descriptionSv: p.description?.sv ?? "", descriptionEn: p.description?.en ?? "",
      },
    });
    projectIds.set(p.code, project.id);
  }
  const idsByTitle = new Map<string, string>();
  const start = new Date(`${round.proposalsStart}T09:00:00Z`).getTime();
  for (const [i, p] of proposals.entries()) {
    const author = await tx.user.findUniqueOrThrow({ where: { codeHash: hashCode(normaliseCode(p.author) as string) }, include: { school: true } });
    const at = (hours: number) => new Date(start + (i * 24 + hours) * 3600_000);
    const proposal: { id: string } = await tx.proposal.create({
      data: {
        roundId: round.id, authorId: author.id, title: p.title, description: p.description, areaSlug: p.area, sector: p.sector,
        schoolId: p.concernsSchool ? author.schoolId : null, costEstimate: p.costEstimate, status: p.status,
        locale: author.school?.language === "sv" ? "sv" : "fi", projectId: p.project ? (projectIds.get(p.project) ?? null) : null,
        mergedIntoId: p.mergeInto ? (idsByTitle.get(p.mergeInto) ?? null) : null, submittedAt: at(1), createdAt: at(0),
        // Every demo idea has been sent, so each has its public status page /i/CODE (follow.server.ts);
        // a handful of random codes cannot clash in practice, and the unique index would stop the seed if they did.
        publicCode: p.status === "draft" ? null : newPublicCode(),
      },
    });
    idsByTitle.set(p.title, proposal.id);
    await tx.proposalEvent.create({ data: { proposalId: proposal.id, actorId: author.id, type: "created", at: at(0) } });
    await tx.proposalEvent.create({ data: { proposalId: proposal.id, actorId: author.id, type: "submitted", at: at(1) } });
    for (const [j, step] of p.steps.entries()) {
      const targetId = step.type === "project-linked" ? (projectIds.get(p.project ?? "") ?? null) : step.type === "merged" ? (idsByTitle.get(p.mergeInto ?? "") ?? null) : null;
      await tx.proposalEvent.create({ data: { proposalId: proposal.id, actorId: staff.id, type: step.type, reason: step.reason ?? null, targetId, at: at(48 + j) } });
    }
  }
}
