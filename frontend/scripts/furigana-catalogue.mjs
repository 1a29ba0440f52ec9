// Furigana for the UI message catalogue, made at build time (`npm run gen:furigana`).
//
// Reads the Japanese catalogues (src/lib/i18n/ja.ts and ja-easy.ts: TypeScript, transpiled here
// with the `typescript` package and imported), hands them to the backend's analyser
// (`python -m backend.furigana catalogue`: fugashi + unidic-lite, corrections in
// backend/furigana.json) and writes src/ui/ruby/catalogue-ruby.gen.json, which the kiosk imports.
// The result is committed; tests/unit/test_furigana_catalogue.py fails when it is stale.
//
//   node scripts/furigana-catalogue.mjs          regenerate the file
//   node scripts/furigana-catalogue.mjs --dump   print the catalogues as JSON (for the test)
//
// Python: $PYTHON, else the repository's .venv, else python3.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const frontend = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(frontend, "..");
const OUT = join(frontend, "src/ui/ruby/catalogue-ruby.gen.json");
// The language code the kiosk uses → the catalogue file and the name it exports.
const SOURCES = { ja: ["ja.ts", "ja"], "ja-easy": ["ja-easy.ts", "jaEasy"] };

async function catalogues() {
  const dir = mkdtempSync(join(tmpdir(), "madoguchi-catalogues-"));
  try {
    const out = {};
    for (const [lang, [file, name]] of Object.entries(SOURCES)) {
      const source = readFileSync(join(frontend, "src/lib/i18n", file), "utf8");
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
        fileName: file,
      });
      // Only `import type` lines refer to other files, and transpiling drops them.
      const js = join(dir, file.replace(/\.ts$/, ".mjs"));
      writeFileSync(js, outputText);
      const messages = (await import(pathToFileURL(js).href))[name];
      if (!messages) throw new Error(`${file} does not export ${name}`);
      out[lang] = messages;
    }
    // Only words a citizen can see: ja-easy has exactly those keys (Record<KioskKey, string>).
    out.ja = Object.fromEntries(Object.entries(out.ja).filter(([key]) => key in out["ja-easy"]));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function python() {
  if (process.env.PYTHON) return process.env.PYTHON;
  const venv = join(root, ".venv/bin/python");
  return existsSync(venv) ? venv : "python3";
}

const input = JSON.stringify(await catalogues());
if (process.argv.includes("--dump")) {
  process.stdout.write(input + "\n");
} else {
  const run = spawnSync(python(), ["-m", "backend.furigana", "catalogue"], { cwd: root, input, encoding: "utf8" });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(run.status ?? 1);
  }
  writeFileSync(OUT, run.stdout);
  console.log(`furigana for the message catalogue → ${OUT}`);
}
