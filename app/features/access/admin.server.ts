// What the admin's account pages read (/admin/users, /admin/users/ID); the changes are in
// users.server.ts.
import { isOneOf, SECTORS, type Locale, type Role, type Sector } from "~/shared/catalog";
import { localName } from "~/features/schools/names";
import { db } from "~/server/db.server";

/** Every staff, coordinator and admin account (by role and name), and how many pupils there are. */
export async function listAccounts(locale: Locale) {
  const [users, pupilCount] = await Promise.all([
    db.user.findMany({
      where: { role: { not: "pupil" } },
      include: { schools: { include: { school: true } } },
      orderBy: [{ role: "asc" }, { displayName: "asc" }],
    }),
    db.user.count({ where: { role: "pupil" } }),
  ]);
  return {
    users: users.map((u) => ({
      id: u.id,
      name: u.displayName,
      email: u.email,
      role: u.role as Role,
      disabled: u.disabledAt !== null,
      schools: u.schools.map((s) => localName(s.school, locale)),
      sectors: u.sectors.split(",").filter((x): x is Sector => isOneOf(SECTORS, x)),
    })),
    pupilCount,
  };
}

/** One adult's account as the edit page shows it; 404 for pupils and unknown ids. */
export async function loadAccount(id: string) {
  const user = await db.user.findUnique({ where: { id }, include: { schools: true } });
  if (!user || user.role === "pupil") throw new Response("Not found", { status: 404 });
  return {
    id: user.id,
    name: user.displayName,
    email: user.email,
    role: user.role as Role,
    disabled: user.disabledAt !== null,
    mustChangePassword: user.mustChangePassword,
    schoolIds: user.schools.map((s) => s.schoolId),
    sectors: user.sectors.split(",").filter(Boolean),
  };
}
