"""The macros plugin's work alone, repeated in one process: python bench/macros_work.py OUT.json REPEATS [CONFIG_FILE].

Run in a project copy. Loads the configuration, its plugins (every plugin's on_config, hooks included) and its pages
once, then runs the macros plugin's handlers as `mkdocs build` does, REPEATS times: on_config (which loads and checks
the data), on_pre_build, on_nav, and on_page_markdown on every page. Writes {"cpu": [seconds per repeat]} to OUT.json.

Growth (bench/run.py) reads the least of these at each N. Why not the builds' own figure: one build's macros time
swings by more than 90 scripts cost, while this work, a fraction of a second, can be timed many times close together.
"""

from __future__ import annotations

import json
import logging
import resource
import sys

from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def main(out: str, repeats: int, config_file: str | None) -> int:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)  # mkdocs-macros says what it registered at each on_config
    config = load_config(config_file)
    config = config.plugins.on_config(config)
    macros = config.plugins["macros"]
    files = config.plugins.on_files(get_files(config), config=config)
    nav = get_navigation(files, config)
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    for page in pages:
        page.read_source(config)
    sources = [(page, page.markdown) for page in pages]
    times = []
    for _ in range(repeats):
        began = cpu()
        macros.on_config(config)
        macros.on_pre_build(config=config)
        macros.on_nav(nav, config=config, files=files)
        for page, markdown in sources:
            macros.on_page_markdown(markdown, page=page, config=config, files=files)
        times.append(cpu() - began)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"cpu": times, "pages": len(sources)}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None))
