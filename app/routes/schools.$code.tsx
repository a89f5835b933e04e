import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import type { Locale } from "~/shared/catalog";
import { formatNumber } from "~/shared/locale";
import { localName } from "~/features/schools/names";
import { requireAllowed, requirePermission } from "~/features/access/guard.server";
import { can, canActCityWide, canActForSchool } from "~/features/access/permissions";
import { loadSchool, schoolEnrolment, setStaffSchoolSignIn } from "~/features/schools/schools.server";
import { readForm } from "~/server/request.server";
import { titleOf } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { loadCurrentRound } from "~/features/rounds/rounds.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.school.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "school:list");
  const locale = await getLocale(request);
  const found = await loadSchool(params.code ?? "", locale);
  // Authorise before saying whether a school exists: only city-wide users learn that it does not.
  requireAllowed(found ? canActForSchool(user, found.id) : canActCityWide(user));
  if (!found) throw new Response("Not found", { status: 404 });
  const { id, staff, ...school } = found;
  const round = await loadCurrentRound();
  return {
    strings: pageStrings(locale, ["areas", "format", "phases", "roundAdmin", "schoolLanguages", "schoolTypes", "schools"]),
    school,
    staff,
    round: round ? localName(round, locale) : null,
    canSwitchStaffSignIn: can(user, "school:staff-signin"),
    enrolment: round ? await schoolEnrolment(id, round.id) : [],
  };
}

/** POST staffSignIn=on|off: an admin switches school-account sign-in for this school's staff. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "school:staff-signin");
  const found = await loadSchool(params.code ?? "", "fi");
  if (!found) throw new Response("Not found", { status: 404 });
  const value = (await readForm(request)).get("staffSignIn");
  if (value !== "on" && value !== "off") throw new Response("Bad request", { status: 400 });
  await setStaffSchoolSignIn(found.id, value === "on", user.id);
  return redirect(`/schools/${encodeURIComponent(found.code)}`);
}

export default function School() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { school, staff, round, enrolment, canSwitchStaffSignIn } = useLoaderData<typeof loader>();
  const total = enrolment.reduce((sum, e) => sum + e.eligible, 0);
  return (
    <div className="page">
      <h1>{school.name}</h1>
      <dl className="facts-list">
        <dt>{t("schools.code")}</dt>
        <dd>{school.code}</dd>
        <dt>{t("schools.type")}</dt>
        <dd>
          {t(`schoolTypes.${school.type}`)} ({school.type})
        </dd>
        <dt>{t("schools.language")}</dt>
        <dd>{t(`schoolLanguages.${school.language}`)}</dd>
        <dt>{t("schools.area")}</dt>
        <dd>{t(`areas.${school.area}`)}</dd>
        <dt>{t("schools.staff")}</dt>
        <dd>{staff.length ? staff.join(", ") : t("format.none")}</dd>
        <dt>{t("schools.staffSignIn")}</dt>
        <dd>{school.staffSchoolSignIn ? t("schools.staffSignInOn") : t("schools.staffSignInOff")}</dd>
      </dl>
      {canSwitchStaffSignIn ? (
        <Form method="post">
          <input type="hidden" name="staffSignIn" value={school.staffSchoolSignIn ? "off" : "on"} />
          <Button type="submit" className="button button--secondary">
            {school.staffSchoolSignIn ? t("schools.staffSignInSwitchOff") : t("schools.staffSignInSwitchOn")}
          </Button>
        </Form>
      ) : null}
      {round ? (
        <>
          <h2 id="enrolment-title">{t("schools.enrolmentFor", { round })}</h2>
          {enrolment.length ? (
            // Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1).
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            <div className="table-wrap" role="region" aria-labelledby="enrolment-title" tabIndex={0}>
              <table aria-labelledby="enrolment-title">
                <thead>
                  <tr>
                    <th scope="col">{t("schools.classLevel")}</th>
                    <th scope="col" className="num">
                      {t("schools.eligible")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {enrolment.map((e) => (
                    <tr key={e.classLevel}>
                      <th scope="row">{e.classLevel}</th>
                      <td className="num">{formatNumber(e.eligible, locale)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("schools.eligibleTotal")}</th>
                    <td className="num">{formatNumber(total, locale)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          ) : (
            <p>{t("schools.noEnrolment")}</p>
          )}
        </>
      ) : null}
    </div>
  );
}
