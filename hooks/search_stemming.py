"""Search by a word's stem in a build whose language has one (Spanish): "entrevistas" finds "entrevista".

Material's search adds a trailing wildcard to every word typed, and lunr never stems a word with a wildcard;
a stemmed index would then miss whole words ("entrevista*" against the stem "entrevist"). So the index stays as
Material builds it, and the build gets a worker in front of Material's (hooks/search_stemming_worker.js) that cuts
each typed word to its stem before the wildcard is added. Every page's Material config points at that worker.
English keeps Material's worker untouched.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

try:  # as `mkdocs build` loads hooks: their folder is on the path
    from minify_assets import minify_js
    from offline import search_languages
except ImportError:  # as the tests import them: the project root is on the path
    from hooks.minify_assets import minify_js
    from hooks.offline import search_languages

WORKERS = "assets/javascripts/workers"
WORKER = "search-stemming.js"
SOURCE = Path(__file__).with_name("search_stemming_worker.js")
MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def on_post_build(*, config: MkDocsConfig) -> None:
    if search_languages(config) == ["en"]:
        return
    site = Path(config.site_dir)
    found = sorted((site / WORKERS).glob("search.*.min.js"))
    if len(found) != 1:
        raise PluginError(f"hooks/search_stemming.py: expected one Material search worker in {WORKERS}/, found {[path.name for path in found]}; has Material changed how it names it?")
    material = found[0].name
    source = SOURCE.read_text(encoding="utf-8")
    if source.count("__MATERIAL_WORKER__") != 1:
        raise PluginError("hooks/search_stemming_worker.js: needs __MATERIAL_WORKER__ exactly once; hooks/search_stemming.py fills it in")
    (site / WORKERS / WORKER).write_text(minify_js(source.replace("__MATERIAL_WORKER__", material)), encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        pointed = MATERIAL_CONFIG.sub(lambda match: match.group(1) + match.group(2).replace(f"workers/{material}", f"workers/{WORKER}") + match.group(3), html)
        if pointed != html:
            page.write_text(pointed, encoding="utf-8")
