import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { FieldError, Label, Text, TextArea, TextField } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { EventType, ProposalStatus } from "~/features/proposals/proposals";

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
  const counter = left === null ? "" : left >= 0 ? t("proposals.charactersLeft", { count: left }) : t("proposals.charactersOver", { count: -left });
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

export function StatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`statuses.${status}`)}</span>;
}

export interface TimelineEvent {
  id: string;
  type: EventType;
  at: string;
  reason: string | null;
  target: { kind: "proposal" | "project"; title: string; href: string | null } | null;
}

/** A proposal's story, oldest first: every step with its date and the staff member's reason. */
export function Timeline({ events, locale }: { events: TimelineEvent[]; locale: string }) {
  const { t } = useTranslation();
  const format = new Intl.DateTimeFormat({ fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[locale] ?? "fi-FI", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Helsinki",
  });
  return (
    <ol className="story">
      {events.map((e) => (
        <li key={e.id} className={`story__item story__item--${e.type}`}>
          <span className="story__what">{t(`events.${e.type}`)}</span>{" "}
          <time className="story__when" dateTime={e.at}>
            {format.format(new Date(e.at))}
          </time>
          {e.reason ? (
            <p className="story__reason">
              <span className="story__label">{t("proposals.reason")}:</span> {e.reason}
            </p>
          ) : null}
          {e.target ? (
            <p className="story__target">
              {e.target.href ? (
                <Link to={e.target.href}>
                  {e.target.kind === "proposal" ? t("proposals.mergedInto", { title: e.target.title }) : t("proposals.project", { title: e.target.title })}
                </Link>
              ) : e.target.kind === "proposal" ? (
                t("proposals.mergedInto", { title: e.target.title })
              ) : (
                t("proposals.project", { title: e.target.title })
              )}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
