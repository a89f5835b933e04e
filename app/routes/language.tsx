import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/domain/locale";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { safeRedirect } from "~/utils/forms";
import { readForm } from "~/utils/request.server";
import { localeCookie } from "~/utils/locale.server";

/** The language switcher posts here (works without JavaScript) and comes back to the same page. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const lang = formData.get("lang");
  const back = safeRedirect(formData.get("redirectTo"));
  if (!isLocale(lang)) return redirect(back);
  const user = await getUser(request);
  if (user) await db.user.update({ where: { id: user.id }, data: { locale: lang } });
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(lang) } });
}

export async function loader() {
  return redirect("/");
}
