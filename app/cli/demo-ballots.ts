// Demo votes for the city round, so that turnout looks like Helsinki's 2019 round (docs/domain.md):
// about 36 % of pupils in Finnish-language comprehensive schools voted, 29 % in Swedish-language
// ones, 19 % in Finnish-language upper secondary schools and 33 % in Swedish-language ones.
// The demo voters are pseudonymous pupil accounts without sign-in codes; their ballots are written
// exactly as real ones (random ids, HMAC voter keys, no link to the participation).
import { randomUUID } from "node:crypto";
import { CITY_WIDE, type SchoolLanguage, type SchoolType } from "~/shared/catalog";
import { parseClassLevels } from "~/features/rounds/phases";
import type { Tx } from "~/server/db.server";
import { receiptHash, voterKey } from "~/features/voting/vote.server";

/** Share of eligible pupils who vote, by school type and language. */
export const DEMO_TURNOUT: Record<`${SchoolType}/${SchoolLanguage}`, number> = {
  "11/fi": 0.36, "11/sv": 0.29, "12/fi": 0.25, "12/sv": 0.25, "15/fi": 0.19, "15/sv": 0.33,
  "19/fi": 0.3, "19/sv": 0.3, "21/fi": 0.12, "21/sv": 0.15, "63/fi": 0.05, "63/sv": 0.05,
};

function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoBallots(tx: Tx, roundSlug: string, today: string) {
  const round = await tx.round.findUniqueOrThrow({ where: { slug: roundSlug }, include: { areas: true } });
  if ((await tx.participation.count({ where: { roundId: round.id } })) > 0) return;
  const levels = parseClassLevels(round.classLevels);
  const projects = await tx.ballotProject.findMany({ where: { roundId: round.id }, orderBy: { code: "asc" } });
  const enrolment = await tx.enrolment.findMany({ where: { roundId: round.id, classLevel: { in: levels } }, include: { school: true } });
  const random = seeded(2019);
  const votingDays: string[] = [];
  for (let d = new Date(`${round.votingStart}T12:00:00Z`); d.toISOString().slice(0, 10) <= today && d.toISOString().slice(0, 10) <= round.votingEnd; d.setUTCDate(d.getUTCDate() + 1)) {
    votingDays.push(d.toISOString().slice(0, 10));
  }
  if (!votingDays.length) return;
  // Projects differ in popularity, so the results are not a coin toss.
  const popularity = new Map(projects.map((p, i) => [p.id, 0.2 + ((i * 37) % 10) / 14]));
  const pick = (area: string, max: number) => {
    const inArea = projects.filter((p) => p.areaSlug === area);
    const chosen = inArea.filter((p) => random() < (popularity.get(p.id) ?? 0.3));
    return (chosen.length ? chosen : inArea.slice(0, 1)).slice(0, max);
  };
  const users: Array<{ id: string; role: string; displayName: string; roundId: string; schoolId: string; classLevel: number }> = [];
  const participations: Array<{ id: string; roundId: string; userId: string; schoolId: string; classLevel: number; method: string; votedAt: Date }> = [];
  const ballots: Array<{ id: string; roundId: string; areaSlug: string; voterKey: string; receiptHash: string }> = [];
  const picks: Array<{ ballotId: string; projectId: string }> = [];
  const maxPicks = round.maxPicks ?? 5;
  for (const e of enrolment) {
    const rate = DEMO_TURNOUT[`${e.school.type as SchoolType}/${e.school.language as SchoolLanguage}`] ?? 0.2;
    const voters = Math.round(e.eligible * rate * (0.85 + random() * 0.3));
    for (let v = 0; v < voters; v++) {
      const userId = randomUUID();
      const participationId = randomUUID();
      const day = votingDays[Math.floor(random() * votingDays.length)] as string;
      const votedAt = new Date(`${day}T${String(8 + Math.floor(random() * 8)).padStart(2, "0")}:${String(Math.floor(random() * 60)).padStart(2, "0")}:00+02:00`);
      users.push({ id: userId, role: "pupil", displayName: `${e.classLevel}-V${users.length}`, roundId: round.id, schoolId: e.schoolId, classLevel: e.classLevel });
      participations.push({ id: participationId, roundId: round.id, userId, schoolId: e.schoolId, classLevel: e.classLevel, method: random() < 0.08 ? "paper" : "online", votedAt });
      const receipt = randomUUID();
      for (const area of [e.school.areaSlug, CITY_WIDE]) {
        if (area === CITY_WIDE && random() < 0.3) continue;
        const chosen = pick(area, maxPicks);
        if (!chosen.length) continue;
        const ballotId = randomUUID();
        ballots.push({ id: ballotId, roundId: round.id, areaSlug: area, voterKey: voterKey(participationId, area), receiptHash: receiptHash(receipt, area) });
        for (const p of chosen) picks.push({ ballotId, projectId: p.id });
      }
    }
  }
  // Ballots are inserted in a shuffled order, as independent of the participations' order as real ones.
  const shuffled = [...ballots].sort(() => random() - 0.5);
  const chunk = <T,>(list: T[], size = 500) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
  for (const part of chunk(users)) await tx.user.createMany({ data: part });
  for (const part of chunk(participations)) await tx.participation.createMany({ data: part });
  for (const part of chunk(shuffled)) await tx.ballot.createMany({ data: part });
  for (const part of chunk(picks)) await tx.ballotPick.createMany({ data: part });
}
