import { useTranslation } from "~/shared/i18n/react";
import type { AreaSlug, Locale } from "~/shared/catalog";
import { formatEuros } from "~/shared/locale";

/** A round's budget per area with the total (front page and the round's page). */
export function BudgetTable({ areas, labelledBy }: { areas: ReadonlyArray<{ slug: AreaSlug; budget: number }>; labelledBy: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const total = areas.reduce((sum, a) => sum + a.budget, 0);
  return (
    <div className="table-wrap">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t("home.area")}</th>
            <th scope="col" className="num">
              {t("home.budget")}
            </th>
          </tr>
        </thead>
        <tbody>
          {areas.map((a) => (
            <tr key={a.slug}>
              <th scope="row">{t(`areas.${a.slug}`)}</th>
              <td className="num">{formatEuros(a.budget, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("home.total")}</th>
            <td className="num">{formatEuros(total, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
