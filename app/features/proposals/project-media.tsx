// A ballot project's picture and description, as the ballot, the review page, the results and the
// project list show them. Descriptions are plain text: rendered as text (React escapes it) with
// their line breaks kept by CSS (white-space: pre-line), never as HTML. A long description shows its
// first words and the rest behind "Read more" (a native <details>, so it works without JavaScript).
import { useTranslation } from "~/shared/i18n/react";
import type { ProjectMedia } from "./projects";

// Here rather than imported from ./projects (the same rule as its shortDescription and
// PROJECT_DESCRIPTION_SHORT): importing any value from ./projects brings its zod schemas, and zod,
// into the ballot's JavaScript (58 KB minified, 18 KB gzip; docs/decisions/012-client-strings.md).
// The copy in ./projects is now unused and can go, or move to a module without schemas.
const SHORT_DESCRIPTION = 160;

/** The first words of a long description (cut at a word, with "…"), or null when it is short enough to show whole. */
function shortDescription(text: string, max = SHORT_DESCRIPTION): string | null {
  if (text.length <= max) return null;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

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
