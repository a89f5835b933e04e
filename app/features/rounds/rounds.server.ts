import type { Locale } from "~/shared/catalog";
import { helsinkiDay } from "~/features/rounds/phases";
import { currentRound, localName } from "~/features/rounds/rounds";
import { db } from "~/server/db.server";

const withAreas = { areas: { include: { area: true }, orderBy: { area: { sortOrder: "asc" as const } } } };

/** The round the front page and pupils' pages are about (see domain/rounds.ts), with its areas. */
export async function loadCurrentRound(today = helsinkiDay()) {
  const rounds = await db.round.findMany({ include: withAreas });
  return currentRound(rounds, today);
}

/** The round named by `?round=SLUG`, or the current round; with the list to choose from. */
export async function loadChosenRound(url: URL, locale: Locale) {
  const slug = url.searchParams.get("round");
  const [chosen, all] = await Promise.all([
    slug ? db.round.findUnique({ where: { slug }, include: withAreas }) : loadCurrentRound(),
    db.round.findMany({ orderBy: { proposalsStart: "desc" }, select: { slug: true, nameFi: true, nameSv: true, nameEn: true } }),
  ]);
  const round = chosen ?? (await loadCurrentRound());
  return { round, options: all.map((r) => ({ slug: r.slug, name: localName(r, locale) })) };
}
