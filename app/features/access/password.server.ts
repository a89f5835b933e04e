// Passwords: the argon2id hashes, and choosing a new password (/account/password): who may, and
// the change itself (users.server.ts).
import { redirect } from "@remix-run/node";
import { hash, verify } from "@node-rs/argon2";
import { getCurrentSession, forbidden, requireUser } from "./auth.server";

/** The signed-in adult and their session: pupils sign in with codes and have no password (403). */
export async function requirePasswordAccount(request: Request) {
  const user = await requireUser(request);
  if (user.role === "pupil") throw forbidden();
  const current = await getCurrentSession(request);
  if (!current) throw redirect("/login");
  return { user, sessionId: current.sessionId };
}

// argon2id with the OWASP-recommended minimums (19 MiB, 2 iterations, 1 lane).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid hash to verify against when the email is unknown, so timing does not reveal accounts. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("omakoulu-no-such-account");
  return dummyHash;
}
