// The one set of form fields: text (react-aria TextField), textarea with a counter, native inputs
// (dates, numbers), select, checkbox group and fieldset. They render plain form controls with names,
// so every form works without JavaScript; errors come from the server action (translation keys in a
// FormReply, app/shared/forms.ts), are tied to their fields with aria-describedby (ids
// `field-NAME`, `NAME-help`, `NAME-error`), and are summarised at the top of the form (ErrorSummary).
import { useEffect, useState, type ReactNode } from "react";
import { FieldError, Input, Label, Text, TextArea, TextField } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";

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

// The server's messages, the error summary and notices live in ./messages.tsx (no react-aria there,
// so a page without text fields, such as the ballot, does not load react-aria); re-exported here.
export { ErrorSummary, Notice, useMessageText, useReplyMessages } from "~/shared/messages";

/**
 * A labelled native <select>: it works without JavaScript and with every screen reader. An error
 * is tied to it with aria-describedby, like the text fields above.
 */
export function SelectField(props: {
  /** Defaults to `field-NAME`, the anchor of the error summary. */
  id?: string;
  name: string;
  label: string;
  defaultValue?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  error?: string;
}) {
  const id = props.id ?? `field-${props.name}`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      <select
        id={id}
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

/** `aria-describedby` for a field with optional help and error texts. */
export function describedBy(name: string, help: boolean, error: boolean): string | undefined {
  const ids = [help ? `${name}-help` : "", error ? `${name}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/**
 * A native input (dates, numbers, read-only values) with its label, help and error. Numbers use
 * inputMode="numeric" on a text input, so what was typed comes back unchanged when it is refused.
 */
export function InputField(props: {
  name: string;
  label: string;
  type?: "text" | "date";
  defaultValue?: string;
  help?: string;
  error?: string;
  inputMode?: "numeric";
  readOnly?: boolean;
  required?: boolean;
}) {
  const id = `field-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      {props.help ? (
        <span id={`${id}-help`} className="field__description">
          {props.help}
        </span>
      ) : null}
      <input
        id={id}
        name={props.readOnly ? undefined : props.name}
        type={props.type ?? "text"}
        className="field__input"
        defaultValue={props.defaultValue}
        inputMode={props.inputMode}
        readOnly={props.readOnly}
        aria-required={props.required || undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(props.help), Boolean(props.error))}
        autoComplete="off"
      />
      {props.error ? (
        <span id={`${id}-error`} className="field__error">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A multi-line field with its length limit. The limit is always in the description; with
 * JavaScript a counter shows what is left as you type, and screen readers hear it after a pause.
 */
export function TextAreaField(props: {
  name: string;
  label: string;
  description: string;
  defaultValue?: string;
  error?: string;
  maxLength: number;
  rows?: number;
}) {
  const { t } = useTranslation();
  const [length, setLength] = useState<number | null>(null);
  const [announced, setAnnounced] = useState("");
  const left = length === null ? null : props.maxLength - length;
  const counter = left === null ? "" : left >= 0 ? t("forms.charactersLeft", { count: left }) : t("forms.charactersOver", { count: -left });
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(counter), 1000);
    return () => clearTimeout(timer);
  }, [counter]);
  return (
    <TextField
      name={props.name}
      defaultValue={props.defaultValue}
      isInvalid={Boolean(props.error)}
      validationBehavior="aria"
      className="field field--wide"
      onChange={(value) => setLength(value.trim().length)}
    >
      <Label className="field__label">{props.label}</Label>
      <Text slot="description" className="field__description">
        {props.description}
      </Text>
      <TextArea id={`field-${props.name}`} className="field__input" rows={props.rows ?? 6} />
      {counter ? (
        <span className={left !== null && left < 0 ? "field__counter field__counter--over" : "field__counter"} aria-hidden="true">
          {counter}
        </span>
      ) : null}
      <span className="visually-hidden" aria-live="polite">
        {announced}
      </span>
      <FieldError className="field__error">{props.error}</FieldError>
    </TextField>
  );
}

/**
 * A group of related fields under a legend, with optional help and error (ids `field-NAME`,
 * `NAME-help`, `NAME-error`, so the error summary can link to it).
 */
export function Fieldset(props: { name?: string; legend: string; help?: string; error?: string; className?: string; children: ReactNode }) {
  const name = props.name;
  return (
    <fieldset
      id={name ? `field-${name}` : undefined}
      className={props.className}
      aria-describedby={name ? describedBy(name, Boolean(props.help), Boolean(props.error)) : undefined}
    >
      <legend>{props.legend}</legend>
      {props.help ? (
        <p id={name ? `${name}-help` : undefined} className="field__description">
          {props.help}
        </p>
      ) : null}
      {props.error ? (
        <p id={name ? `${name}-error` : undefined} className="field__error">
          {props.error}
        </p>
      ) : null}
      {props.children}
    </fieldset>
  );
}

/** Checkboxes that post one value each under the same name (schools, sectors, class levels…). */
export function CheckboxGroupField(props: {
  name: string;
  legend: string;
  help?: string;
  error?: string;
  options: ReadonlyArray<{ value: string; label: ReactNode }>;
  selected: readonly string[];
}) {
  return (
    <Fieldset name={props.name} legend={props.legend} help={props.help} error={props.error}>
      <div className="checkbox-grid">
        {props.options.map((o) => (
          <label key={o.value}>
            <input type="checkbox" name={props.name} value={o.value} defaultChecked={props.selected.includes(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}
