// Builds the front-end assets into build/static, which Django's STATICFILES_DIRS names.
// NHS.UK frontend is compiled from its Sass so our own styles can use its settings and mixins.
import { build } from "esbuild";
import * as sass from "sass";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(root, "build/static");
const nhsuk = resolve(root, "node_modules/nhsuk-frontend/dist/nhsuk");

mkdirSync(resolve(out, "css"), { recursive: true });
const css = sass.compile(resolve(root, "assets/scss/main.scss"), {
  loadPaths: [resolve(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(resolve(out, "css/main.css"), css.css);

await build({
  entryPoints: [resolve(root, "assets/js/main.mjs")],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  outfile: resolve(out, "js/main.js"),
  logLevel: "warning",
});

cpSync(resolve(nhsuk, "assets"), resolve(out, "assets"), { recursive: true });
// The axe-core engine is only used by the browser tests, which inject it from this file.
cpSync(resolve(root, "node_modules/axe-core/axe.min.js"), resolve(root, "build/axe.min.js"));
console.log("assets built in build/static");
