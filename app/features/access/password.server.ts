// Choosing a new password (/account/password): who may, and the change itself (users.server.ts).
import { redirect } from "@remix-run/node";
import { getCurrentSession, forbidden, requireUser } from "./auth.server";

/** The signed-in adult and their session: pupils sign in with codes and have no password (403). */
export async function requirePasswordAccount(request: Request) {
  const user = await requireUser(request);
  if (user.role === "pupil") throw forbidden();
  const current = await getCurrentSession(request);
  if (!current) throw redirect("/login");
  return { user, sessionId: current.sessionId };
}
