import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/shared/locale";
import { getUser } from "~/features/access/guard.server";
import { setPreferredLocale } from "~/features/access/users.server";
import { safeRedirect } from "~/shared/forms";
import { readForm } from "~/server/request.server";
import { localeCookie } from "~/server/locale.server";

/** The language switcher posts here (works without JavaScript) and comes back to the same page. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const lang = formData.get("lang");
  const back = safeRedirect(formData.get("redirectTo"));
  if (!isLocale(lang)) return redirect(back);
  const user = await getUser(request);
  if (user) await setPreferredLocale(user.id, lang);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(lang) } });
}

export async function loader() {
  return redirect("/");
}
