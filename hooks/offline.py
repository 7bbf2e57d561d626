"""Offline reading and installing: after the build, a service worker that precaches the site, a web
app manifest and its icons.

The worker (hooks/offline_worker.js, written to sw.js) keeps every page and file a reader needs,
listed in offline-files.json, under a cache named after a hash of those files: a new build makes a
new cache and the old one is deleted. The list lives beside the worker, not in it, so the worker
stays the same size however many pages the guide has. docs/assets/javascripts/core.js registers it
on every page that links the manifest; offline.js (the update notice, the Privacy page's button)
loads only when needed. `mkdocs serve` gets neither worker nor manifest, so that live reload always
shows the latest edit.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from PIL import Image, ImageDraw

try:  # as `mkdocs build` loads hooks: their folder is on the path
    from minify_assets import minify_js
except ImportError:  # as the tests import them: the project root is on the path
    from hooks.minify_assets import minify_js

log = logging.getLogger("mkdocs.hooks.offline")

WORKER = "sw.js"
WORKER_SOURCE = Path(__file__).with_name("offline_worker.js")
FILE_LIST = "offline-files.json"  # what the worker keeps, fetched once as it installs
REGISTRATION = "assets/javascripts/core.js"  # on every page; registers the worker where the page links the manifest
ON_DEMAND = "assets/javascripts/offline.js"  # the update notice and the Privacy page's button; never on every page
MANIFEST = "manifest.webmanifest"
ICON_SOURCE = "assets/images/icon.png"  # 1024 px, in docs/; the icons below are made from it


@dataclass(frozen=True)
class Icon:
    path: str
    size: int
    purpose: Literal["any", "maskable"]


ICONS = (
    Icon("assets/images/icon-192.png", 192, "any"),
    Icon("assets/images/icon-512.png", 512, "any"),
    # Full bleed: the launcher cuts its own shape; the logo stays inside the central safe circle.
    Icon("assets/images/icon-maskable-512.png", 512, "maskable"),
)

# Built files no page needs in order to work offline: kept out of the cache to spare the reader's storage.
NOT_PRECACHED = (
    "*.map",  # source maps, for developers' tools only
    "*.gz",  # sitemap.xml.gz repeats sitemap.xml
    "robots.txt",  # for crawlers
    "*/sitemap.xml",  # the empty one beside each page (hooks/alternates.py): offline, the worker answers it itself
    "assets/images/social-card.png",  # link previews on other sites
    "assets/images/icon-*.png",  # the installer's icons, never shown on a page
    WORKER,
    FILE_LIST,
    MANIFEST,
)
# Material's search loads these only for languages other than English, and of them only the build's own.
SEARCH_LANGUAGE_FILES = "assets/javascripts/lunr/*"
SEARCH_LANGUAGE_NEEDED = ("assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "assets/javascripts/lunr/min/lunr.multi.min.js")
# Where the Privacy page shows the size of the offline copy; filled in after the build.
SIZE_MARKER = re.compile(r'(<span class="ns-offline-size">)[^<]*(</span>)')

_command: str = "build"


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    scripts = [str(script) for script in config.extra_javascript]
    if REGISTRATION not in scripts:
        raise PluginError(f"hooks/offline.py: add {REGISTRATION} to extra_javascript in mkdocs.yml; it registers the service worker on every page")
    if ON_DEMAND in scripts:
        raise PluginError(f"hooks/offline.py: remove {ON_DEMAND} from extra_javascript in mkdocs.yml; core.js and the Privacy page load it when needed")
    # The phone's bar colour, in every page's head (docs/overrides/main.html) and in the manifest: both palettes share
    # the header's primary colour, so one value serves both and no script has to read it from the styled page.
    config.extra["theme_colour"], config.extra["background_colour"] = palette_colours([Path(folder) for folder in config.theme.dirs], config.theme["palette"])
    if _command == "serve":
        # No manifest link, so core.js registers no worker: under live reload a cached page would hide the edit just saved.
        log.info("mkdocs serve: no service worker and no web app manifest; `mkdocs build` makes them")
    else:
        config.extra["manifest"] = MANIFEST  # docs/overrides/main.html links it from every page
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    # The 1024 px source is for making icons, not for readers.
    source = files.get_file_from_path(ICON_SOURCE)
    if source is not None:
        files.remove(source)
    return files


@event_priority(-110)  # after hooks/csp.py (-100): the version must hash every page as served
def on_post_build(*, config: MkDocsConfig) -> None:
    if _command == "serve":
        return
    site, docs = Path(config.site_dir), Path(config.docs_dir)
    write_icons(docs / ICON_SOURCE, site)
    (site / MANIFEST).write_text(json.dumps(manifest(config, config.extra["theme_colour"], config.extra["background_colour"]), indent=1) + "\n", encoding="utf-8")
    files = precached_files(site, search_languages=search_languages(config))
    write_size(site, sum((site / path).stat().st_size for path in files))
    version_id = version(site, files)
    (site / FILE_LIST).write_text(file_list(files, version_id), encoding="utf-8")
    (site / WORKER).write_text(worker_script(version_id, cache_language(config)), encoding="utf-8")


def manifest(config: MkDocsConfig, theme_colour: str, background_colour: str) -> dict:
    """The web app manifest. Its addresses are relative to itself, so it works at any base path."""
    return {
        "id": "./",
        "name": config.site_name,
        "short_name": config.site_name,
        "description": config.site_description,
        "lang": config.theme["language"],
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_colour,
        "background_color": background_colour,
        "icons": [{"src": icon.path, "sizes": f"{icon.size}x{icon.size}", "type": "image/png", "purpose": icon.purpose} for icon in ICONS],
    }


def palette_colours(theme_folders: list[Path], palette: list[dict] | dict) -> tuple[str, str]:
    """The header colour and the light page background, read from Material's own style sheets (in the theme's folders)."""
    first = palette[0] if isinstance(palette, list) else palette
    primary = first.get("primary", "indigo")
    css = {name: "".join(path.read_text(encoding="utf-8") for folder in theme_folders for path in folder.glob(f"assets/stylesheets/{name}.*.min.css")) for name in ("palette", "main")}
    theme = re.search(rf"\[data-md-color-primary={re.escape(primary)}\]\{{--md-primary-fg-color:(#[0-9a-fA-F]{{3,8}})", css["palette"])
    background = re.search(r"--md-default-bg-color:(#[0-9a-fA-F]{3,8})", css["main"])
    if not (theme and background):
        raise PluginError(f"hooks/offline.py: cannot find the colours of primary '{primary}' in Material's style sheets; has Material changed how it names them?")
    return theme.group(1), background.group(1)


def write_icons(source: Path, site: Path) -> None:
    if not source.is_file():
        raise PluginError(f"hooks/offline.py: docs/{ICON_SOURCE} is missing; the app icons are made from it (a square PNG of at least 512 px)")
    with Image.open(source) as image:
        image = image.convert("RGBA")
        if image.width != image.height or image.width < max(icon.size for icon in ICONS):
            raise PluginError(f"docs/{ICON_SOURCE}: must be square and at least 512 px, found {image.width}×{image.height}")
        for icon in ICONS:
            made = image.resize((icon.size, icon.size), Image.LANCZOS)
            if icon.purpose == "any":
                made.putalpha(rounded_mask(icon.size))
            target = site / icon.path
            target.parent.mkdir(parents=True, exist_ok=True)
            made.save(target)


def rounded_mask(size: int, scale: int = 2) -> Image.Image:
    """A square with rounded corners, drawn large and shrunk so the edges are smooth."""
    mask = Image.new("L", (size * scale, size * scale), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, size * scale - 1, size * scale - 1), radius=size * scale // 5, fill=255)
    return mask.resize((size, size), Image.LANCZOS)


def search_languages(config: MkDocsConfig) -> list[str]:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    languages = getattr(getattr(search, "config", None), "lang", None)
    return list(languages or [config.theme["language"]])


def cache_language(config: MkDocsConfig) -> str:
    """What the worker adds to its cache's name: nothing for the first language in extra.alternate (English), "es-" for Spanish."""
    languages = [alternate.get("lang") for alternate in config.extra.get("alternate") or []]
    language = config.theme["language"]
    return "" if not languages or language == languages[0] else f"{language}-"


