"""Draws the PWA icons (192, 512, maskable 512) from the SVGs with Debian's Chromium.

Run once after changing an SVG:  ../.venv/bin/python scripts/make_icons.py  (from frontend/).
The PNGs are committed; the build does not need Chromium.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ICONS = HERE.parent / "public" / "icons"
JOBS = [
    (ICONS / "icon.svg", ICONS / "icon-192.png", 192),
    (ICONS / "icon.svg", ICONS / "icon-512.png", 512),
    (HERE / "maskable.svg", ICONS / "maskable-512.png", 512),
]


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        for svg, png, size in JOBS:
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(
                "<html><body style='margin:0;background:transparent'>"
                f"<img src='data:image/svg+xml;utf8,{svg.read_text().replace(chr(10), ' ').replace('#', '%23')}'"
                f" width='{size}' height='{size}' style='display:block'></body></html>"
            )
            page.screenshot(path=str(png), omit_background=True)
            print(png.relative_to(HERE.parent), size)
        browser.close()


if __name__ == "__main__":
    main()
