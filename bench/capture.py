"""Build a project once and write every page's Markdown as it leaves mkdocs-macros.

Usage: python capture.py PROJECT_DIR OUT_DIR [CONFIG]. Run with PROJECT_DIR as the working
directory (mkdocs-macros imports the `macros` module from there). OUT_DIR receives one
file per page, same relative path as under the config's docs_dir, holding the rendered Markdown.
CONFIG is the language's configuration file (default mkdocs.yml; mkdocs.es.yml for Spanish).
OUT_DIR/EXTRA_FILE receives, as JSON, what the macros added to the configuration's `extra` (the
theme's interface strings), which the plain twin's configuration then states outright.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

EXTRA_FILE = "_extra.json"


def capture_after_macros(config, out_dir: Path) -> None:
    """Run a recorder on page_markdown, and one on config, right after the macros plugin, before anything else."""
    macros = config.plugins.get("macros")
    if macros is None:
        raise SystemExit("bench: mkdocs.yml has no 'macros' plugin to capture")

    def record(markdown, *, page, config, files):
        target = out_dir / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
        return markdown

    events = config.plugins.events["page_markdown"]
    position = next(i for i, method in enumerate(events) if getattr(method, "__self__", None) is macros)
    events.insert(position + 1, record)
    before = set(config.extra)

    def record_extra(config):
        added = {key: value for key, value in config.extra.items() if key not in before}
        (out_dir / EXTRA_FILE).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / EXTRA_FILE).write_text(json.dumps(added, ensure_ascii=False), encoding="utf-8")
        return config

    events = config.plugins.events["config"]
    position = next(i for i, method in enumerate(events) if getattr(method, "__self__", None) is macros)
    events.insert(position + 1, record_extra)  # what the macros added to `extra`, before any later plugin or hook adds its own


def main(argv: list[str]) -> int:
    project, out_dir = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    config_name = argv[2] if len(argv) > 2 else "mkdocs.yml"
    os.chdir(project)
    sys.path.insert(0, str(project))
    config = load_config(config_file=str(project / config_name), site_dir=str(out_dir / "_site"), strict=True)
    capture_after_macros(config, out_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
