// How a long project description is shortened on the ballot and in lists. Its own module, with no
// imports: the ballot's browser bundle uses it, and ./projects would bring zod with it
// (docs/decisions/012-client-strings.md).

/** Characters of a description shown before "Read more". */
export const PROJECT_DESCRIPTION_SHORT = 160;

/** The first words of a long description (cut at a word, with "…"), or null when it is short enough to show whole. */
export function shortDescription(text: string, max = PROJECT_DESCRIPTION_SHORT): string | null {
  if (text.length <= max) return null;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
