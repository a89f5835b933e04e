import { useTranslation } from "react-i18next";
import { SECTORS, type AreaSlug } from "~/shared/catalog";
import { ADULT_ROLES } from "~/features/access/users";

export interface SchoolOption {
  id: string;
  code: string;
  name: string;
  area: AreaSlug;
}

/** Native select: it works without JavaScript and with every screen reader. */
export function RoleSelect({ id, defaultValue, error, label }: { id: string; defaultValue?: string; error?: string; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select id={id} name="role" defaultValue={defaultValue ?? "staff"} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {ADULT_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function SchoolCheckboxes({ schools, selected, error, legend }: { schools: SchoolOption[]; selected: readonly string[]; error?: string; legend: string }) {
  const { t } = useTranslation();
  return (
    <fieldset id="field-schools" aria-describedby={error ? "schools-error schools-help" : "schools-help"}>
      <legend>{legend}</legend>
      <p id="schools-help" className="field__description">
        {t("users.schoolsHelp")}
      </p>
      {error ? (
        <p id="schools-error" className="field__error">
          {error}
        </p>
      ) : null}
      <div className="checkbox-grid">
        {schools.map((s) => (
          <label key={s.id}>
            <input type="checkbox" name="schools" value={s.id} defaultChecked={selected.includes(s.id)} />
            <span>
              {s.name} <span className="field__description">({t(`areas.${s.area}`)})</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Education sectors a staff member moderates city-wide (e.g. a vocational education coordinator). */
export function SectorCheckboxes({ selected, legend }: { selected: readonly string[]; legend: string }) {
  const { t } = useTranslation();
  return (
    <fieldset id="field-sectors" aria-describedby="sectors-help">
      <legend>{legend}</legend>
      <p id="sectors-help" className="field__description">
        {t("users.sectorsHelp")}
      </p>
      <div className="checkbox-grid">
        {SECTORS.map((s) => (
          <label key={s}>
            <input type="checkbox" name="sectors" value={s} defaultChecked={selected.includes(s)} />
            <span>{t(`sectors.${s}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
