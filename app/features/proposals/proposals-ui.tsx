import { Link } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import type { EventType, ProposalStatus } from "~/features/proposals/proposals";

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
  /** For "progress": the project's new status and the update's text in the page's language. */
  update?: { status: string; text: string } | null;
}

/** The pupil's own steps, which staff read in the third person ("The pupil sent the idea"). */
const PUPIL_STEPS = new Set<EventType>(["created", "edited", "submitted", "resubmitted"]);

/**
 * A proposal's story, oldest first: every step with its date and the staff member's reason.
 * `viewer` "pupil" (the proposer or a co-proposer) reads "you"; "staff" reads "the pupil".
 */
export function Timeline({ events, locale, viewer = "pupil" }: { events: TimelineEvent[]; locale: string; viewer?: "pupil" | "staff" }) {
  const { t } = useTranslation();
  const format = new Intl.DateTimeFormat({ fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[locale] ?? "fi-FI", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Helsinki",
  });
  const eventText = (e: TimelineEvent) =>
    e.type === "progress"
      ? t("events.progress", { status: t(`followUp.statuses.${(e.update?.status ?? "in-progress") as "in-progress"}`) })
      : viewer === "staff" && PUPIL_STEPS.has(e.type)
        ? t(`proposals.staffEvents.${e.type as "created" | "edited" | "submitted" | "resubmitted"}`)
        : t(`events.${e.type as Exclude<EventType, "progress">}`);
  return (
    <ol className="story">
      {events.map((e) => (
        <li key={e.id} className={`story__item story__item--${e.type}`}>
          <span className="story__what">{eventText(e)}</span>{" "}
          <time className="story__when" dateTime={e.at}>
            {format.format(new Date(e.at))}
          </time>
          {e.reason ? (
            <p className="story__reason">
              <span className="story__label">{t("proposals.reason")}:</span> {e.reason}
            </p>
          ) : null}
          {e.update?.text ? <p className="story__reason">{e.update.text}</p> : null}
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
