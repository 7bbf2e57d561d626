"""`mkdocs build` that also times the macros plugin's own work: python bench/attributed_build.py OUT.json build [mkdocs options].

Writes {"total": s, "macros": s} (CPU seconds, this process and its children) to OUT.json. "macros" is importing the
plugin (after what a plain build imports anyway) and every one of its event handlers, our macros' loading, checks and
rendering included. Both figures come from the same run, so a machine that slows down or speeds up while the build
runs moves them together: their ratio is steadier than one build's time against another's.
"""

from __future__ import annotations

import ctypes  # noqa: F401 - of what the plugin's import brings in, a plain build imports these later anyway
import functools
import heapq  # noqa: F401
import json
import resource
import subprocess  # noqa: F401
import sys

import jinja2  # noqa: F401 - a plain build imports these too; they must not count as the plugin's
import markdown  # noqa: F401
import mkdocs.commands.build  # noqa: F401
import mkdocs.config.defaults  # noqa: F401
import yaml  # noqa: F401
from mkdocs.__main__ import cli

HANDLERS = ("on_config", "on_pre_build", "on_nav", "on_page_markdown", "on_post_build")


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(out: str, arguments: list[str]) -> int:
    spent = [0.0]

    def timed(handler):
        @functools.wraps(handler)  # keeps any priority MkDocs reads off the handler
        def run(*args, **kwargs):
            began = cpu()
            try:
                return handler(*args, **kwargs)
            finally:
                spent[0] += cpu() - began

        return run

    began = cpu()
    import mkdocs_macros.plugin as plugin

    spent[0] += cpu() - began
    for name in HANDLERS:
        if hasattr(plugin.MacrosPlugin, name):
            setattr(plugin.MacrosPlugin, name, timed(getattr(plugin.MacrosPlugin, name)))
    try:
        cli(arguments, prog_name="mkdocs", standalone_mode=False)
    except SystemExit as stop:  # click's way of ending on an error: keep its exit status
        return stop.code if isinstance(stop.code, int) else 1
    except Exception as error:  # noqa: BLE001 - the bench reports the message, as for a plain `mkdocs build`
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"total": cpu(), "macros": spent[0]}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
