"""macros/schema.py is the one declaration: a new text part or reply needs it and the data, nothing else.

In a throw-away copy, only the declaration and one script file are edited; the check, the
script page, the printed card's model, the fit gate and the Rehearse deck all pick them up.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

from helpers import ROOT, build_site

from macros.rehearse import render_controls
from macros.schema import PARTS, REPLIES, SCRIPT_KINDS

ASIDE_TEXT = "Breathe, smile and let the question land."
SILENT_TEXT = "Take your time, {interviewer_name}; I'm happy to wait."
SILENT_SHOWN = "Take your time, [interviewer's name]; I'm happy to wait."
SHORT_TEXTS = """\
opener: Thank you, {interviewer_name}. I'd bring {strength_a} to this {role} job.
close: Could we set up {next_step}?
if_yes: Great, thank you.
if_not_sure: What would help you decide?
if_put_off: Of course. When will you know?
if_no: Thank you for saying so.
"""
ASIDE_PART = (
    'Part("aside", Text("A word to yourself before the close.", 120, placeholders=True, optional=True),'
    ' labels={"spoken": "Aside", "written": "Note to self"})'
)
SILENT_REPLY = (
    'Reply("if_silent", label="If they say nothing", button="Silence", shortcut="5", heard="nothing",'
    ' text=Text("What to say when they say nothing at all.", 240, placeholders=True, optional=True))'
)


def append_to_tuple(source: str, name: str, entry: str) -> str:
    """`source` with `entry` added as the last item of the module-level tuple `name = (...)`."""
    pattern = re.compile(rf"(\n{name} = \((?:\n    .*)*)\n\)\n")
    edited, count = pattern.subn(lambda match: f"{match.group(1)}\n    {entry},\n)\n", source, count=1)
    assert count == 1, f"no `{name} = (` tuple with 4-space items in macros/schema.py; update this test's edit"
    return edited


def shortest_spoken_script(project) -> tuple[str, str]:
    """(path, id) of the smallest script file of the first spoken setting: the most room left on its card."""
    settings = json.loads(run_in(project, "import json; from macros.library import load_library; from pathlib import Path; "
                                           "print(json.dumps([(s.id, s.kind) for s in load_library(Path('.')).settings]))"))
    spoken = next(setting_id for setting_id, kind in settings if kind == "spoken")
    path = min((project / "data" / "scripts" / spoken).glob("*.yml"), key=lambda p: p.stat().st_size)
    return path.relative_to(project).as_posix(), path.stem


def short_script(text: str) -> str:
    """The script with short texts, so that two more still fit its card: the first lines kept, the texts replaced."""
    head = [line for line in text.splitlines() if re.match(r"(#|title:|order:|tone:|audience:|idea:)", line)]
    return "\n".join(head) + "\n" + SHORT_TEXTS


def run_in(project, code: str) -> str:
    """Run Python in the copy, so its own (edited) macros package is the one imported."""
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_an_optional_part_and_a_fifth_reply_need_only_the_declaration_and_the_data(project, tmp_path):
    schema = project / "macros" / "schema.py"
    source = schema.read_text(encoding="utf-8")
    schema.write_text(append_to_tuple(append_to_tuple(source, "PARTS", ASIDE_PART), "REPLIES", SILENT_REPLY), encoding="utf-8")
    rel, script_id = shortest_spoken_script(project)
    data = project / rel
    data.write_text(short_script(data.read_text(encoding="utf-8")) + f"aside: {ASIDE_TEXT}\nif_silent: {SILENT_TEXT}\n", encoding="utf-8")

    check = subprocess.run([sys.executable, "-m", "macros.check", str(project)], cwd=project, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    # The check knows the new keys: a misspelt one is refused and the new ones are offered.
    refused = data.read_text(encoding="utf-8").replace("aside:", "asid:")
    (project / "data" / "scripts" / rel.split("/")[2] / "misspelt.yml").write_text(refused, encoding="utf-8")
    misspelt = subprocess.run([sys.executable, "-m", "macros.check", str(project)], cwd=project, capture_output=True, text=True, timeout=120)
    assert misspelt.returncode == 1 and "unknown key 'asid'. Did you mean 'aside'?" in misspelt.stderr, misspelt.stderr
    (project / "data" / "scripts" / rel.split("/")[2] / "misspelt.yml").unlink()

    # The printed card holds both texts under their labels, and the fit gate measures them.
    card = json.loads(run_in(project, f"""
