"""Quality gates read from the built files: content security policy, search-engine metadata,
sitemap, robots.txt, the 404 page, the pinned Node tools (Lighthouse, ESLint), and contributor text kept out of Jinja."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
from helpers import CONFIG, LANGUAGES, NOT_FOUND, ROOT, SITE_URL, Head, build_site, meta, page_file, page_paths, read_head

from hooks.csp import blocked_markup, build_policy, inline_code, insert_policy, sha256_source
from macros.library import Script
from macros.render import render_script


def link(head: Head, rel: str) -> str | None:
    for tag, attrs in head.tags:
        if tag == "link" and attrs.get("rel") == rel:
            return attrs.get("href")
    return None


def parse_policy(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        assert name not in directives, f"{name} appears twice"
        directives[name] = values
    return directives


def html_files(site: Path) -> list[Path]:
    """A build's pages, without another language's build inside it (es/)."""
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] not in LANGUAGES)


@pytest.fixture(params=LANGUAGES)
def built(request, production_site) -> tuple[Path, str]:
    """Each language's build as published: (its folder, its address). English is the site's root, Spanish its es/ folder."""
    language = request.param
    root = {alternate["lang"]: alternate["link"] for alternate in CONFIG["extra"]["alternate"]}[language]
    return (production_site if language == LANGUAGES[0] else production_site / language), root


# --- Content security ---------------------------------------------------------------------------


def test_every_page_starts_its_head_with_the_policy(built):
    production_site, _ = built
    for file in html_files(production_site):
        tags = read_head(file.read_text(encoding="utf-8")).tags
        assert tags, f"{file}: no <head> content"
        first_tag, attrs = tags[0]
        assert (first_tag, attrs.get("http-equiv")) == ("meta", "Content-Security-Policy"), f"{file}: first in <head> is <{first_tag}>"
        assert sum(1 for tag, a in tags if a.get("http-equiv", "").lower() == "content-security-policy") == 1


def test_the_policy_allows_only_the_site_and_hashed_inline_scripts(built):
    production_site, _ = built
    for file in html_files(production_site):
        head = read_head(file.read_text(encoding="utf-8"))
        policy = parse_policy(meta(head, **{"http-equiv": "Content-Security-Policy"}))
        assert policy["default-src"] == ["'self'"]
        scripts = policy["script-src"]
        assert scripts[0] == "'self'"
        assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", source) for source in scripts[1:]), scripts
        assert policy["style-src"][0] == "'self'"
        assert all(source.startswith("'sha256-") for source in policy["style-src"][1:])
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'none'"]
        assert policy["connect-src"] == ["'self'"]
        assert policy["worker-src"] == ["'self'"]
        # data: only for images: Material's stylesheet draws its icons as data: SVG masks.
        assert policy["img-src"] == ["'self'", "data:"]
        # blob: only for media: the Rehearse recorder plays back a recording held in memory.
        assert policy["media-src"] == ["'self'", "blob:"]
        everything = " ".join(" ".join(values) for name, values in policy.items() if name != "media-src")
        for forbidden in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "*", "http:", "https:", "blob:"):
            assert forbidden not in everything.split(), f"{file}: {forbidden} in the policy"
        # Directives a <meta> policy cannot carry are left out rather than silently ignored.
        assert not {"frame-ancestors", "report-uri", "report-to", "sandbox"} & set(policy)


def test_every_inline_script_is_hashed_and_every_hash_is_used(built):
    production_site, _ = built
    files = html_files(production_site)
    needed = set()
    for file in files:
        scripts, _ = inline_code(file.read_text(encoding="utf-8"))
        assert scripts, f"{file}: expected Material's inline scripts"
        for script in scripts:
            # Recomputed here from the bytes, independently of the hook.
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            needed.add(f"'sha256-{digest}'")
    for file in files:
        policy = parse_policy(meta(read_head(file.read_text(encoding="utf-8")), **{"http-equiv": "Content-Security-Policy"}))
        assert set(policy["script-src"][1:]) == needed, f"{file}: the hashes are not exactly those of the site's inline scripts"


def test_the_charset_comes_within_the_first_1024_bytes(built):
    production_site, _ = built
    for file in html_files(production_site):
        assert b'<meta charset="utf-8">' in file.read_bytes()[:1024], file


def test_the_hook_refuses_markup_the_policy_would_block():
    html = (
        '<p><button onclick="go()">Go</button></p>\n'
        '<div style="color: red">red</div>\n'
        '<a href="javascript:alert(1)">x</a>\n'
        '<a href="JavaScript:void(0)">y</a>\n'
        '<p title="onclick=nothing" class="plain">fine</p>\n'
    )
    problems = blocked_markup(html)
    assert problems[0].startswith("line 1: <button onclick=...> is an inline event handler")
    assert problems[1].startswith("line 2: <div style=...> is an inline style")
    assert problems[2].startswith('line 3: <a href="javascript:...">')
    assert problems[3].startswith('line 4: <a href="javascript:...">')
    assert len(problems) == 4


def test_the_hook_hashes_exactly_what_browsers_hash():
    html = '<head><script>var a = 1;\r\n</script><script src="x.js"></script><script type="application/json">{"a": 1}</script><style>p{}</style></head>'
    scripts, styles = inline_code(html)
    assert scripts == ["var a = 1;\r\n"]
    assert styles == ["p{}"]
    # Browsers hash the text after turning CR LF into LF.
    expected = base64.b64encode(hashlib.sha256(b"var a = 1;\n").digest()).decode()
    assert sha256_source(scripts[0]) == f"'sha256-{expected}'"
    policy = build_policy([sha256_source(scripts[0])], [])
    assert insert_policy(html, policy).startswith(f'<head><meta http-equiv="Content-Security-Policy" content="{policy}">')
    assert "'unsafe-inline'" in build_policy([], [], live_reload=True)
    assert "'unsafe-inline'" not in build_policy(["'sha256-x'"], [])


def test_a_page_with_an_inline_handler_fails_the_build_naming_the_page(project, tmp_path):
    privacy = project / "docs" / "privacy.md"
    privacy.write_text(privacy.read_text(encoding="utf-8") + '\n<button type="button" onclick="steal()">Win</button>\n', encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "privacy/index.html: line" in result.stderr
    assert "<button onclick=...> is an inline event handler; attach it with addEventListener in a .js file" in result.stderr
    assert "Traceback" not in result.stderr


# --- Contributor text never reaches Jinja -------------------------------------------------------

HOSTILE_JINJA = "{{ cycler.__init__.__globals__ }}"
HOSTILE_HTML = "<script>alert(1)</script>"


def hostile_script(library, setting: str = "phone") -> Script:
    return Script(
        id="hostile", setting=setting, path=f"data/scripts/{setting}/hostile.yml", title=f"Title {HOSTILE_JINJA} {HOSTILE_HTML}",
        order=1, tone="soft", audience="any", idea=next(iter(library.ideas)), opener=f"Hello {HOSTILE_JINJA} and {HOSTILE_HTML}, {{role}}.",
        close=f"Can we {{% if true %}}meet{{% endif %}} {HOSTILE_HTML}?", if_yes=HOSTILE_JINJA, if_not_sure=HOSTILE_HTML, if_put_off=HOSTILE_JINJA, if_no="{# note #}",
    )


def test_render_prints_hostile_text_literally_and_escaped(library):
    """Even text the loader would refuse comes out of render.py as inert, literal text."""
    output = render_script(hostile_script(library), library, "scripts")
    assert "<script>" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
    assert f"Hello {HOSTILE_JINJA} and" in output  # left as it is: nothing downstream renders it
    assert "{% if true %}meet{% endif %}" in output
    # In the Markdown heading, braces are backslash-escaped so Markdown shows them as written.
    assert r"Title \{\{ cycler\.\_\_init\_\_\.\_\_globals\_\_ \}\}" in output


# Appended to the throw-away copy's macros/library.py: hostile text placed past the loader, as if it
# had been bypassed, in a script that renders on its setting page, on My cards and on Rehearse.
_PAST_THE_LOADER = """

