// Decision 012: a page has in the browser only the namespaces of the catalogue that its loaders
// send as `strings` (the root's ROOT_NAMESPACES and the route's own pageStrings(…, [...]) list).
// This test follows each route module's imports (components and server code alike, since the server
// hands translation keys to the page too), collects every translation key written in them
// ("vote.title", `statuses.${s}`) and fails when a key's namespace is neither the root's nor in the
// route's list: that string would show as its key.
import fs from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";
import en from "~/shared/i18n/en";
import { pageI18n } from "~/shared/i18n/page";
import { i18nFor, pageStrings, ROOT_NAMESPACES } from "~/shared/i18n/strings.server";

const repo = path.resolve(import.meta.dirname, "..", "..");
const NAMESPACES = Object.keys(en);
const KEY = new RegExp(`["'\`](${NAMESPACES.join("|")})\\.[A-Za-z$]`, "g");
/** The catalogues themselves: their text is not code asking for strings. */
const CATALOGUE = /app\/(shared\/i18n\/|features\/[^/]+\/strings\.ts$|shared\/images-strings\.ts$)/;

const stubs: Plugin = {
  name: "stubs",
  setup(b) {
    b.onResolve({ filter: /\/generated\// }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: /\.css$/ }, (args) => ({ path: args.path, namespace: "css" }));
    b.onLoad({ filter: /.*/, namespace: "css" }, () => ({ contents: "export default ''", loader: "js" }));
  },
};

/** The app files a module imports, directly or not (packages left out). */
async function appFilesOf(file: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(repo, file)],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
    absWorkingDir: repo,
    tsconfig: path.join(repo, "tsconfig.json"),
    plugins: [stubs],
    outdir: "/tmp/page-strings-unused",
  });
  return Object.keys(result.metafile.inputs).filter((f) => f.startsWith("app/"));
}

/** The namespaces of the keys written in a module and everything it imports. */
async function namespacesUsedBy(file: string): Promise<Set<string>> {
  const used = new Set<string>();
  for (const input of await appFilesOf(file)) {
    if (CATALOGUE.test(input)) continue;
    for (const m of fs.readFileSync(path.join(repo, input), "utf8").matchAll(KEY)) used.add(m[1] ?? "");
  }
  return used;
}

/** The namespaces a route's loader sends: the list given to pageStrings in the route module. */
function namespacesSentBy(file: string): string[] {
  const source = fs.readFileSync(path.join(repo, file), "utf8");
  return [...source.matchAll(/pageStrings\([^[\n]*\[([^\]]*)\]/g)].flatMap((m) => [...(m[1] ?? "").matchAll(/"([^"]+)"/g)].map((n) => n[1] ?? ""));
}

const routes = fs
  .readdirSync(path.join(repo, "app", "routes"))
  .filter((f) => f.endsWith(".tsx"))
  .map((f) => `app/routes/${f}`)
  .filter((f) => /^export default/m.test(fs.readFileSync(path.join(repo, f), "utf8")));

describe("strings sent to the browser (decision 012)", () => {
  it("the root sends what the root layout and error page use", async () => {
    const missing = [...(await namespacesUsedBy("app/root.tsx"))].filter((n) => !(ROOT_NAMESPACES as readonly string[]).includes(n));
    expect(missing).toEqual([]);
  });

  it.each(routes)("%s sends every namespace its code uses", async (route) => {
    const sent = new Set<string>([...ROOT_NAMESPACES, ...namespacesSentBy(route)]);
    const missing = [...(await namespacesUsedBy(route))].filter((n) => !sent.has(n)).sort();
    expect(missing, `add them to the route's pageStrings(locale, [...]) list`).toEqual([]);
  }, 20_000);

  it.each(routes)("%s names only namespaces that exist", (route) => {
    expect(namespacesSentBy(route).filter((n) => !NAMESPACES.includes(n))).toEqual([]);
  });

  it("pageStrings sends only the namespaces asked, in one language", () => {
    const strings = pageStrings("sv", ["vote"]);
    expect(Object.keys(strings.messages)).toEqual(["vote"]);
    expect(strings.locale).toBe("sv");
    expect(JSON.stringify(strings)).not.toContain("Äänestä");
  });

  it("the key scanner finds plain and template keys, and notices a missing namespace", () => {
    const keys = (s: string) => [...s.matchAll(KEY)].map((m) => m[1]);
    expect(keys('t("vote.title"); t(`statuses.${s}`); "not.akey"')).toEqual(["vote", "statuses"]);
  });

  it.each(["fi", "sv", "en"] as const)("the pages' own t gives what i18next gives, for every %s string", (locale) => {
    const ours = pageI18n(locale, [pageStrings(locale, NAMESPACES as (keyof typeof en)[])]).t as unknown as (key: string, values?: object) => string;
    const theirs = i18nFor(locale).t as unknown as (key: string, values?: object) => string;
    const keys: string[] = [];
    const walk = (tree: object, prefix: string) => {
      for (const [k, v] of Object.entries(tree)) {
        if (typeof v === "string") keys.push(prefix + k);
        else walk(v as object, `${prefix}${k}.`);
      }
    };
    walk(en, "");
    const differing: string[] = [];
    for (const key of new Set(keys.map((k) => k.replace(/_(one|other)$/, "")))) {
      const text = String(ours(key));
      const values = Object.fromEntries([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => [m[1], `<${m[1]}>`]));
      for (const options of [undefined, values, { ...values, count: 1 }, { ...values, count: 0 }, { ...values, count: 7 }]) {
        if (ours(key, options) !== theirs(key, options)) differing.push(`${key} ${JSON.stringify(options)}: ${ours(key, options)} ≠ ${theirs(key, options)}`);
      }
    }
    expect(keys.length).toBeGreaterThan(500);
    expect(differing).toEqual([]);
  });
});
