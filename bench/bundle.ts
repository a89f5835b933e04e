// What JavaScript a first visit to each page downloads, from the Remix manifest of the last build.
// Run after `npm run build`: npm run bench:bundle [-- --baseline DIR]
// DIR is a copy of an older build's public/build (put that build's build/metafile.js.json in it too
// to compare the breakdown). Per page it adds up entry.client + root + the route and all their
// imports, each file counted once, raw and gzip (node:zlib, level 9), as the browser fetches them
// (modulepreload) on a first visit; the inline manifest and the HTML are not counted.
// Below that, for the same files: the bytes (minified, before gzip) that come from
// react-aria-components and its @react-aria / @react-stately / @internationalized packages, from
// react-dom, i18next + react-i18next, zod, and from the translation catalogues; and the size of one language's strings against
// all three. Prints figures; asserts nothing.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { catalogues } from "~/shared/i18n";
import type { Namespace } from "~/shared/i18n/page";
import { pageStrings, ROOT_NAMESPACES } from "~/shared/i18n/strings.server";

const root = path.resolve(import.meta.dirname, "..");
const buildDir = path.join(root, "public", "build");
const baselineArg = process.argv.indexOf("--baseline");
const baselineDir = baselineArg > 0 ? path.resolve(process.argv[baselineArg + 1] ?? "") : null;

/** Page address → the route ids matched on it (root first); all routes are children of root. */
const PAGES: Array<[string, string]> = [
  ["/", "routes/_index"],
  ["/vote", "routes/vote._index"],
  ["/vote/check", "routes/vote.check"],
  ["/login", "routes/login"],
  ["/login/code", "routes/login_.code"],
  ["/ideas", "routes/ideas._index"],
  ["/ideas/new", "routes/ideas.new"],
  ["/ideas/ID", "routes/ideas.$id"],
  ["/i/CODE", "routes/i.$code"],
  ["/results", "routes/rounds_.$slug.results"],
  ["/rounds/SLUG", "routes/rounds.$slug"],
  ["/moderation", "routes/moderation._index"],
  ["/turnout", "routes/turnout"],
  ["/projects", "routes/projects._index"],
];

interface ManifestEntry {
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry & { parentId?: string }>;
}

function readManifest(dir: string): Manifest {
  const file = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error(`no manifest-*.js in ${dir}`);
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  return JSON.parse(text.slice(text.indexOf("=") + 1).replace(/;\s*$/, "")) as Manifest;
}

/** The files a first visit to a page fetches: entry, then each route from root down, with imports. */
function filesOf(manifest: Manifest, routeId: string): string[] {
  const chain: string[] = [];
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) chain.unshift(id);
  if (chain[0] !== "root") chain.unshift("root");
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const id of chain) {
    const route = manifest.routes[id];
    if (!route) continue;
    files.add(route.module);
    for (const f of route.imports ?? []) files.add(f);
  }
  return [...files];
}

interface Size {
  raw: number;
  gzip: number;
}

