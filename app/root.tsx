import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nProvider, useTranslation } from "./shared/i18n/react";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./shared/catalog";
import { navigationFor, type NavItem } from "~/features/access/navigation";
import { pageI18n, stringsOf, type PageStrings } from "./shared/i18n/page";
import { pageStrings, ROOT_NAMESPACES } from "./shared/i18n/strings.server";
import styles from "./styles/app.css";
import pictureStyles from "./styles/pictures.css";
import { getCurrentSession, requirePasswordChosen } from "./features/access/auth.server";
import { getLocale } from "./server/locale.server";
import { isRefusal, minutesToWait } from "./shared/refusal";
import { useNonce } from "./shared/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: pictureStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "OmaKoulu" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, current] = await Promise.all([getLocale(request), getCurrentSession(request)]);
  // After an admin reset the password, every page leads to choosing a new one (decision 002).
  if (current) requirePasswordChosen(request, current.user);
  const headers = new Headers();
  if (current?.refreshedCookie) headers.append("Set-Cookie", current.refreshedCookie);
  const user = current
    ? { displayName: current.user.displayName, role: current.user.role, nav: navigationFor(current.user.role) }
    : null;
  // Only this language's strings, and only those of the header, footer and error pages: each route
  // sends its own namespaces (docs/decisions/012-client-strings.md).
  return data({ locale, user, strings: pageStrings(locale, ROOT_NAMESPACES) }, { headers });
}

const NAV_PATHS: Record<NavItem, string> = {
  account: "/account",
  schools: "/schools",
  rounds: "/rounds",
  users: "/admin/users",
  myIdeas: "/my-ideas",
  moderation: "/moderation",
  projects: "/projects",
  codes: "/codes",
  paper: "/paper",
  vote: "/vote",
  turnout: "/turnout",
  audit: "/audit",
};

function LanguageSwitcher({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  // A page at a one-time address (a sign-in callback) names where a language switch should go instead.
  const matches = useMatches();
  const override = matches
    .map((m) => (m.handle as { languageReturnTo?: (data: unknown) => string | null } | undefined)?.languageReturnTo?.(m.data) ?? null)
    .find((path) => path !== null);
  return (
    <Form method="post" action="/language" className="language-switcher" aria-label={t("app.language")}>
      <input type="hidden" name="redirectTo" value={override ?? `${location.pathname}${location.search}`} />
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="lang"
          value={l}
          lang={l}
          aria-current={l === locale ? "true" : undefined}
        >
          {t(`app.languageNames.${l}`)}
        </button>
      ))}
    </Form>
  );
}

function Header() {
  const { t } = useTranslation();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const locale = rootData?.locale ?? DEFAULT_LOCALE;
  const user = rootData?.user ?? null;
  return (
    <header className="site-header">
      <div className="site-header__top">
        <a href="/" className="brand">
          <span className="brand__name">{t("app.name")}</span>
          <span className="brand__tagline">{t("app.tagline")}</span>
        </a>
        <LanguageSwitcher locale={locale} />
      </div>
      <nav aria-label={t("app.mainNavigation")} className="site-nav">
        <ul>
          <li>
            <NavLink to="/" end>
              {t("app.home")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/ideas" end>
              {t("nav.ideas")}
            </NavLink>
          </li>
          {user?.nav.map((item) => (
            <li key={item}>
              <NavLink to={NAV_PATHS[item]}>{t(`nav.${item}`)}</NavLink>
            </li>
          ))}
        </ul>
        <div className="site-nav__session">
          {user ? (
            <>
              <span className="site-nav__who">
                {t("app.signedInAs", { name: user.displayName })} ({t(`roles.${user.role}`)})
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--secondary button--small">
                  {t("app.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <NavLink to="/login/code" className="button button--small">
              {t("app.signIn")}
            </NavLink>
          )}
        </div>
      </nav>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const error = useRouteError();
  // The page's language comes from the root loader (cookie, then Accept-Language), on the server
  // and in the browser alike; its strings are those the matched routes' loaders sent. When an action
  // was refused (403 from another site, 429) the root loader has not run: the refusal says the language.
  const refusedIn = isRouteErrorResponse(error) && isRefusal(error.data) ? error.data.locale : undefined;
  const locale = rootData?.locale ?? refusedIn ?? DEFAULT_LOCALE;
  const matches = useMatches();
  const fallback = rootData ? null : rootStringsWithoutLoader(locale);
  const strings = stringsOf(matches);
  return (
    <I18nProvider i18n={pageI18n(locale, fallback ? [fallback, ...strings] : strings)}>
      <Document locale={locale} fallback={fallback}>
        {children}
      </Document>
    </I18nProvider>
  );
}

const ROOT_STRINGS_ID = "root-strings";

/**
 * The root's strings when its loader failed (say, the database is down), for the error page: the
 * server takes them from the catalogue and writes them into the page (<script id="root-strings">),
 * the browser reads them back from there to hydrate the same page.
 */
function rootStringsWithoutLoader(locale: Locale): PageStrings | null {
  if (typeof document === "undefined") return pageStrings(locale, ROOT_NAMESPACES);
  const text = document.getElementById(ROOT_STRINGS_ID)?.textContent;
  return text ? (JSON.parse(text) as PageStrings) : null;
}

function Document({ locale, fallback, children }: { locale: Locale; fallback: PageStrings | null; children: ReactNode }) {
  const { t } = useTranslation();
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* react-aria adds one small <style> for touch targets; it takes the policy's nonce from here. */}
        <meta name="csp-nonce" nonce={nonce} />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("app.skipToContent")}
        </a>
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("app.footer")}</p>
        </footer>
        {fallback ? (
          <script
            id={ROOT_STRINGS_ID}
            type="application/json"
            suppressHydrationWarning
            dangerouslySetInnerHTML={{ __html: JSON.stringify(fallback).replace(/</g, "\\u003c") }}
          />
        ) : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t("errors.unexpectedTitle");
  let message = t("errors.unexpected");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("errors.notFoundTitle");
      message = t("errors.notFound");
    } else if (error.status === 403 && isRefusal(error.data) && error.data.refusal === "cross-site") {
      title = t("errors.crossSiteTitle");
      message = t("errors.crossSite");
    } else if (error.status === 403) {
      title = t("errors.forbiddenTitle");
      message = t("errors.forbidden");
    } else if (error.status === 429 && isRefusal(error.data) && error.data.refusal === "rate-limit") {
      title = t("errors.tooManyTitle");
      message = t(`errors.tooMany.${error.data.tier}`, { count: minutesToWait(error.data.retryAfterSeconds) });
    } else if (error.status === 400) {
      message = t("errors.badRequest");
    }
  } else if (error instanceof Error) {
    console.error(error);
  }
  return (
    <div className="page page--narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{t("app.home")}</a>
      </p>
    </div>
  );
}
