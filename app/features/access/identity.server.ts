// The key under which a school-account identity is stored (docs/mpassid.md, "What is stored").
// Only HMAC-SHA256(secret, "learner:" + learner id) is stored, never the learner id itself, so a
// database dump alone cannot be joined with the national learner register. The secret must stay
// the same for the life of the installation: a new secret gives every pupil a new account.
import { createHmac } from "node:crypto";

/** HMAC-SHA256 hex of a national learner id (oppijanumero), under a server secret. */
export function identityKey(learnerId: string, secret: string): string {
  const id = learnerId.trim();
  if (!id) throw new Error("identityKey: empty learner id");
  if (!secret) throw new Error("identityKey: empty secret");
  return createHmac("sha256", secret).update(`learner:${id}`).digest("hex");
}

/**
 * The key of a staff member's school account: their uid at one issuer (uids are only unique per
 * home organisation registry, so the issuer is part of the key).
 */
export function staffIdentityKey(issuer: string, uid: string, secret: string): string {
  if (!uid.trim()) throw new Error("staffIdentityKey: empty uid");
  if (!secret) throw new Error("staffIdentityKey: empty secret");
  return createHmac("sha256", secret).update(`staff:${issuer}:${uid.trim()}`).digest("hex");
}
