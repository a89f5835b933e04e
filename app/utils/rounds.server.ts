import { helsinkiDay } from "~/domain/phases";
import { currentRound } from "~/domain/rounds";
import { db } from "./db.server";

/** The round the front page and pupils' pages are about (see domain/rounds.ts), with its areas. */
export async function loadCurrentRound(today = helsinkiDay()) {
  const rounds = await db.round.findMany({
    include: { areas: { include: { area: true }, orderBy: { area: { sortOrder: "asc" } } } },
  });
  return currentRound(rounds, today);
}
