// Casts an online ballot straight through castBallot (what the pupil's voting page calls), without
// the HTTP layer, and prints the result as JSON. Run as a process of its own on DATABASE_URL by
// castDirectly() in tests/integration/harness.ts:
//   node --import tsx tests/support/cast-online.ts CODE '{"AREA": ["PROJECT ID", …]}'
import { castBallot, voterForCode } from "~/features/voting/vote.server";

const found = await voterForCode(process.argv[2] ?? "");
if (!found) throw new Error("unknown code");
const picks = new Map(Object.entries(JSON.parse(process.argv[3] ?? "{}") as Record<string, string[]>));
const result = await castBallot(found.voter, picks, "online", found.voter.userId);
process.stdout.write(JSON.stringify(result));
await (await import("~/server/db.server")).closeDatabase();
