// /turnout?round=SLUG&by=type,language[&public=1][&school=CODE]: turnout of a round for staff (their
// own schools, public figures only), coordinators and admins (the whole city, exact or public).
// The table, a chart beside it (server-rendered SVG; the table is its accessible alternative),
// downloads (/turnout/export), and for coordinators and admins the enrolment import. During voting
// the figures refresh in place (turnout-live.tsx), or with the "Refresh figures" link without JavaScript.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { Notice } from "~/shared/fields";
import { RoundPicker } from "~/features/rounds/round-picker";
import { requirePermission } from "~/features/access/guard.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { importEnrolmentForm, loadTurnoutPage } from "~/features/turnout/turnout-page.server";
import { CountedAt, useLiveTurnout } from "~/features/turnout/turnout-live";
import { EnrolmentImport, GroupingForm, TurnoutDownloads, TurnoutTableAndChart } from "~/features/turnout/turnout-ui";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("turnout.title");

// Live figures: never from a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "turnout:view");
  return { ...(await loadTurnoutPage(user, new URL(request.url), await getLocale(request))), strings: pageStrings(await getLocale(request), ["forms", "phases", "roundAdmin", "rounds", "schoolLanguages", "schoolTypes", "turnout"]) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "enrolment:import");
  const { reply, status } = await importEnrolmentForm(request, user.id, await getLocale(request));
  return data(reply, { status });
}

export default function Turnout() {
  const { t } = useTranslation();
  const live = useLiveTurnout(useLoaderData<typeof loader>());
  const { round, view, by, grouping, isPublic, isStaff, canImport, roundOptions, schoolCode, refreshHref } = live.data;
  const reply = useActionData<typeof action>();
  const groupingName = grouping ? t(`turnout.groupings.${grouping}`) : by;
  return (
    <div className="page">
      <h1>{t("turnout.title")}</h1>
      <p>{t("turnout.intro")}</p>
      {!round || !view ? (
        <Notice>{t("turnout.noRound")}</Notice>
      ) : (
        <>
          {view.scopeSchools ? <p>{view.scopeSchools.length ? t("turnout.staffScope", { schools: view.scopeSchools.join(", ") }) : t("turnout.noSchools")}</p> : null}
          <RoundPicker options={roundOptions} current={round.slug} />
          <GroupingForm round={round.slug} schoolCode={schoolCode} by={by} grouping={grouping} isStaff={isStaff} isPublic={isPublic} />

          <p role="status">
            {view.status.key === "live"
              ? t("turnout.live")
              : view.status.key === "final"
                ? t("turnout.final")
                : t("turnout.notStarted", { date: view.status.date })}
          </p>
          <CountedAt live={live} time={view.counted.time} refreshHref={refreshHref} />
          {view.hasEnrolment ? null : <Notice>{t("turnout.noEnrolment")}</Notice>}
          <p className="notice">{isPublic ? t("turnout.publicNote") : t("turnout.exactNote")}</p>
          {view.keys.includes("day") ? <p>{t("turnout.dayNote")}</p> : null}

          <TurnoutTableAndChart view={view} caption={t("turnout.tableCaption", { grouping: groupingName, round: round.name })} groupingName={groupingName} />

          <TurnoutDownloads round={round.slug} by={by} isStaff={isStaff} schoolCode={schoolCode} />

          {canImport ? <EnrolmentImport round={round.slug} reply={reply} /> : null}
        </>
      )}
    </div>
  );
}
