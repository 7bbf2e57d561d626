"""The macros plugin's work alone, at several N in turn in one process: python bench/macros_work.py OUT.json REPEATS CONFIG...

Each CONFIG is a project copy's configuration (its mkdocs.yml, or mkdocs.<lang>.yml), one per N. Each is loaded once,
with every plugin's on_config (hooks included) and its pages. Then, REPEATS times, each copy in turn gets the macros
plugin's handlers as `mkdocs build` runs them: on_config (which loads and checks the data), on_pre_build, on_nav, and
on_page_markdown on every page. Writes {"cpu": {CONFIG: [seconds per repeat]}} to OUT.json.

Growth (bench/run.py) compares the copies repeat by repeat: the copies' runs of one repeat follow each other within a
second or two, so a slow spell of the machine falls on all of them, where a build's own macros time swings by more than
the 90 scripts from N = 10 to N = 100 cost. Before each run everything already made is set aside from the garbage
collector (gc.freeze), so a run pays for collecting what it makes itself, not for the other copies' data.
"""

from __future__ import annotations

import gc
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


class Copy:
    """One project copy, loaded as a build loads it, ready to run the macros plugin's handlers again and again."""

    def __init__(self, config_file: str):
        self.config = load_config(config_file)
        self.config = self.config.plugins.on_config(self.config)
        self.macros = self.config.plugins["macros"]
        self.files = self.config.plugins.on_files(get_files(self.config), config=self.config)
        self.nav = get_navigation(self.files, self.config)
        pages = [file.page for file in self.files.documentation_pages() if file.page is not None]
        for page in pages:
            page.read_source(self.config)
        self.sources = [(page, page.markdown) for page in pages]

    def run(self) -> float:
        """The handlers once, on every page; their CPU seconds."""
        path = list(sys.path)  # mkdocs-macros puts the project's folder on sys.path at each on_config
        gc.collect()
        gc.freeze()
        began = cpu()
        self.macros.on_config(self.config)
        self.macros.on_pre_build(config=self.config)
        self.macros.on_nav(self.nav, config=self.config, files=self.files)
        for page, markdown in self.sources:
            self.macros.on_page_markdown(markdown, page=page, config=self.config, files=self.files)
        spent = cpu() - began
        gc.unfreeze()
        sys.path[:] = path
        return spent


def main(out: str, repeats: int, config_files: list[str]) -> int:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)  # mkdocs-macros says what it registered at each on_config
    copies = {config_file: Copy(config_file) for config_file in config_files}
    times: dict[str, list[float]] = {config_file: [] for config_file in config_files}
    for _ in range(repeats):
        for config_file, copy in copies.items():
            times[config_file].append(copy.run())
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"cpu": times}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3:]))
