import { databaseHealth } from "~/server/health.server";

/**
 * Liveness and database check for load balancers and the test harness: 200 with
 * {"status":"ok","database":"sqlite"|"postgres"}, 503 with "unavailable" when the database does not answer.
 */
export async function loader() {
  const health = await databaseHealth();
  return new Response(JSON.stringify(health), {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
