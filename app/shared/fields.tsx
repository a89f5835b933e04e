// Form building blocks on react-aria-components. They render plain <input>s with names, so every
// form works without JavaScript; errors come from the server action (translated keys) and are tied
// to their fields with aria-describedby, and summarised at the top of the form.
import type { ReactNode } from "react";
import { FieldError, Input, Label, Text, TextField } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/shared/forms";

export function Field(props: {
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  defaultValue?: string;
  error?: string;
  description?: string;
  autoComplete?: string;
  isRequired?: boolean;
  inputMode?: "text" | "email";
  autoCapitalize?: string;
  spellCheck?: boolean;
  maxLength?: number;
}) {
  return (
    <TextField
      name={props.name}
      type={props.type ?? "text"}
      defaultValue={props.defaultValue}
      isInvalid={Boolean(props.error)}
      isRequired={props.isRequired}
      validationBehavior="aria"
      autoComplete={props.autoComplete}
      inputMode={props.inputMode}
      maxLength={props.maxLength}
      className="field"
    >
      <Label className="field__label">{props.label}</Label>
      {props.description ? (
        <Text slot="description" className="field__description">
          {props.description}
        </Text>
      ) : null}
      <Input
        id={`field-${props.name}`}
        className="field__input"
        autoCapitalize={props.autoCapitalize}
        spellCheck={props.spellCheck}
      />
      <FieldError className="field__error">{props.error}</FieldError>
    </TextField>
  );
}

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

/**
 * A labelled native <select>: it works without JavaScript and with every screen reader. An error
 * is tied to it with aria-describedby, like the text fields above.
 */
export function SelectField(props: {
  id: string;
  name: string;
  label: string;
  defaultValue?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  error?: string;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label htmlFor={props.id} className="field__label">
        {props.label}
      </label>
      <select
        id={props.id}
        name={props.name}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <span id={errorId} className="field__error">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}
