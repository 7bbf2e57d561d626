"""mkdocs-macros module: registers the macros that build pages from data/.

Loading, validation and rendering live in sibling modules, testable without
MkDocs. Only env.macro, env.filter and env.variables are used, the subset
that Zensical also runs.
"""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path

from .cards import render_my_cards, render_print_controls
from .filters import render_filter_bar
from .panel import page_setting, render_details_panel
from .prep_sheet import render_prep_sheet
from .problems import DataError
from .rehearse import render_rehearse_deck
from .render import render_setting_page, render_settings_overview
from .translations import load_library
from .ui import JS_GROUP_MARKERS, js_word_groups


def site_language(conf) -> str:
    """The build's language, theme.language in its configuration (mkdocs.es.yml: es); English by default."""
    theme = conf.get("theme")
    try:
        return (theme["language"] if theme is not None else None) or "en"
    except (KeyError, TypeError):
        return "en"


def define_env(env) -> None:
    # Zensical's macros may not set project_dir; the config file's folder is the same place.
    root = Path(getattr(env, "project_dir", None) or Path(env.conf["config_file_path"]).parent)
    # The build's language: theme.language in mkdocs.yml ("en") or mkdocs.es.yml ("es").
    language = site_language(env.conf)
    env.variables["language"] = language
    try:
        library = load_library(root, language)
    except DataError as error:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"the data files have problems:\n{error}") from None
    # The interface's words for the theme's templates (config.extra.ui) and, js.* only, for the page's scripts (the ns-ui template).
    env.conf["extra"]["ui"] = library.ui.strings
    # The page scripts' words by group, and the class that puts a group on a page (docs/overrides/main.html joins them).
    env.conf["extra"]["ui_js"] = js_word_groups(library.ui)
    env.conf["extra"]["ui_js_markers"] = JS_GROUP_MARKERS
    # The library stays out of env.variables: no page reads it there, and mkdocs-macros serialises every variable
    # before each build (a debug line it builds even when debug is off), 1,000 scripts for nothing.

    def page_dir() -> str:
        page = getattr(env, "page", None)
        return posixpath.dirname(page.file.src_uri) if page is not None else ""

    def site_root() -> str:
        """The site's root relative to the current page's URL ("" or "../" per level)."""
        url = getattr(getattr(env, "page", None), "url", "") or ""
        return "../" * url.count("/")

    @env.macro
    def script_page(setting_id: str) -> str:
        """The intro, cues, the audience and tone filters, and every script of one setting, from data/."""
        filters = render_filter_bar(library.scripts[setting_id], "setting", site_root(), library.ui)
        return render_setting_page(library, setting_id, page_dir(), filters)

    @env.macro
    def settings_overview() -> str:
        """Every setting with its summary and a link to its page."""
        return render_settings_overview(library, page_dir())

    @env.macro
    def details_panel(with_prep_sheet: bool = False) -> str:
        """The "Your details" form: a setting's page asks for its own values, other pages for every one (and the prep sheet's, where it shows)."""
        page = getattr(env, "page", None)
        setting_id = page_setting(library, page.file.src_uri) if page is not None else None
        return render_details_panel(library, setting_id, with_prep_sheet)

    @env.macro
    def prep_sheet() -> str:
        """The "Before you go in" sheet from data/prep-sheet.yml, as a printable card."""
        return render_prep_sheet(library)

    @env.macro
    def print_controls(setting_id: str = "") -> str:
        """Choose scripts, card size and layout, then print: on a script page (docs/scripts/<setting>.md), that setting's scripts."""
        setting_id = setting_id or posixpath.splitext(posixpath.basename(env.page.file.src_uri))[0]
        if setting_id not in library.scripts:  # the prep sheet's page prints the sheet alone
            return render_print_controls(library, [library.prep_sheet] if library.prep_sheet else [], setting_id, site_root())
        return render_print_controls(library, library.scripts[setting_id], setting_id, site_root())

    @env.macro
    def my_cards() -> str:
        """The print box, then every script of every setting, to choose from and print in one run."""
        return render_my_cards(library, page_dir(), render_filter_bar(library.all_scripts(), "my-cards", site_root(), library.ui), site_root())

    @env.macro
    def rehearse_deck() -> str:
        """The reader's scripts as a deck of practice cards."""
        return render_rehearse_deck(library, site_root())

    @env.macro
    def ui(string_id: str, **values) -> str:
        """One interface string in the build's language (data/ui.yml, translations/<lang>/data/ui.yml), HTML-escaped."""
        return escape(library.ui(string_id, **values))

    @env.macro
    def contribute_reference(part: str) -> str:
        """The fields, blanks, ideas or settings a contributor may use, from the data."""
        # Imported here: a top-level import would warn when `python -m macros.scaffold` runs.
        from .scaffold import render_contribute_reference

        return render_contribute_reference(library, part, page_dir())
