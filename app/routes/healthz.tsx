import { databaseAnswers } from "~/features/schools/schools.server";

/** Liveness and database check for load balancers and the test harness. */
export async function loader() {
  await databaseAnswers();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
