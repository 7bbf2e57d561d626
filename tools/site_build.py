"""Build the site in every language, as `make build` does: one list of languages and one build for the tests, `make audit` and `make bench`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's tags read as their defaults: only extra.alternate and site_url are needed here."""


ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
# The site's languages, English first (mkdocs.yml's extra.alternate): each other one is built into its own folder.
LANGUAGES: tuple[str, ...] = tuple(alternate["lang"] for alternate in CONFIG["extra"]["alternate"])


def language_folder(lang: str) -> str:
    """Where a language's site lies in the built site: "" for English, "<lang>/" for each other language."""
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def language_urls(site_url: str) -> dict[str, str]:
    """The environment that puts every language's site below one address: English at it, Spanish at <it>es/."""
    return {"NEXT_STEP_SITE_URL": site_url, **{f"NEXT_STEP_SITE_URL_{language.upper()}": f"{site_url}{language}/" for language in LANGUAGES[1:]}}


def build_site(project: Path, site_dir: Path, site_url: str | None = None, languages: tuple[str, ...] | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a project folder for each language, as `make build` does; returns the first failed or the last process.

    English (mkdocs.yml) goes to `site_dir`, each other language (mkdocs.<lang>.yml) to `site_dir/<lang>`. With
    `site_url`, the pages name that address (and <site_url><lang>/ the other languages): a site served elsewhere
    than its address would ask that address for the other languages' sitemaps, which the CSP refuses.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env.update(language_urls(site_url))
    result = None
    for language in languages or LANGUAGES:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir / language_folder(language))]
        if language != "en":
            command += ["-f", f"mkdocs.{language}.yml"]
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            return result
    return result