_checked_load_library = load_library


def load_library(root, **options):  # test only: see tests/test_gates_static.py
    import dataclasses

    library = _checked_load_library(root, **options)
    first, *rest = library.scripts["phone"]
    hostile = dataclasses.replace(
        first,
        title="Hostile {{ cycler.__init__.__globals__ }} <script>alert(1)</script>",
        opener="Thank you {{ cycler.__init__.__globals__ }}, {interviewer_name}.",
        close="Can we meet? <script>alert(1)</script>",
        if_yes="{% for x in range(3) %}loop{% endfor %}",
    )
    library.scripts["phone"] = (hostile, *rest)
    return library
"""


def test_a_site_built_with_hostile_script_text_prints_it_literally(project, tmp_path, library):
    """Text past a bypassed loader is still shown as written: Jinja never sees it, HTML stays text."""
    loader = project / "macros" / "library.py"
    loader.write_text(loader.read_text(encoding="utf-8") + _PAST_THE_LOADER, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    hostile_id = library.scripts["phone"][0].id
    shown = 0
    for page in ("scripts/phone", "my-cards", "rehearse"):
        html = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "looplooploop" not in html, page
        sections = re.findall(rf'<section\b[^>]*data-script="{hostile_id}"[^>]*>.*?</section>', html, re.S)
        for text in sections:
            shown += 1
            assert "{{ cycler.__init__.__globals__ }}" in text, page
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page
            assert "{% for x in range(3) %}loop{% endfor %}" in text, page
            assert "built-in" not in text and "function" not in text, page
    assert shown >= 2, "the hostile script was not found on its pages"


HOSTILE_YAML = """\
title: A closing script
order: 1
tone: soft
audience: any
idea: three-reasons
opener: "Thank you {{ cycler.__init__.__globals__ }}, {interviewer_name}."
close: "Can we meet? <script>alert(1)</script>"
if_yes: Great, thank you.
if_not_sure: What is holding you back?
if_put_off: Of course. When will you know?
if_no: Thank you.
"""


def test_the_loader_refuses_hostile_script_text_with_its_location(project):
    (project / "data" / "scripts" / "phone" / "hostile.yml").write_text(HOSTILE_YAML, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.check", str(project)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    where = "data/scripts/phone/hostile.yml"
    assert any(line.startswith(f"{where}:6:") and "'opener' contains '{{'" in line for line in lines), lines
    assert any(line.startswith(f"{where}:7:") and "'close' contains HTML ('<s" in line for line in lines), lines
    assert "Traceback" not in result.stderr


# --- Search engines and sharing -----------------------------------------------------------------


def pages_with_heads(site: Path) -> dict[str, Head]:
    return {path: read_head(page_file(site, path).read_text(encoding="utf-8")) for path in page_paths(site)}


def test_every_page_has_a_unique_title_and_description(built):
    production_site, _ = built
    heads = pages_with_heads(production_site)
    titles = {path: head.title.strip() for path, head in heads.items()}
    descriptions = {path: meta(head, name="description") for path, head in heads.items()}
    for path in heads:
        assert titles[path].endswith(" - Next Step"), (path, titles[path])
        assert descriptions[path] and len(descriptions[path]) >= 50, (path, descriptions[path])
    assert len(set(titles.values())) == len(titles), titles
    assert len(set(descriptions.values())) == len(descriptions), descriptions


def test_every_page_has_its_canonical_address_and_sharing_tags(built):
    production_site, site_url = built
    for path, head in pages_with_heads(production_site).items():
        title, description = head.title.strip(), meta(head, name="description")
        if path == NOT_FOUND:
            assert link(head, "canonical") is None and meta(head, name="robots") == "noindex"
        else:
            canonical = site_url + path
            assert link(head, "canonical") == canonical
            assert meta(head, property="og:url") == canonical
        assert meta(head, property="og:type") == "website"
        assert meta(head, property="og:site_name") == "Next Step"
        assert meta(head, property="og:title") == title
        assert meta(head, property="og:description") == description
        assert meta(head, name="twitter:card") == "summary_large_image"
        assert meta(head, name="twitter:title") == title
        assert meta(head, name="twitter:description") == description
        for image in (meta(head, property="og:image"), meta(head, name="twitter:image")):
            assert image.startswith(site_url)
            assert (production_site / image.removeprefix(site_url)).is_file(), image
        assert meta(head, property="og:image:alt") and meta(head, name="twitter:image:alt")


def test_the_sitemap_lists_every_page_and_robots_txt_points_to_it(production_site):
    tree = ElementTree.parse(production_site / "sitemap.xml")
    listed = {element.text for element in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {SITE_URL + path for path in page_paths(production_site) if path != NOT_FOUND}
    assert listed == pages
    robots = (production_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert not any(line.strip().lower() == "disallow: /" for line in robots)
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_the_404_page_helps_the_reader_on(built):
    production_site, site_url = built
    base_path = urlparse(site_url).path
    html = (production_site / "404.html").read_text(encoding="utf-8")
    links = set(re.findall(r'<a href="([^"#]+)"', html.split('id="page-not-found"', 1)[1]))
    assert {f"{base_path}.", f"{base_path}scripts/"} <= links
    for href in links:
        if href.startswith(base_path):
            target = production_site / href.removeprefix(base_path)
            assert (target / "index.html").is_file() or target.is_file() or href == f"{base_path}.", href
    assert '<a href="#page-not-found" class="md-skip">' in html
    assert "search" in html.split('id="page-not-found"', 1)[1].lower()
    # Its own copy of Material's config must still point at the search worker that was built.
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert (production_site / config["search"].removeprefix(base_path)).is_file(), config["search"]
    assert "navigation.instant" not in config["features"]


# --- Tooling ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["lighthouse", "eslint"])
def test_node_tools_are_pinned_exactly_with_integrity_hashes(name):
    tool = ROOT / "tools" / name
    package = json.loads((tool / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((tool / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned exactly: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    installed = {path: entry for path, entry in lock["packages"].items() if path}
    assert installed
    for path, entry in installed.items():
        assert entry.get("integrity", "").startswith("sha512-"), f"{path} has no sha512 integrity hash"


def test_every_storage_key_the_scripts_use_is_explained_on_the_privacy_page():
    privacy = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    scripts = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js")))
    names = set(re.findall(r"""["'`](next-step:[a-z][a-z-]*)["'`]""", scripts))
    events = set(re.findall(r"""(?:CustomEvent|addEventListener|dispatchEvent)\(\s*(?:new CustomEvent\()?["'`](next-step:[a-z-]+)""", scripts))
    keys = names - events
    assert "next-step:details" in keys and "next-step:remember" in keys
    missing = [key for key in sorted(keys) if f"`{key}`" not in privacy]
    assert missing == [], f"storage keys not explained in docs/privacy.md: {missing}"
