import { generateCode, hashCode, normaliseCode } from "~/features/access/codes";
import { appendAudit } from "~/server/audit.server";
import { retryWhenBusy, type Db } from "~/server/db.server";

export class CodeIssueError extends Error {}

/** A pupil's pseudonym: class level and four random symbols, e.g. "8-K4QX". Never a real name. */
export function pupilPseudonym(classLevel: number): string {
  return `${classLevel}-${generateCode().replace(/-/g, "").slice(0, 4)}`;
}

/**
 * Creates `count` pseudonymous pupil accounts for a class and returns their codes in printed form.
 * The codes exist only in the return value: the database keeps their hashes.
 */
export async function issueCodes(
  client: Db,
  opts: { roundSlug: string; schoolCode: string; classLevel: number; count: number; actorId: string | null },
): Promise<string[]> {
  if (!Number.isInteger(opts.classLevel) || opts.classLevel < 1 || opts.classLevel > 12) {
    throw new CodeIssueError(`--class-level must be a whole number from 1 to 12, not "${opts.classLevel}"`);
  }
  if (!Number.isInteger(opts.count) || opts.count < 1 || opts.count > 1000) {
    throw new CodeIssueError(`--count must be a whole number from 1 to 1000, not "${opts.count}"`);
  }
  const round = await client.round.findUnique({ where: { slug: opts.roundSlug } });
  if (!round) throw new CodeIssueError(`no round with slug "${opts.roundSlug}"; create it first with create-round`);
  const school = await client.school.findUnique({ where: { code: opts.schoolCode } });
  if (!school) throw new CodeIssueError(`no school with code "${opts.schoolCode}"; import it first with import-schools`);
  const codes = Array.from({ length: opts.count }, () => generateCode());
  await retryWhenBusy(() =>
    client.$transaction(async (tx) => {
      for (const code of codes) {
        await tx.user.create({
          data: {
            role: "pupil",
            displayName: pupilPseudonym(opts.classLevel),
            codeHash: hashCode(normaliseCode(code) as string),
            roundId: round.id,
            schoolId: school.id,
            classLevel: opts.classLevel,
          },
        });
      }
      await appendAudit(tx, {
        actorId: opts.actorId,
        action: "codes.issue",
        subjectType: "school",
        subjectId: school.id,
        detail: { round: round.slug, classLevel: opts.classLevel, count: opts.count },
      });
    }),
  );
  return codes;
}
