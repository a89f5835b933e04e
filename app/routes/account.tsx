import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { requireUser } from "~/features/access/guard.server";
import { schoolNames } from "~/features/schools/schools.server";
import { roundNameOf } from "~/features/rounds/rounds.server";
import { titled } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { SchoolSignInButtons } from "~/features/access/school-signin-ui";
import { canLinkSchoolAccount, schoolSignInButtons } from "~/features/voting/school-signin.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  return {
    strings: pageStrings(locale, ["account", "codes", "format", "newPassword", "phases", "roundAdmin", "schoolSignIn", "schools"]),
    user: { role: user.role, displayName: user.displayName, email: user.email, classLevel: user.classLevel },
    schools: await schoolNames(user.schoolIds, locale),
    round: user.roundId ? await roundNameOf(user.roundId, locale) : null,
    // A pupil on a code may link their school account (then both count as one pupil).
    schoolSignIn: (await canLinkSchoolAccount(user)) ? schoolSignInButtons(locale, { link: true }) : [],
  };
}

export default function Account() {
  const { t } = useTranslation();
  const { user, schools, round, schoolSignIn } = useLoaderData<typeof loader>();
  const pupil = user.role === "pupil";
  return (
    <div className="page page--narrow">
      <h1>{t("account.title")}</h1>
      <dl className="facts-list">
        <dt>{pupil ? t("account.pseudonym") : t("account.name")}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t("account.role")}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
        {user.email ? (
          <>
            <dt>{t("account.email")}</dt>
            <dd>{user.email}</dd>
          </>
        ) : null}
        {pupil ? (
          <>
            <dt>{t("account.school")}</dt>
            <dd>{schools[0]?.name ?? t("format.none")}</dd>
            <dt>{t("account.classLevel")}</dt>
            <dd>{user.classLevel ?? t("format.none")}</dd>
            <dt>{t("account.round")}</dt>
            <dd>{round ?? t("format.none")}</dd>
          </>
        ) : null}
      </dl>
      {pupil ? <p>{t("account.pupilPrivacy")}</p> : null}
      {!pupil && user.email ? (
        <p>
          <a href="/account/password">{t("newPassword.link")}</a>
        </p>
      ) : null}
      {schoolSignIn.length ? (
        <>
          <h2>{t("schoolSignIn.linkTitle")}</h2>
          <p>{t("schoolSignIn.linkIntro")}</p>
          <SchoolSignInButtons buttons={schoolSignIn} redirectTo="/account" showOr={false} />
        </>
      ) : null}
      {user.role === "staff" ? (
        <>
          <h2>{t("account.schools")}</h2>
          {schools.length ? (
            <ul>
              {schools.map((s) => (
                <li key={s.code}>
                  <a href={`/schools/${encodeURIComponent(s.code)}`}>{s.name}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("account.noSchools")}</p>
          )}
        </>
      ) : null}
    </div>
  );
}
