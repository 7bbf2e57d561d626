"""The built site serves the project's own scripts and style sheets minified; the sources stay readable."""

from __future__ import annotations

import pytest
from helpers import ROOT

from hooks import minify_assets


def test_every_project_asset_is_served_smaller_without_comments(built_site):
    sources = sorted((ROOT / "docs/assets").glob("*/*.[jc]s*"))
    assert {path.suffix for path in sources} == {".js", ".css"}
    for source in sources:
        built = (built_site / source.relative_to(ROOT / "docs")).read_text(encoding="utf-8")
        assert len(built) < len(source.read_text(encoding="utf-8")), source.name
        assert "/*" not in built and "\n  " not in built, source.name


def test_minify_keeps_strings_and_ends_in_one_newline():
    js = 'const a = "  keep  /* me */ ";  // gone\nlet b = 1;\n'
    assert minify_assets.minify_js(js) == 'const a="  keep  /* me */ ";let b=1;\n'
    assert minify_assets.minify_css("/* gone */\n.a {\n  color: red;\n}\n") == ".a{color:red}\n"


def test_template_literals_survive_exactly_even_nested_and_near_comments_and_regexes():
    js = (
        "// a `comment` with backticks\n"
        "const re = /`[a-z]+`/g;  /* `block` */\n"
        "const sel = `.a[data-x=\"${id}\"] dd`;\n"
        "say(`Filled ${n}${m ? `; ${m} left  ` : \"\"}.`);\n"
        "const half = total / 2 / `x`.length;\n"
    )
    out = minify_assets.minify_js(js)
    assert '`.a[data-x=\"${id}\"] dd`' in out
    assert "`Filled ${n}${m ? `; ${m} left  ` : \"\"}.`" in out
    assert "/`[a-z]+`/g" in out and "comment" not in out and "block" not in out


def test_the_project_scripts_keep_every_template_literal():
    for source in sorted((ROOT / "docs/assets/javascripts").glob("*.js")):
        text = source.read_text(encoding="utf-8")
        out = minify_assets.minify_js(text)
        for start, end in minify_assets.template_literals(text):
            assert text[start:end] in out, (source.name, text[start:end])


def test_an_unterminated_template_literal_is_refused():
    with pytest.raises(ValueError, match="unterminated template literal"):
        minify_assets.minify_js("const a = `open;\n")


def test_the_dev_server_keeps_assets_as_written(tmp_path, monkeypatch):
    site = tmp_path / "site" / "assets" / "javascripts"
    site.mkdir(parents=True)
    (site / "details.js").write_text("/* note */\nconst a = 1;\n", encoding="utf-8")

    class Config(dict):
        docs_dir = str(ROOT / "docs")
        site_dir = str(tmp_path / "site")

    minify_assets.on_startup(command="serve", dirty=False)
    try:
        minify_assets.on_post_build(config=Config())
        assert (site / "details.js").read_text(encoding="utf-8").startswith("/* note */")
        minify_assets.on_startup(command="build", dirty=False)
        minify_assets.on_post_build(config=Config())
        assert (site / "details.js").read_text(encoding="utf-8") == "const a=1;\n"
    finally:
        minify_assets.on_startup(command="build", dirty=False)
