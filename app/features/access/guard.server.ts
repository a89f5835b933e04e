// The one guard every loader and action goes through: the signed-in user when they hold a
// permission (app/features/access/permissions.ts), else sign-in (not signed in) or 403.
import { can, type Permission } from "./permissions";
import { forbidden, getUser, requireUser, type SessionUser } from "./auth.server";

export { forbidden, getUser, requireUser, type SessionUser };

/** The signed-in user when they hold `permission`; otherwise 403 (or sign-in when not signed in). */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) throw forbidden();
  return user;
}

/** Throws 403 unless `allowed` (the answer of a per-object rule in permissions.ts). */
export function requireAllowed(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
