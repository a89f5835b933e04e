import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Notice, useReplyMessages } from "~/shared/fields";
import codesStyles from "~/styles/codes.css";
import { requirePermission } from "~/features/access/guard.server";
import { codesPage, issueSheetFromForm, revokeFromForm, type SheetReply } from "~/features/voting/code-sheets.server";
import { CodeSheet, IssuedCodes, SheetForm } from "~/features/voting/codes-ui";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { readForm } from "~/server/request.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("codes.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: codesStyles }];

// Sheets carry sign-in codes in clear: never keep them in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "code:issue");
  return { ...(await codesPage(user, new URL(request.url), await getLocale(request))), strings: pageStrings(await getLocale(request), ["codes", "forms"]) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "code:issue");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "revoke") return redirect(await revokeFromForm(user, formData), 303);
  // The CSV download is a resource route of its own (a page's action cannot answer with a file):
  // send the same form there, method and body kept.
  if (intent === "csv") return redirect("/codes/csv", 307);
  if (intent !== "sheet") throw new Response("Bad request", { status: 400 });
  const result = await issueSheetFromForm(user, formData, new URL(request.url).origin, await getLocale(request));
  // A refused form is a 400, as `replyWith` sends it; the reply carries the sheet next to the form's reply.
  return data<SheetReply>(result.reply, { status: result.ok ? 200 : 400 });
}

export default function Codes() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const { schools, rounds, revoked } = loaderData;
  const values = reply?.values ?? {};
  const sheet = reply?.sheet ?? null;
  const list = reply?.list ?? loaderData.list;
  const chosenSchool = values.school ?? loaderData.chosen.school ?? "";
  const chosenClass = values.classLevel ?? (loaderData.chosen.classLevel !== null ? String(loaderData.chosen.classLevel) : "");
  const chosenRound = values.round ?? loaderData.chosen.round ?? rounds[0]?.slug ?? "";
  const schoolOptions = schools.map((s) => ({ value: s.code, label: s.name }));

  return (
    <div className="page codes-page">
      {sheet ? <CodeSheet sheet={sheet} /> : null}

      <div className="codes-noprint">
        {sheet ? <h2>{t("codes.title")}</h2> : <h1>{t("codes.title")}</h1>}
        <p>{t("codes.intro")}</p>
        {revoked ? <Notice tone="success">{t("codes.revokedNotice", { pseudonym: revoked })}</Notice> : null}
        {schools.length === 0 ? (
          <Notice>{t("codes.noSchools")}</Notice>
        ) : (
          <>
            <ErrorSummary {...messages} />
            <SheetForm
              rounds={rounds.map((r) => ({ value: r.slug, label: r.name }))}
              schools={schoolOptions}
              chosen={{ round: chosenRound, school: chosenSchool, classLevel: chosenClass, count: values.count ?? "" }}
              errors={messages.fields}
            />
            <IssuedCodes schools={schoolOptions} list={list} chosenSchool={chosenSchool} />
          </>
        )}
      </div>
    </div>
  );
}
