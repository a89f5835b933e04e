// GET /healthz: whether this process's database answers, for load balancers, `npm run serve`'s
// operators and the test harness. It names the kind of database (sqlite or postgres) and nothing
// else: no URL, no host, no error text (those go to the server's log).
import { databaseKind, type DatabaseKind } from "./database-url.server";
import { db } from "./db.server";
import { sqlStorageFailure } from "./sql.server";

/** How long the check waits for the database before it calls it unavailable. */
export const HEALTH_TIMEOUT_MS = 5_000;

export interface Health {
  status: "ok" | "unavailable";
  database: DatabaseKind;
}

/**
 * Runs one small query; "unavailable" when it fails or takes longer than HEALTH_TIMEOUT_MS, or when
 * the cast path refuses writes after a failed disk sync (sql.server.ts, WalSync).
 */
export async function databaseHealth(): Promise<Health> {
  const database = databaseKind();
  if (sqlStorageFailure() !== null) return { status: "unavailable", database };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
  });
  try {
    await Promise.race([db.area.count(), timeout]);
    return { status: "ok", database };
  } catch (error) {
    console.error(`healthz: the ${database} database did not answer: ${firstLine(error)}`);
    return { status: "unavailable", database };
  } finally {
    clearTimeout(timer);
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n").find((line) => line.trim()) ?? "unknown error";
}
