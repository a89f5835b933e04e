import { Form } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";

/** A GET form to switch the page to another round (works without JavaScript). */
export function RoundPicker({ options, current }: { options: Array<{ slug: string; name: string }>; current: string | null }) {
  const { t } = useTranslation();
  if (options.length < 2) return null;
  return (
    <Form method="get" className="inline-form round-picker">
      <label htmlFor="round-picker" className="field__label">
        {t("rounds.name")}
      </label>
      <select id="round-picker" name="round" defaultValue={current ?? ""}>
        {options.map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--secondary button--small">
        {t("app.changeRound")}
      </button>
    </Form>
  );
}
