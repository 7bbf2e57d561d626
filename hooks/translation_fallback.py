"""A page a translation lacks: the English page in its place, under a note, never a missing page.

A language's build (mkdocs.<lang>.yml) reads its own docs folder, translations/<lang>/docs/. Each English page
(docs/) with no counterpart there is added to the build from docs/, its front matter marked `untranslated_page:
true`: docs/overrides/main.html then shows the note (data/ui.yml's page.untranslated, in the language's words) and
marks the text as English. The language switcher, the hreflang alternates and the nav keep working, and
`make check` still lists the page as missing. MkDocs' on_files is the only place a page can be added, hence a hook;
the English build, whose docs folder is docs/ itself, is left as it is.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

ENGLISH_DOCS = "docs"
MARK = "untranslated_page"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(---|\.\.\.)[ \t]*(\r?\n|\Z)", re.S)


def english_pages(docs: Path) -> list[str]:
    """Every page of the English docs, relative to docs/ (its theme overrides and assets are no pages).

    The walk of macros/translation_files.english_pages: MkDocs loads a hook by its file path, and the project folder
    is not always on the import path then (`mkdocs build -f` from elsewhere), so a hook does not import macros.
    """
    found = []
    for folder, subfolders, names in os.walk(docs):
        here = Path(folder).relative_to(docs)
        if here == Path("."):
            subfolders[:] = [name for name in subfolders if name not in ("assets", "overrides")]
        found += [(here / name).as_posix() for name in names if name.endswith(".md")]
    return sorted(found)


def marked(source: str) -> str:
    """The page's text with `untranslated_page: true` added to its front matter (a front matter made where it has none)."""
    front = _FRONT_MATTER.match(source)
    if front is None:
        return f"---\n{MARK}: true\n---\n\n{source}"
    head = front.group(1) or ""
    return f"---\n{head}{MARK}: true\n{front.group(2)}\n{source[front.end():]}"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    english = Path(config.config_file_path).parent / ENGLISH_DOCS
    if not english.is_dir() or Path(config.docs_dir).resolve() == english.resolve():
        return files
    for page in english_pages(english):
        if files.get_file_from_path(page) is None:
            source = (english / page).read_text(encoding="utf-8-sig")
            # Not in the language's nav (it was never translated) is no mistake: no "omitted from nav" warning.
            files.append(File.generated(config, page, content=marked(source), inclusion=InclusionLevel.NOT_IN_NAV))
    return files
