// A form's messages without any form field: the server's messages translated (catalogue keys with
// values, app/shared/forms.ts), the error summary at the top of a form and notices. Plain HTML, no
// react-aria, so pages that need only these (the ballot) do not load react-aria (decision 012);
// app/shared/fields.tsx re-exports them beside the fields.
import type { ReactNode } from "react";
import { useTranslation } from "~/shared/i18n/react";
import type { FormReply } from "~/shared/forms";

/** Translates a server message (a catalogue key with values). */
export function useMessageText() {
  const { t } = useTranslation();
  return (m: { key: string; values?: Record<string, string | number> }) => t(m.key as never, m.values as never) as unknown as string;
}

/** Translated messages of a server reply: one per field, and the form's own. */
export function useReplyMessages(reply: FormReply | undefined) {
  const translate = useMessageText();
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(reply?.fieldErrors ?? {})) fields[name] = translate(message);
  return { fields, form: reply?.formError ? translate(reply.formError) : undefined };
}

/** The error summary at the top of a form: a live alert with links to the fields. */
export function ErrorSummary({ fields, form }: { fields: Record<string, string>; form?: string }) {
  const { t } = useTranslation();
  const entries = Object.entries(fields);
  if (!form && entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title" className="error-summary__title">
        {t("errors.formTitle")}
      </h2>
      <ul>
        {form ? <li>{form}</li> : null}
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#field-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "success" }) {
  return (
    <p className={`notice notice--${tone}`} role="status">
      {children}
    </p>
  );
}
