// ESLint for the project's own JavaScript (`make lint`). Run from the repository root:
//   tools/eslint/node_modules/.bin/eslint --config tools/eslint/eslint.config.mjs
// The site's scripts (and the service worker, hooks/offline_worker.js) are classic scripts, not modules: each wraps itself in a function and
// shares helpers only through window.nextStep (core.js); the tools are Node ES modules.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["**/node_modules/", "site/", ".venv/"] },
  js.configs.recommended,
  {
    files: ["docs/assets/javascripts/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
  },
  {
    // The service worker's source: hooks/offline.py fills in its placeholders and writes it to sw.js.
    files: ["hooks/offline_worker.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.serviceworker },
    },
  },
  {
    // The Spanish search worker's source: hooks/search_stemming.py fills in its placeholder and writes it beside Material's.
    files: ["hooks/search_stemming_worker.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.worker },
    },
  },
  {
    files: ["tools/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
  },
];
