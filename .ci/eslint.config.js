// ESLint (flat config), run by `npm run lint` as part of `npm test`.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Layout boundaries (docs/decisions/006-layout.md), enforced with no-restricted-imports. ESLint keeps
// only the last matching setting of a rule, so each file kind gets one complete list of patterns.
const FEATURES = ["access", "schools", "rounds", "proposals", "voting", "results", "follow-up", "turnout", "audit"];
/**
 * Features to the right of each feature: it must not import them (access, schools → rounds → proposals → voting → results, turnout).
 * `audit` (the audit log page) comes last: it may use the features before it (access; the rounds' Helsinki days) and is used by none.
 */
const LATER = {
  access: ["rounds", "proposals", "voting", "results", "follow-up", "turnout", "audit"],
  schools: ["rounds", "proposals", "voting", "results", "follow-up", "turnout", "audit"],
  rounds: ["proposals", "voting", "results", "follow-up", "turnout", "audit"],
  proposals: ["voting", "results", "follow-up", "turnout", "audit"],
  voting: ["results", "follow-up", "turnout", "audit"],
  results: ["follow-up", "turnout", "audit"],
  "follow-up": ["turnout", "audit"],
  turnout: ["results", "audit"],
  audit: [],
};
const NO_SERVER = { group: ["*.server", "*.server.ts", "~/server/*", "~/generated/*", "@prisma/*"], message: "UI and pure modules import no server code, database or Prisma (docs/decisions/006-layout.md)." };
const NO_FRAMEWORK = { group: ["@remix-run/*", "react", "react-dom", "react-*", "@conform-to/react"], allowTypeImports: true, message: "Pure rules import no Remix or React (types only): put UI in a .tsx file and requests in a .server.ts file." };
const NO_DB_IN_ROUTES = { group: ["~/server/db.server", "~/generated/*", "@prisma/*"], message: "Routes stay thin: call the feature's *.server.ts instead of the database." };
const laterFeatures = (feature) => ({
  group: LATER[feature].map((f) => `~/features/${f}/*`),
  message: `Features depend one way (access, schools → rounds → proposals → voting → results, turnout): ${feature} must not import ${LATER[feature].join(", ")}.`,
});
/** The rule with these patterns; a pattern with no group (the last feature has nothing after it) is left out. */
const restrict = (...patterns) => {
  const kept = patterns.filter((p) => p.group.length);
  return { "@typescript-eslint/no-restricted-imports": kept.length ? ["error", { patterns: kept }] : "off" };
};
const boundaries = [
  { files: ["app/routes/**/*.{ts,tsx}"], rules: restrict(NO_DB_IN_ROUTES) },
  { files: ["app/shared/**/*.ts"], ignores: ["app/shared/**/*.server.ts", "app/shared/i18n/**"], rules: restrict(NO_SERVER, NO_FRAMEWORK) },
  { files: ["app/shared/**/*.tsx"], rules: restrict(NO_SERVER) },
  ...FEATURES.flatMap((feature) => [
    { files: [`app/features/${feature}/**/*.server.ts`], rules: restrict(laterFeatures(feature)) },
    { files: [`app/features/${feature}/**/*.ts`], ignores: [`app/features/${feature}/**/*.server.ts`], rules: restrict(laterFeatures(feature), NO_SERVER, NO_FRAMEWORK) },
    { files: [`app/features/${feature}/**/*.tsx`], rules: restrict(laterFeatures(feature), NO_SERVER) },
  ]),
];

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "app/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "tests/.tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "react-hooks/rules-of-hooks": "error",
    },
  },
  ...boundaries,
);
