"""Issue 13: every spoken script prepares every reply (put-off included) and says whom it is for, everywhere it shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from macros.card_model import card_parts
from macros.rehearse import render_rehearse_deck
from macros.render import render_script
from macros.schema import AUDIENCES, REPLIES, SCRIPT_KINDS, TONE_LABELS


class Sections(HTMLParser):
    """Every script section of a page: its attributes, and the replies and meta line inside it."""

    def __init__(self, html: str):
        super().__init__()
        self.sections: dict[str, dict] = {}
        self.current: dict | None = None
        self.depth = 0
        self.in_meta = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "ns-script" in (attrs.get("class") or "").split():
            self.current = {"attrs": attrs, "answers": [], "meta": ""}
            self.sections[attrs["data-script"]] = self.current
            self.depth = 0
        if self.current is None:
            return
        if tag == "section":
            self.depth += 1
        if "data-answer" in attrs and tag == "div":
            self.current["answers"].append(attrs["data-answer"])
        if "ns-script__meta" in (attrs.get("class") or "").split():
            self.in_meta = True

    def handle_endtag(self, tag):
        if self.current is not None and tag == "section":
            self.depth -= 1
            if self.depth == 0:
                self.current = None
        if tag == "p":
            self.in_meta = False

    def handle_data(self, data):
        if self.current is not None and self.in_meta:
            self.current["meta"] += data


def spoken(library):
    return [s for s in library.all_scripts() if SCRIPT_KINDS[library.setting(s.setting).kind].replies_label]


def test_replies_are_yes_not_sure_put_off_no_with_distinct_keys():
    assert [reply.key for reply in REPLIES] == ["if_yes", "if_not_sure", "if_put_off", "if_no"]
    put_off = REPLIES[2]
    assert (put_off.label, put_off.button, put_off.shortcut, put_off.heard) == ("If they put it off", "Put off", "3", "put it off")
    assert len({reply.shortcut for reply in REPLIES}) == len(REPLIES)


def test_every_spoken_script_has_every_reply_in_its_data_and_on_its_card(library):
    scripts = spoken(library)
    assert len(scripts) >= 20
    for script in scripts:
        assert [reply.key for reply, _ in script.replies] == [reply.key for reply in REPLIES], script.path
        leads = [part.lead for part in card_parts(script, library)]
        assert [lead for lead in leads if lead.startswith("If they")] == [f"{reply.label}: " for reply in REPLIES], script.path


def test_every_spoken_script_has_every_reply_on_its_page_in_my_cards_and_in_rehearse(built_site, library):
    expected = [reply.key for reply in REPLIES]
    rehearse = Sections((built_site / "rehearse" / "index.html").read_text(encoding="utf-8")).sections
    my_cards = Sections((built_site / "my-cards" / "index.html").read_text(encoding="utf-8")).sections
    for script in spoken(library):
        page = Sections((built_site / "scripts" / script.setting / "index.html").read_text(encoding="utf-8")).sections
        for where, sections in (("its page", page), ("My cards", my_cards), ("Rehearse", rehearse)):
            assert sections[script.id]["answers"] == expected, f"{script.id} on {where}"
    buttons = re.findall(r'data-action="answer" data-answer="([a-z_]+)"', (built_site / "rehearse" / "index.html").read_text(encoding="utf-8"))
    assert buttons == expected


def test_every_script_section_carries_its_tone_and_audience_and_says_whom_it_is_for(built_site, library):
    pages = {setting.id: (built_site / "scripts" / setting.id / "index.html").read_text(encoding="utf-8") for setting in library.settings}
    my_cards = Sections((built_site / "my-cards" / "index.html").read_text(encoding="utf-8")).sections
    rehearse = Sections((built_site / "rehearse" / "index.html").read_text(encoding="utf-8")).sections
    seen = set()
    for script in library.all_scripts():
        places = [Sections(pages[script.setting]).sections[script.id], my_cards[script.id]]
        places += [rehearse[script.id]] if script.id in rehearse else []
        for section in places:
            assert section["attrs"]["data-tone"] == script.tone and section["attrs"]["data-audience"] == script.audience, script.id
            meta = " ".join(section["meta"].split())
            assert f"{TONE_LABELS[script.tone]} · {AUDIENCES[script.audience].meta}" in meta, meta
            assert "tone ·" not in meta and "applies" not in meta
        seen.add(script.audience)
    assert len(seen) >= 5, "the library speaks to most audiences"


def test_the_meta_line_reads_tone_then_audience_then_the_idea(library):
    script = spoken(library)[0]
    markdown = render_script(script, library, "scripts")
    meta = next(line for line in markdown.splitlines() if line.startswith(TONE_LABELS[script.tone]))
    assert re.fullmatch(rf"{TONE_LABELS[script.tone]} · For (a|an) [a-z ]+ · Idea: \[.+\]\(.+#.+\)|{TONE_LABELS[script.tone]} · For anyone · Idea: \[.+\]\(.+#.+\)", meta), meta
    deck = render_rehearse_deck(library, "")
    assert f'data-script="{script.id}" data-setting="{script.setting}" data-tone="{script.tone}" data-audience="{script.audience}"' in deck
