"""mkdocs-macros module: registers the macros that build script pages from data/.

Loading, validation and rendering live in sibling modules, testable without
MkDocs. Only env.macro, env.filter and env.variables are used, the subset
that Zensical also runs.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from .library import load_library
from .problems import DataError
from .render import render_setting_page


def define_env(env) -> None:
    root = Path(env.project_dir)
    try:
        library = load_library(root)
    except DataError as error:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"the data files have problems:\n{error}") from None
    env.variables["library"] = library

    def page_dir() -> str:
        page = getattr(env, "page", None)
        return posixpath.dirname(page.file.src_uri) if page is not None else ""

    @env.macro
    def script_page(setting_id: str) -> str:
        """The intro, cues and every script of one setting, from data/."""
        return render_setting_page(library, setting_id, page_dir())
