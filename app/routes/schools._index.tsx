import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import type { Locale } from "~/shared/catalog";
import { formatNumber } from "~/shared/locale";
import { localName } from "~/features/schools/names";
import { requirePermission } from "~/features/access/guard.server";
import { schoolScope } from "~/features/access/permissions";
import { listSchools } from "~/features/schools/schools.server";
import { titled } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { loadCurrentRound } from "~/features/rounds/rounds.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("schools.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "school:list");
  const [locale, round] = await Promise.all([getLocale(request), loadCurrentRound()]);
  return {
    strings: pageStrings(locale, ["account", "areas", "format", "phases", "roundAdmin", "schoolLanguages", "schoolTypes", "schools"]),
    staffView: schoolScope(user) !== null,
    round: round ? localName(round, locale) : null,
    schools: await listSchools(schoolScope(user), round?.id ?? null, locale),
  };
}

export default function Schools() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { schools, staffView, round } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("schools.title")}</h1>
      <p>{staffView ? t("schools.staffIntro") : t("schools.intro")}</p>
      {schools.length === 0 ? (
        <p>{staffView ? t("account.noSchools") : t("schools.none")}</p>
      ) : (
        // Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" role="region" aria-labelledby="schools-caption" tabIndex={0}>
          <table>
            <caption id="schools-caption">
              {t("schools.count", { count: schools.length })}
              {round ? ` · ${t("schools.enrolmentFor", { round })}` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("schools.name")}</th>
                <th scope="col">{t("schools.code")}</th>
                <th scope="col">{t("schools.type")}</th>
                <th scope="col">{t("schools.language")}</th>
                <th scope="col">{t("schools.area")}</th>
                <th scope="col" className="num">
                  {t("schools.eligible")}
                </th>
              </tr>
            </thead>
            <tbody>
              {schools.map((s) => (
                <tr key={s.code}>
                  <th scope="row">
                    <Link to={`/schools/${encodeURIComponent(s.code)}`}>{s.name}</Link>
                  </th>
                  <td>{s.code}</td>
                  <td>
                    {t(`schoolTypes.${s.type}`)} ({s.type})
                  </td>
                  <td>{t(`schoolLanguages.${s.language}`)}</td>
                  <td>{t(`areas.${s.area}`)}</td>
                  <td className="num">{s.eligible === null ? t("format.none") : formatNumber(s.eligible, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
