// Missing or untranslated strings fail here: the three catalogues must have the same keys, no empty
// strings, the same {{variables}}, and Finnish and Swedish must really be translated.
import { describe, expect, it } from "vitest";
import en from "~/shared/i18n/en";
import fi from "~/shared/i18n/fi";
import sv from "~/shared/i18n/sv";

type Tree = { [key: string]: string | Tree };

/** Every leaf string of a catalogue by its dotted key. */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else if (value && typeof value === "object") for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, String(value)); // neither string nor object: reported by the "strings only" test
  }
  return out;
}

/** Every value in the tree that is neither a string nor a nested catalogue. */
function nonStrings(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") return [];
    if (value && typeof value === "object" && !Array.isArray(value)) return nonStrings(value, path);
    return [path];
  });
}

const variables = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

const catalogues = { fi: fi as Tree, sv: sv as Tree, en: en as Tree };
const flat = { fi: leaves(catalogues.fi), sv: leaves(catalogues.sv), en: leaves(catalogues.en) };

describe("translation catalogues", () => {
  it("are not empty", () => {
    expect(flat.en.size).toBeGreaterThan(50);
  });

  it.each(["fi", "sv"] as const)("%s has exactly the keys of en", (locale) => {
    const missing = [...flat.en.keys()].filter((k) => !flat[locale].has(k));
    const extra = [...flat[locale].keys()].filter((k) => !flat.en.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(["fi", "sv", "en"] as const)("%s holds only strings and nested catalogues", (locale) => {
    expect(nonStrings(catalogues[locale])).toEqual([]);
  });

  it.each(["fi", "sv", "en"] as const)("%s has no empty strings", (locale) => {
    const empty = [...flat[locale]].filter(([, v]) => v.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(["fi", "sv"] as const)("%s uses the same {{variables}} as en in every string", (locale) => {
    const mismatched = [...flat.en]
      .filter(([key, text]) => JSON.stringify(variables(flat[locale].get(key) ?? "")) !== JSON.stringify(variables(text)))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("has no broken interpolation markers", () => {
    for (const locale of ["fi", "sv", "en"] as const) {
      for (const [key, text] of flat[locale]) {
        const withoutVariables = text.replace(/\{\{\s*[\w.]+\s*(?:,[^}]*)?\}\}/g, "");
        expect(withoutVariables, `${locale}:${key}`).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it.each(["fi", "sv"] as const)("%s is really translated, not a copy of en", (locale) => {
    const keys = [...flat.en.keys()];
    const differing = keys.filter((k) => flat[locale].get(k) !== flat.en.get(k));
    expect(differing.length / keys.length).toBeGreaterThanOrEqual(0.8);
  });

  it("has different Finnish and Swedish texts", () => {
    const keys = [...flat.en.keys()];
    const differing = keys.filter((k) => flat.fi.get(k) !== flat.sv.get(k));
    expect(differing.length / keys.length).toBeGreaterThanOrEqual(0.8);
  });
});

describe("the variable check itself", () => {
  it("finds variables, with or without formats", () => {
    expect(variables("Round {{round}} ended on {{ date }}, {{count, number}}")).toEqual(["count", "date", "round"]);
    expect(variables("no variables")).toEqual([]);
  });

  it("notices a renamed or missing key", () => {
    const a = leaves({ x: { y: "1", z: "2" } });
    const b = leaves({ x: { y: "1" }, w: "3" });
    expect([...a.keys()].filter((k) => !b.has(k))).toEqual(["x.z"]);
    expect([...b.keys()].filter((k) => !a.has(k))).toEqual(["w"]);
  });
});