import json
from dataclasses import replace
from pathlib import Path
from macros.card_fit import card_fit_problems
from macros.card_metrics import CARD_SIZES
from macros.card_model import card_parts, worst_height_pt
from macros.library import load_library
library = load_library(Path("."))
script = next(s for s in library.all_scripts() if s.id == {script_id!r})
without = replace(script, aside=None, if_silent=None)
print(json.dumps({{
    "parts": [[part.lead, part.body, part.bold] for part in card_parts(script, library)],
    "height": worst_height_pt(script, library, CARD_SIZES[0]),
    "height_without": worst_height_pt(without, library, CARD_SIZES[0]),
    "problems": [str(p) for p in card_fit_problems(Path("."), library)],
}}))
"""))
    assert ["Aside: ", ASIDE_TEXT, False] in card["parts"]
    assert ["If they say nothing: ", SILENT_TEXT, False] in card["parts"]
    assert [lead for lead, _, _ in card["parts"]][-1] == "If they say nothing: "  # replies come last, in declared order
    assert card["height"] > card["height_without"] and card["problems"] == []

    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    setting = rel.split("/")[2]
    page = (site / "scripts" / setting / "index.html").read_text(encoding="utf-8")
    section = page[page.index(f'data-script="{script_id}"') :]
    section = section[: section.index("</section>")]
    assert re.search(r'<div class="ns-part ns-part--aside">\s*<p class="ns-part__label">Aside</p>\s*<p class="ns-part__text">' + re.escape(ASIDE_TEXT), section)
    assert re.search(r'<div class="ns-answer" data-answer="if_silent">\s*<dt>If they say nothing</dt>\s*<dd>Take your time, <span class="ns-blank"', section)
    assert section.count('class="ns-answer"') == len(REPLIES) + 1

    rehearse = (site / "rehearse" / "index.html").read_text(encoding="utf-8")
    buttons = [attrs for tag, attrs in Elements(rehearse).found if tag == "button" and attrs.get("data-action") == "answer"]
    assert [b["data-answer"] for b in buttons] == [reply.key for reply in REPLIES] + ["if_silent"]
    assert buttons[-1]["data-heard"] == "nothing" and buttons[-1]["aria-keyshortcuts"] == "5"
    assert re.search(r'data-answer="if_silent"[^>]*>Silence <kbd aria-hidden="true">5</kbd></button>', rehearse)
    card_html = rehearse[rehearse.index(f'ns-rehearse__card" data-script="{script_id}"') :]
    card_html = card_html[: card_html.index("</section>")]
    assert "Aside" in card_html and ASIDE_TEXT in card_html
    assert html.unescape(re.sub(r"<[^>]+>", "", card_html)).count(SILENT_SHOWN) == 1

    # The editor schemas, generated from the same declaration, offer both keys.
    schemas = subprocess.run([sys.executable, "-m", "macros.json_schema", str(project)], cwd=project, capture_output=True, text=True, timeout=120)
    assert schemas.returncode == 0, schemas.stderr
    spoken = json.loads((project / "schemas" / "spoken-script.schema.json").read_text(encoding="utf-8"))
    assert {"aside", "if_silent"} <= set(spoken["properties"]) and not {"aside", "if_silent"} & set(spoken["required"])


def test_the_declaration_edit_lands_in_the_tuples_it_names():
    source = (ROOT / "macros" / "schema.py").read_text(encoding="utf-8")
    edited = append_to_tuple(source, "REPLIES", SILENT_REPLY)
    namespace: dict = {}
    exec(compile(edited, "schema.py", "exec"), namespace)  # the edited declaration still runs
    assert [reply.key for reply in namespace["REPLIES"]] == [reply.key for reply in REPLIES] + ["if_silent"]
    assert "if_silent" in namespace["SPOKEN_SCRIPT"].fields and "if_silent" not in namespace["WRITTEN_SCRIPT"].fields


def test_reply_shortcuts_are_distinct_and_clash_with_no_other_control():
    shortcuts = [reply.shortcut for reply in REPLIES]
    assert len(set(shortcuts)) == len(shortcuts)
    others = [attrs["aria-keyshortcuts"] for tag, attrs in Elements(render_controls()).found if "aria-keyshortcuts" in attrs and attrs.get("data-action") != "answer"]
    assert others and not set(shortcuts) & set(others)


def test_every_part_has_a_label_in_some_kind_and_only_in_declared_kinds():
    for part in PARTS:
        assert part.labels and set(part.labels) <= set(SCRIPT_KINDS), part.key
        assert set(part.examples) <= set(part.labels), part.key


def test_reply_shortcuts_run_one_to_n_in_the_order_the_buttons_show():
    # A reader's fingers find the buttons by position: key 3 is the third button.
    assert [reply.shortcut for reply in REPLIES] == [str(n) for n in range(1, len(REPLIES) + 1)]
