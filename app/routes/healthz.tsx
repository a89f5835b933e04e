import { db } from "~/server/db.server";

/** Liveness and database check for load balancers and the test harness. */
export async function loader() {
  await db.area.count();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