def precached_files(site: Path, *, search_languages: list[str] = ("en",)) -> list[str]:
    """Every built file a reader may need offline, relative to the site, in a stable order: of the search's language
    files, only those its languages load (none for English alone)."""
    needed = {f"assets/javascripts/lunr/min/lunr.{language}.min.js" for language in search_languages if language != "en"}
    if needed:
        needed.update(SEARCH_LANGUAGE_NEEDED)
    # Another language's build inside this one (site/es, with its own worker) keeps its own copy.
    others = tuple(f"{worker.parent.relative_to(site).as_posix()}/" for worker in site.glob(f"*/{WORKER}"))
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    return [
        path for path in paths
        if not path.startswith(others)
        and not any(fnmatch.fnmatch(path, pattern) for pattern in NOT_PRECACHED)
        and (path in needed or not fnmatch.fnmatch(path, SEARCH_LANGUAGE_FILES))
    ]


def address(path: str) -> str:
    """How pages link to a built file: a page by its folder ("./", "scripts/phone/"), anything else by name."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def version(site: Path, files: list[str]) -> str:
    """A hash of every precached file's address and contents: any change to the site changes it."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.encode("utf-8") + b"\0" + (site / path).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def file_list(files: list[str], version_id: str) -> str:
    """offline-files.json: the worker checks its version, so a list from another build never fills this build's cache."""
    return json.dumps({"version": version_id, "files": [address(path) for path in files]}, separators=(",", ":")) + "\n"


def worker_script(version_id: str, language: str = "") -> str:
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    for token in ("__VERSION__", "__FILE_LIST__", "__LANGUAGE__"):
        if source.count(token) != 1:
            raise PluginError(f"hooks/offline_worker.js: needs {token} exactly once; hooks/offline.py fills it in")
    return minify_js(source.replace("__VERSION__", version_id).replace("__FILE_LIST__", FILE_LIST).replace("__LANGUAGE__", language))


def human_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{round(size / 1000)} KB"


def write_size(site: Path, size: int) -> None:
    """Puts the offline copy's size into every page that has the marker (the Privacy page)."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if SIZE_MARKER.search(html):
            page.write_text(SIZE_MARKER.sub(lambda match: match.group(1) + human_size(size) + match.group(2), html), encoding="utf-8")
