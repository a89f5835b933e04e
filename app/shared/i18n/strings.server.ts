// The server's side of decision 012: loaders pick the namespaces of the page's language that its
// components use and send them as `strings` (see ./page.ts). tests/unit/page-strings.test.ts checks
// that every route sends the namespaces its code uses.
import type { Locale } from "~/shared/catalog";
import { catalogues } from "./index";
import type { Namespace, PageStrings } from "./page";

export { i18nFor } from "./index";

/** What the root sends on every page: the header, the footer, the language switcher, error pages. */
export const ROOT_NAMESPACES = ["app", "nav", "roles", "errors"] as const satisfies readonly Namespace[];

/** The namespaces `namespaces` of the catalogue of `locale`, for a loader's `strings`. */
export function pageStrings(locale: Locale, namespaces: readonly Namespace[]): PageStrings {
  const catalogue = catalogues[locale];
  const messages: Record<string, unknown> = {};
  for (const namespace of namespaces) messages[namespace] = catalogue[namespace];
  return { locale, messages: messages as PageStrings["messages"] };
}
