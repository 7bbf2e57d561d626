"""Draw docs/assets/images/social-card.png (1200x630), the link-preview image, with Chromium.

Run again after changing the wording: .venv/bin/python tools/social_card.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "assets" / "images" / "social-card.png"
ARROW = "M2 12A10 10 0 0 1 12 2a10 10 0 0 1 10 10 10 10 0 0 1-10 10A10 10 0 0 1 2 12m15 0-5-5v3H8v4h4v3z"
CARD = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
body {{ margin: 0; width: 1200px; height: 630px; display: flex; flex-direction: column; justify-content: center;
  padding: 0 96px; box-sizing: border-box; background: #1a237e; color: #fff;
  font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }}
.brand {{ display: flex; align-items: center; gap: 28px; font-size: 88px; font-weight: 700; }}
svg {{ width: 112px; height: 112px; fill: #fff; }}
p {{ font-size: 46px; line-height: 1.3; margin: 40px 0 0; max-width: 960px; }}
.url {{ font-size: 30px; margin-top: 56px; color: #c5cae9; }}
</style></head><body>
<div class="brand"><svg viewBox="0 0 24 24"><path d="{ARROW}"/></svg>Next Step</div>
<p>End every interview by asking for the next step, then read the answer while you are still in the room.</p>
<p class="url">Free fill-in closing scripts for every kind of interview</p>
</body></html>"""


def main() -> int:
    chromium = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(CARD)
        page.screenshot(path=str(TARGET))
        browser.close()
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
