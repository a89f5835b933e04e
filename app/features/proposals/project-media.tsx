// A ballot project's picture and description, as the ballot, the review page, the results and the
// project list show them. Descriptions are plain text: rendered as text (React escapes it) with
// their line breaks kept by CSS (white-space: pre-line), never as HTML. A long description shows its
// first words and the rest behind "Read more" (a native <details>, so it works without JavaScript).
import { useTranslation } from "~/shared/i18n/react";
import { shortDescription } from "./description";
import type { ProjectMedia } from "./projects";

export function ProjectPicture({ picture, className }: { picture: ProjectMedia["picture"]; className?: string }) {
  if (!picture) return null;
  return <img src={picture.src} width={picture.width} height={picture.height} alt={picture.alt} loading="lazy" decoding="async" className={className ? `project-picture ${className}` : "project-picture"} />;
}

/** The description; `compact` cuts a long one behind "Read more" (`title` names the project for screen readers). */
export function ProjectDescription({ media, title, compact = false, className }: { media: ProjectMedia; title: string; compact?: boolean; className?: string }) {
  const { t } = useTranslation();
  if (!media.description) return null;
  const lang = media.descriptionLang ?? undefined;
  const classes = className ? `project-description ${className}` : "project-description";
  const short = compact ? shortDescription(media.description) : null;
  if (!short) {
    return (
      <p className={`${classes} project-description__text`} lang={lang}>
        {media.description}
      </p>
    );
  }
  return (
    <div className={classes} lang={lang}>
      <p className="project-description__short project-description__text">{short}</p>
      <details className="project-description__more">
        <summary>
          {t("projects.readMore")}
          <span className="visually-hidden"> {t("projects.readMoreAbout", { title })}</span>
        </summary>
        <p className="project-description__text">{media.description}</p>
      </details>
    </div>
  );
}