function sizes(dir: string, files: string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const url of files) {
    const bytes = fs.readFileSync(path.join(dir, url.replace(/^\/build\//, "")));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

type Group = "react-aria" | "react-dom" | "i18next" | "zod" | "strings";
function groupOf(input: string): Group | null {
  if (/node_modules\/(react-aria-components|react-aria|@react-aria|@react-stately|@internationalized|@react-types|@swc\/helpers|client-only|clsx)\//.test(input)) return "react-aria";
  if (/node_modules\/(react-dom|scheduler)\//.test(input)) return "react-dom";
  if (/node_modules\/(i18next|react-i18next)\//.test(input)) return "i18next";
  if (/node_modules\/zod\//.test(input)) return "zod";
  if (/app\/(shared\/i18n\/(fi|sv|en)\.ts|features\/[^/]+\/strings\.ts|shared\/images-strings\.ts)/.test(input)) return "strings";
  return null;
}

/** Minified bytes per group in the page's files, from esbuild's metafile (if the build left one). */
function breakdown(metafile: string, files: string[]): Record<Group, number> | null {
  if (!fs.existsSync(metafile)) return null;
  const meta = JSON.parse(fs.readFileSync(metafile, "utf8")) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const out: Record<Group, number> = { "react-aria": 0, "react-dom": 0, i18next: 0, zod: 0, strings: 0 };
  for (const url of files) {
    const output = meta.outputs[`public${url}`];
    if (!output) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const group = groupOf(input);
      if (group) out[group] += bytesInOutput;
    }
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const manifest = readManifest(buildDir);
const baseline = baselineDir ? readManifest(baselineDir) : null;

console.log(`JavaScript a first visit downloads (entry + root + route + imports, each file once); gzip = node:zlib level 9`);
if (baselineDir) console.log(`baseline: ${baselineDir}`);
const header = ["page", "route", "files", "raw", "gzip", ...(baseline ? ["baseline raw", "baseline gzip"] : [])];
const rows: string[][] = [header];
for (const [page, routeId] of PAGES) {
  if (!manifest.routes[routeId]) continue;
  const files = filesOf(manifest, routeId);
  const now = sizes(buildDir, files);
  const row = [page, routeId, String(files.length), kb(now.raw), kb(now.gzip)];
  if (baseline && baselineDir) {
    const old = baseline.routes[routeId] ? sizes(baselineDir, filesOf(baseline, routeId)) : null;
    row.push(old ? kb(old.raw) : "–", old ? kb(old.gzip) : "–");
  }
  rows.push(row);
}
const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  "));

console.log(`\nOf those (minified bytes before gzip, from esbuild's metafile):`);
const groups: Group[] = ["react-aria", "react-dom", "i18next", "zod", "strings"];
const metaRows: string[][] = [["page", ...groups, ...(baseline ? groups.map((g) => `baseline ${g}`) : [])]];
for (const [page, routeId] of PAGES) {
  if (!manifest.routes[routeId]) continue;
  const now = breakdown(path.join(root, "build", "metafile.js.json"), filesOf(manifest, routeId));
  if (!now) break;
  const row = [page, ...groups.map((g) => kb(now[g]))];
  if (baseline && baselineDir) {
    const old = baseline.routes[routeId] ? breakdown(path.join(baselineDir, "metafile.js.json"), filesOf(baseline, routeId)) : null;
    row.push(...groups.map((g) => (old ? kb(old[g]) : "–")));
  }
  metaRows.push(row);
}
const metaWidths = (metaRows[0] ?? []).map((_, i) => Math.max(...metaRows.map((r) => (r[i] ?? "").length)));
for (const r of metaRows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(metaWidths[i] ?? 0) : c.padStart(metaWidths[i] ?? 0))).join("  "));

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const one = Object.entries(catalogues).map(([locale, messages]) => {
  const bytes = json(messages);
  return `${locale} ${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`;
});
const all = json(catalogues);
console.log(`\nStrings (JSON of the catalogues): one language: ${one.join("; ")}`);
console.log(`all three: ${kb(all.length)} raw, ${kb(gzipSync(all, { level: 9 }).length)} gzip`);

/** The namespaces a route's loader sends (its pageStrings(…, [...]) list), none before decision 012. */
function routeNamespaces(routeId: string): Namespace[] {
  const file = path.join(root, "app", `${routeId}.tsx`);
  if (!fs.existsSync(file)) return [];
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(/pageStrings\([^[\n]*\[([^\]]*)\]/g)].flatMap((m) => [...(m[1] ?? "").matchAll(/"([^"]+)"/g)].map((n) => n[1] as Namespace));
}

console.log(`\nStrings each page's loaders send with the HTML (root + route namespaces, JSON; the loader data is`);
console.log(`also what a client-side navigation to the page fetches), per language:`);
for (const [page, routeId] of PAGES) {
  const namespaces = [...new Set([...ROOT_NAMESPACES, ...routeNamespaces(routeId)])];
  const figures = (["fi", "sv", "en"] as const).map((locale) => {
    const bytes = json(pageStrings(locale, namespaces));
    return `${locale} ${kb(bytes.length)} / ${kb(gzipSync(bytes, { level: 9 }).length)} gz`;
  });
  console.log(`${page.padEnd(14)} ${String(namespaces.length).padStart(2)} namespaces  ${figures.join("  ")}`);
}

