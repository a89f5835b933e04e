// The printable slip of an idea for its proposers: the idea's title and date, the short link to its
// public status page in large type and the QR code, to take home (docs/domain.md, "Following an idea").
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { FollowQr, PrintButton, formatFollowDay } from "~/features/proposals/follow-ui";
import { getUser } from "~/features/access/guard.server";
import { titled } from "~/shared/meta";
import followStyles from "~/styles/follow.css";
import slipStyles from "~/styles/slip.css";
import { publicOrigin, slipPage } from "~/features/proposals/follow.server";
import { pageStrings } from "~/shared/i18n/strings.server";
import { getLocale } from "~/server/locale.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: followStyles },
  { rel: "stylesheet", href: slipStyles },
];

export const meta: MetaFunction = (args) => [...titled("follow.slipTitle")(args), { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await slipPage(await getUser(request), params.id ?? "", publicOrigin(request));
  // Only the idea's proposers get its slip; anyone else is told nothing about whether it exists.
  if (!page) throw new Response("Not found", { status: 404 });
  return { ...page, strings: pageStrings(await getLocale(request), ["follow"]) };
}

export default function Slip() {
  const { t, i18n } = useTranslation();
  const page = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <p className="slip-noprint">
        <Link to={`/ideas/${page.id}`}>{t("follow.backToIdea")}</Link>
      </p>
      <article className="follow-slip">
        <p className="follow-slip__brand">{t("app.name")}</p>
        <h1>{t("follow.slipTitle")}</h1>
        <p className="follow-slip__title">{page.title}</p>
        {page.sentAt ? <p>{t("follow.slipSent", { date: formatFollowDay(page.sentAt, i18n.language) })}</p> : null}
        <FollowQr link={page.link} size={180} />
        <p className="follow-slip__link">{page.link.text}</p>
        <p className="follow-slip__howto">{t("follow.slipHowTo")}</p>
      </article>
      <div className="slip-noprint">
        <PrintButton />
      </div>
    </div>
  );
}
