// The fields of the admin's account forms (/admin/users, /admin/users/ID), built from the shared
// field components (app/shared/fields.tsx).
import { useTranslation } from "~/shared/i18n/react";
import { CheckboxGroupField, SelectField } from "~/shared/fields";
import { SECTORS, type AreaSlug } from "~/shared/catalog";
import { ADULT_ROLES } from "~/features/access/users";

export interface SchoolOption {
  id: string;
  code: string;
  name: string;
  area: AreaSlug;
}

/** The role of an adult account (`field-role`); staff first, the default. */
export function RoleSelect({ defaultValue, error, label }: { defaultValue?: string; error?: string; label: string }) {
  const { t } = useTranslation();
  return <SelectField name="role" label={label} defaultValue={defaultValue} error={error} options={ADULT_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />;
}

/** The schools a staff member serves (`field-schools`, `schools-help`, `schools-error`). */
export function SchoolCheckboxes({ schools, selected, error, legend }: { schools: SchoolOption[]; selected: readonly string[]; error?: string; legend: string }) {
  const { t } = useTranslation();
  return (
    <CheckboxGroupField
      name="schools"
      legend={legend}
      help={t("users.schoolsHelp")}
      error={error}
      selected={selected}
      options={schools.map((s) => ({
        value: s.id,
        label: (
          <>
            {s.name} <span className="field__description">({t(`areas.${s.area}`)})</span>
          </>
        ),
      }))}
    />
  );
}

/** Education sectors a staff member moderates city-wide (e.g. a vocational education coordinator). */
export function SectorCheckboxes({ selected, legend }: { selected: readonly string[]; legend: string }) {
  const { t } = useTranslation();
  return <CheckboxGroupField name="sectors" legend={legend} help={t("users.sectorsHelp")} selected={selected} options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} />;
}
