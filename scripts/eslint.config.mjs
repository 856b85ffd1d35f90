// ESLint for the site's own scripts (static/js), the service worker (a template:
// `make lint` hands it over with its one template value filled in) and the scripts'
// unit tests (tests/js). Plain ES2020 in the browser: no build step, no bundler.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser },
    },
  },
  {
    files: ["templates/cms/sw.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      // OfflineQueue comes from offline-queue.js, loaded with importScripts.
      globals: { ...globals.serviceworker, OfflineQueue: "readonly" },
    },
  },
  {
    files: ["tests/js/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
  },
  {
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "off",
    },
  },
];
