import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import type { Locale } from "~/shared/catalog";
import { requirePermission } from "~/features/access/guard.server";
import { takeReceipt } from "~/features/voting/ballot-page.server";
import { titled } from "~/shared/meta";
import { pageStrings } from "~/shared/i18n/strings.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction = titled("vote.castTitle");

/** The receipt must not stay in the browser's cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** Shows the receipt once, right after casting; reloading the page does not show it again. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "vote:cast");
  const flash = await takeReceipt(request);
  if (!flash) throw redirect("/vote");
  return data({ strings: pageStrings(await getLocale(request), ["areas", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "statuses", "vote"]), receipt: flash.receipt, at: flash.at }, { headers: { "Set-Cookie": flash.clear, "Cache-Control": "no-store" } });
}

export default function Receipt() {
  const { t, i18n } = useTranslation();
  const { receipt, at } = useLoaderData<typeof loader>();
  const date = new Intl.DateTimeFormat({ fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[i18n.language as Locale], { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Helsinki" }).format(new Date(at));
  return (
    <div className="page page--narrow">
      <h1>{t("vote.castTitle")}</h1>
      <p role="status">{t("vote.castIntro", { date })}</p>
      <h2>{t("vote.receipt")}</h2>
      <p className="receipt" data-testid="receipt">
        {receipt}
      </p>
      <p>{t("vote.receiptHelp")}</p>
      <p>
        <Link to="/vote/check">{t("vote.checkLink")}</Link>
      </p>
    </div>
  );
}
