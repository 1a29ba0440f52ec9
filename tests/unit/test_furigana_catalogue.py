"""The kiosk's furigana for its UI messages are generated at build time and committed
(frontend/src/ui/ruby/catalogue-ruby.gen.json): this fails when a Japanese message, or a
correction in backend/furigana.json, changed without regenerating them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from backend.furigana import catalogue_ruby_json, catalogue_segments

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
GENERATED = FRONTEND / "src/ui/ruby/catalogue-ruby.gen.json"


def _catalogues() -> dict[str, dict[str, str]]:
    node = shutil.which("node")
    assert node, "node is needed to read the TypeScript catalogues"
    out = subprocess.run(
        [node, "scripts/furigana-catalogue.mjs", "--dump"], cwd=FRONTEND, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_generated_furigana_match_the_catalogues() -> None:
    catalogues = _catalogues()
    assert set(catalogues) == {"ja", "ja-easy"}
    assert catalogues["ja"]["kiosk.waiting.title"] == "順番をお待ちください"
    assert "queue.title" not in catalogues["ja"], "office words get no furigana"
    assert GENERATED.read_text(encoding="utf-8") == catalogue_ruby_json(catalogues), (
        "stale: run `node frontend/scripts/furigana-catalogue.mjs` (npm run gen:furigana) and commit the result"
    )


def test_placeholders_are_kept_and_not_analysed() -> None:
    assert catalogue_segments("用件：{service}") == [("用件", "ようけん"), "：{service}"]
    assert catalogue_segments("あと {seconds} 秒で") == ["あと {seconds} ", ("秒", "びょう"), "で"]


def test_icu_beyond_simple_arguments_gets_no_furigana() -> None:
    assert catalogue_segments("{n, plural, other {# 人}}") is None
