// Which ideas a staff member moderates (docs/domain.md, "Roles"). The rule itself is the pure
// `canModerate` of app/features/access/permissions.ts; this file loads the facts it needs (the idea's
// school, the proposer's school, the sector; the staff member's sectors) and asks it. The Prisma
// `where` of lists (`moderationWhere`) is the same rule written as a query: keep the two side by side.
import { canModerate, schoolScope, type Actor, type ModeratedIdea } from "~/features/access/permissions";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/server/db.server";

/** The education sectors an admin assigned to a staff member (none for other roles). */
export async function staffSectors(actor: Actor): Promise<string[]> {
  // Only staff accounts carry sectors; coordinators and admins moderate everything anyway.
  if (actor.role !== "staff") return [];
  const staff = await db.user.findUnique({ where: { id: actor.id }, select: { sectors: true } });
  return (staff?.sectors ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * `canModerate` as a query, for the moderation queue and other lists: coordinators and admins every
 * idea; staff the ideas of their schools (by subject or by proposer's school) and of their sectors;
 * anyone else none. MUST say the same as `canModerate` in permissions.ts.
 */
export function moderationWhere(actor: Actor, sectors: readonly string[]): Prisma.ProposalWhereInput {
  const scope = schoolScope(actor);
  if (scope === null) return {};
  // Pupils have an empty scope and no sectors: nothing matches, as `canModerate` says.
  const schoolIds = [...scope];
  return {
    OR: [{ schoolId: { in: schoolIds } }, { author: { schoolId: { in: schoolIds } } }, ...(sectors.length ? [{ sector: { in: [...sectors] } }] : [])],
  };
}

/** The facts `canModerate` looks at, from a proposal row with its author's school id. */
export function moderatedIdea(p: { schoolId: string | null; sector: string; author: { schoolId: string | null } | null }): ModeratedIdea {
  return { schoolId: p.schoolId, proposerSchoolId: p.author?.schoolId ?? null, sector: p.sector };
}

/** The list `where` for an actor (loads their sectors). */
export async function moderationScope(actor: Actor): Promise<Prisma.ProposalWhereInput> {
  return moderationWhere(actor, await staffSectors(actor));
}

/** Whether the actor moderates this proposal; false when it does not exist. */
export async function moderatesProposal(actor: Actor, proposalId: string): Promise<boolean> {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    select: { schoolId: true, sector: true, author: { select: { schoolId: true } } },
  });
  if (!proposal) return false;
  return canModerate(actor, moderatedIdea(proposal), await staffSectors(actor));
}
