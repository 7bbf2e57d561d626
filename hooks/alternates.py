"""The language alternates' side effect: an empty sitemap.xml in every page's folder.

Every page's head names the same page in each language (<link rel="alternate" hreflang>, docs/overrides/main.html),
as search engines ask. Material's bundle takes every such link for a language's root and fetches sitemap.xml
beside it, to keep its own language selector on the same page: beside a page that file does not exist, so each
visit would log three failed requests. This hook answers them with an empty sitemap, which Material reads as
"nothing to map"; the header's switcher (partials/alternate.html) links each page itself and needs none of it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for page in site.rglob("index.html"):
        folder = page.parent
        # The site's own root has the real sitemap; Material's search folder is not a page.
        if folder == site or folder.relative_to(site).parts[0] == "search":
            continue
        # Another language's build inside this one (site/es) has its own root sitemap.
        if (folder / "sitemap.xml").is_file() and (folder / "sitemap.xml").read_text(encoding="utf-8") != EMPTY_SITEMAP:
            continue
        (folder / "sitemap.xml").write_text(EMPTY_SITEMAP, encoding="utf-8")
