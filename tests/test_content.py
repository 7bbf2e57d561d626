"""The guide teaches every idea of the brief in plain English, and the script library is complete, linked and card-sized."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import NamedTuple

import pytest
import textstat
from helpers import ROOT

from macros.schema import REPLIES

DOCS = ROOT / "docs"

HOME = "index.md"
GUIDE_PAGES = [HOME, *sorted(p.relative_to(DOCS).as_posix() for p in (DOCS / "guide").glob("*.md"))]
EXPECTED_GUIDE_PAGES = {
    HOME,
    "guide/why-close.md",
    "guide/anatomy.md",
    "guide/when-to-close.md",
    "guide/reading-the-answer.md",
    "guide/after-the-interview.md",
    "guide/adapting.md",
    "guide/faq.md",
    "guide/who-you-are-talking-to.md",
    "guide/doubts.md",
    "guide/questions-to-ask.md",
    "guide/salary-notice-offers.md",
    "guide/no-one-to-close.md",
    "guide/following-up.md",
    "guide/no-numbers-yet.md",
}
# The pages issue 15 adds: each links to a script page and is linked back from a script page's intro.
NEW_GUIDE_PAGES = sorted(EXPECTED_GUIDE_PAGES - {HOME} - {f"guide/{name}.md" for name in ("why-close", "anatomy", "when-to-close", "reading-the-answer", "after-the-interview", "adapting", "faq")})
MIN_FLESCH = 60
# Pages of the Practise section with prose of their own, held to the guide's plain English and links.
PRACTICE_PAGES = ["prep-sheet.md"]

# Each idea of ../shared/BRIEF.md, the page and heading that teach it, and words its section must contain.
BRIEF_IDEAS = {
    "prepared candidates skip the question": ("guide/why-close.md", "the-missing-question", ("practise", "one question", "offer")),
    "they leave not knowing, or never hear back": ("guide/why-close.md", "the-missing-question", ("no idea how it went", "never hear back")),
    "closing comes from sales": ("guide/why-close.md", "closing-comes-from-sales", ("sales rep", "never ask", "deal")),
    "the interview is a sales conversation": ("guide/why-close.md", "sales-conversation", ("the product is you", "buyer", "this one role")),
    "ask for the next step, not the job": ("guide/why-close.md", "next-step-not-the-job", ("next step", "small request", "easier", "say yes")),
    "gauge where you stand": ("guide/why-close.md", "gauge", ("how the interview went", "before you leave")),
    "react while you can still act": ("guide/why-close.md", "react", ("still act", "holding them back", "clear it up")),
    "a spoken yes is kept (commitment and consistency)": ("guide/why-close.md", "spoken-yes", ("commitment and consistency", "follow through")),
    "never leave wondering": ("guide/why-close.md", "never-wonder", ("did they like me", "everything i meant")),
    "say you are excited about the role": ("guide/anatomy.md", "enthusiasm", ("want this job",)),
    "three concrete reasons (A, B, C)": ("guide/anatomy.md", "three-reasons", ("three concrete reasons", "a, b", "excel")),
    "then one closing question": ("guide/anatomy.md", "the-question", ("one clear question", "next step")),
    "choices of closing question": ("guide/anatomy.md", "pick-the-question", ("picture", "stop you", "add something real", "thriving", "meeting in person")),
    "give the next step a time frame": ("guide/anatomy.md", "time-frame", ("next week", "date")),
    "address the interviewer by name": ("guide/anatomy.md", "use-their-name", ("interviewer's name",)),
    "in person: thanks, effort, growing enthusiasm": ("guide/anatomy.md", "in-person-opener", ("thank them", "effort", "learned today")),
    "close when the meeting wraps up": ("guide/when-to-close.md", "cues", ("time is up", "clock", "watch", "papers", "any questions for us")),
    "on the phone, ask for the meeting in person": ("guide/when-to-close.md", "phone", ("meeting in person", "time frame")),
    "fill-in blanks with a clear placeholder": ("guide/anatomy.md", "your-details", ("blanks", "fill in", "interviewer's name")),
    "the close is the last step of preparation": ("guide/anatomy.md", "prepare", ("last step", "research", "practise")),
    "after a yes": ("guide/reading-the-answer.md", "yes", ("next step", "who will be in touch")),
    "after a not-sure: ask what holds them back": ("guide/reading-the-answer.md", "not-sure", ("holding them back",)),
    "after a no": ("guide/reading-the-answer.md", "no", ("what was missing",)),
    "clear up a misunderstanding or add evidence": ("guide/reading-the-answer.md", "clear-it-up", ("misunderstanding", "evidence", "example")),
    "the follow-up message restates the close": ("guide/after-the-interview.md", "follow-up", ("same day", "three reasons", "next step")),
}

# The topics issue 3 adds to the brief's ideas, page by page.
ISSUE_TOPICS = {
    "the idea in thirty seconds": (HOME, "in-thirty-seconds", ("next step", "three", "where you stand")),
    "three ways in": (HOME, "ways-in", ("i have a phone screen", "i have an interview in person", "print my cards")),
    "confident without sounding pushy": ("guide/anatomy.md", "confident-not-pushy", ("confident", "pushy")),
    "closing on a video call": ("guide/when-to-close.md", "video", ("video", "minute earlier")),
    "closing with a panel": ("guide/when-to-close.md", "panel", ("lead", "any of them")),
    "when the interviewer closes first": ("guide/when-to-close.md", "they-close-first", ("gets there first", "date")),
    "ask, then listen": ("guide/reading-the-answer.md", "listen", ("listen",)),
    "staying gracious": ("guide/reading-the-answer.md", "stay-gracious", ("thank them", "warmly")),
    "what never to do": ("guide/reading-the-answer.md", "never-do", ("never argue", "never beg")),
    "after each answer, in writing": ("guide/after-the-interview.md", "after-each-answer", ("after a yes", "after a not-sure", "after a no")),
    "checking in when the date passes": ("guide/after-the-interview.md", "no-news", ("date", "check-in")),
    "softer and more direct wording": ("guide/adapting.md", "softer-or-direct", ("soft", "direct")),
    "industry norms": ("guide/adapting.md", "industry", ("sales", "process")),
    "cultural norms": ("guide/adapting.md", "culture", ("cultures", "rude")),
    "recruiter screens": ("guide/adapting.md", "recruiter-screens", ("recruiter", "hiring manager")),
    "internal candidates": ("guide/adapting.md", "internal-candidates", ("already work there", "new role")),
    "when not to close": ("guide/adapting.md", "when-not-to-close", ("no longer want the job", "cannot discuss outcomes")),
    "questions people ask": ("guide/faq.md", "pushy", ("pushy",)),
}

# The situations issue 15 adds, one per idea in data/ideas.yml, with the words its section must contain.
SITUATION_TOPICS = {
    "turn a put-off into plans": ("guide/reading-the-answer.md", "put-off", ("we'll be in touch", "what happens next", "by when", "whom to contact")),
    "ask for a step this person can give": ("guide/who-you-are-talking-to.md", "what-they-decide", ("decide", "say yes to")),
    "agency recruiter": ("guide/who-you-are-talking-to.md", "agency-recruiter", ("agency", "put you forward", "client")),
    "in-house recruiter": ("guide/who-you-are-talking-to.md", "in-house-recruiter", ("in-house", "process", "next stage")),
    "hiring manager": ("guide/who-you-are-talking-to.md", "hiring-manager", ("hiring manager", "biggest say", "reasons")),
    "a peer or technical interviewer": ("guide/who-you-are-talking-to.md", "peer-interviewer", ("peer", "can you see me on your team", "instead")),
    "a panel shares the choice": ("guide/who-you-are-talking-to.md", "panel", ("panel", "lead", "any of them")),
    "an executive": ("guide/who-you-are-talking-to.md", "executive", ("senior leader", "short", "not ask them for the job")),
    "find out who decides": ("guide/who-you-are-talking-to.md", "not-sure-who", ("final call", "soft close")),
    "why invite a doubt": ("guide/doubts.md", "why-invite", ("doubt", "still in the room")),
    "the objection-inviting close": ("guide/doubts.md", "doubt-close", ("hold you back", "own words", "one worry about me")),
    "prepare the two likeliest doubts": ("guide/doubts.md", "two-doubts", ("the two", "job ad", "out loud")),
    "answer a doubt in one breath": ("guide/doubts.md", "one-breath", ("one breath", "agree with the fair part", "one fact")),
    "own a fair doubt": ("guide/doubts.md", "fair-doubt", ("true", "close the gap")),
    "ask real questions first": ("guide/questions-to-ask.md", "why-ask", ("any questions for us", "one or two real questions")),
    "questions worth asking": ("guide/questions-to-ask.md", "good-questions", ("first three months", "hardest part", "a year from now")),
    "never say you covered everything": ("guide/questions-to-ask.md", "never-say-none", ("you covered everything", "flat", "harder")),
    "bridge from their answer to the close": ("guide/questions-to-ask.md", "bridge", ("bridge", "reasons")),
    "pay at the close": ("guide/salary-notice-offers.md", "salary", ("range", "return to your close")),
    "notice period": ("guide/salary-notice-offers.md", "notice", ("notice period", "start date")),
    "share a competing timeline honestly": ("guide/salary-notice-offers.md", "other-offers", ("another process", "timing", "only say what is true")),
    "timing without pressure": ("guide/salary-notice-offers.md", "no-pressure", ("not the same as pushing", "once", "recruiter")),
    "one-way recorded video": ("guide/no-one-to-close.md", "recorded-video", ("recorded", "last answer", "camera")),
    "online assessments": ("guide/no-one-to-close.md", "online-assessments", ("tests", "recruiter", "expect to hear")),
    "group assessment days": ("guide/no-one-to-close.md", "assessment-days", ("assessment day", "group", "next stage")),
    "take-home presentations": ("guide/no-one-to-close.md", "presentations", ("present", "last slide", "questions")),
    "close with whoever runs the process": ("guide/no-one-to-close.md", "close-the-recruiter", ("person", "what happens next")),
    "reach the right person": ("guide/following-up.md", "right-person", ("person who can act", "who should i contact")),
    "go through the recruiter": ("guide/following-up.md", "through-the-recruiter", ("through them", "agency")),
    "a separate note to each panel member": ("guide/following-up.md", "panel-notes", ("each person", "different", "form letter")),
    "ask for feedback after a no": ("guide/following-up.md", "ask-for-feedback", ("feedback", "stronger candidate", "do not argue")),
    "when to stop checking in": ("guide/following-up.md", "when-to-stop", ("check-in", "stop", "silence", "other options")),
    "reasons without numbers": ("guide/no-numbers-yet.md", "reasons-without-numbers", ("number", "real, specific", "job ad")),
    "reasons for graduates": ("guide/no-numbers-yet.md", "graduates", ("project", "part-time", "clubs")),
    "reasons for career changers": ("guide/no-numbers-yet.md", "career-changers", ("old job", "skill", "new field")),
    "reasons for people returning to work": ("guide/no-numbers-yet.md", "returners", ("caring", "volunteering", "course")),
    "try your reasons aloud": ("guide/no-numbers-yet.md", "use-them", ("out loud", "three reasons")),
}

MIN_SCRIPTS = {"phone": 4, "face-to-face": 4, "video-call": 3, "panel": 2, "final-round": 2, "follow-up": 3}
MIN_TOTAL_SCRIPTS = 32  # issue 15: a library big enough to cover each audience and situation
# A close that invites the interviewer's doubts (guide/doubts.md#doubt-close): each spoken setting needs one.
INVITES_A_DOUBT = re.compile(r"hesitat|doubt|worr(?:y|ies|ied)|concern|give[s]? you pause|hold(?:s|ing)? you back", re.IGNORECASE)
# Card budget in characters, blanks unfilled: keeps every script on a 3x5 inch card at 10 pt.
MAX_CHARS = {"title": 40, "subject": 60, "opener": 230, "close": 110, "if_yes": 110, "if_not_sure": 110, "if_put_off": 110, "if_no": 110}

# Openers must not sound memorised: no two in a setting share their first words, and few list all three reasons.
OPENING_WORDS = 4
MAX_SHARE_ALL_REASONS = 0.5
STRENGTHS = ("strength_a", "strength_b", "strength_c")
# A close or reply that asks for the job or an offer, not for the next step.
ASKS_FOR_THE_JOB = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(?:see|get|make|send|expect|count on)\b[^.?!]*\b(?:an? )?(?:job )?offer\b",
        r"\bjob offer\b",
        r"\bhire me\b|\bhiring me\b|\bam i hired\b",
        r"\b(?:get|give me|offer me|land|win) (?:the|this) (?:job|role|position)\b",
        r"\b(?:the|this) (?:job|role|position) (?:is )?mine\b",
        r"\bmove forward with me as\b",
        r"\bwhen (?:can|could|do|would) i start\b",
        r"\b(?:choose|pick|select) me\b",
    )
]
# Issue 15: lines too close to published wording, and claims stronger than anything can back.
RETIRED_PHRASES = (
    "Can you see me as a strong addition to your team?",
    "Can you see me doing well in this role?",
    "Can we go ahead and plan {next_step} for {time_frame}?",
    "makes it even more likely to happen",
    "will often keep a spoken promise",
    "often tips a close decision your way",
)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_EXPLICIT_ID = re.compile(r"\{\s*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


# --- helpers ------------------------------------------------------------------


def read_page(rel: str) -> str:
    return (DOCS / rel).read_text(encoding="utf-8")


def strip_front_matter(text: str) -> str:
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)


def sections(markdown: str) -> dict[str, str]:
    """Each heading with an explicit id -> its heading line and text up to the next heading of the same or a higher level."""
    lines = strip_front_matter(markdown).splitlines()
    found: dict[str, str] = {}
    for i, line in enumerate(lines):
        heading = _HEADING.match(line)
        explicit = _EXPLICIT_ID.search(line) if heading else None
        if not explicit:
            continue
        level = len(heading.group(1))
        end = next((j for j in range(i + 1, len(lines)) if (h := _HEADING.match(lines[j])) and len(h.group(1)) <= level), len(lines))
        found[explicit.group(1)] = "\n".join(lines[i:end])
    return found


def plain_text(markdown: str) -> str:
    """Prose as a reader hears it: no front matter, macro calls, HTML, link targets or Markdown syntax."""
    text = strip_front_matter(markdown)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\{\s*[#.:][^}]*\}", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text, flags=re.DOTALL)
    text = re.sub(r"^\s*\|?\s*:?-{3,}.*$", " ", text, flags=re.MULTILINE)
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        is_item = bool(re.match(r"^(#{1,6}\s|[-*+]\s|\d+\.\s|\|)", stripped))
        stripped = re.sub(r"^(#{1,6}|[-*+]|\d+\.)\s+", "", stripped)
        stripped = re.sub(r"\s*\|\s*", ". ", stripped).strip(". ") if "|" in stripped else stripped
        stripped = re.sub(r"[*_`>]", "", stripped)
        # A heading, list item or table cell is read as its own sentence.
        if is_item and stripped and stripped[-1] not in ".!?:;,":
            stripped += "."
        out.append(stripped)
    return re.sub(r"\s+", " ", " ".join(out)).strip()


def links(markdown: str, page: str) -> list[str]:
    """Every Markdown link on a page, resolved to a path under docs/ (anchor kept) or left as is when external."""
    resolved = []
    for _, target in _LINK.findall(markdown):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            resolved.append(target)
            continue
        path, _, anchor = target.partition("#")
        full = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        resolved.append(f"{full}#{anchor}" if anchor else full)
    return resolved


def filled(library, text: str, setting_id: str) -> str:
    examples = {blank_id: field.example for blank_id, field in library.blanks_for(setting_id).items()}
    return _PLACEHOLDER.sub(lambda m: examples[m.group(1)], text)


def script_pages(library) -> list[str]:
    """The Markdown page of each declared setting."""
    return [f"scripts/{setting.id}.md" for setting in library.settings]


@pytest.fixture(scope="module")
def labels(library) -> dict[str, str]:
    return {blank.id: blank.label for blank in library.blanks}


def script_id(script) -> str:
    return f"{script.setting}/{script.id}"


# --- 1. every idea of the brief is taught ---------------------------------------


def test_all_eight_guide_pages_exist():
    assert set(GUIDE_PAGES) == EXPECTED_GUIDE_PAGES
    for rel in GUIDE_PAGES:
        assert "This page is being written" not in read_page(rel), f"docs/{rel} is still a stub"


ALL_TOPICS = {**BRIEF_IDEAS, **ISSUE_TOPICS, **SITUATION_TOPICS}


@pytest.mark.parametrize("idea", ALL_TOPICS)
def test_idea_is_taught_under_its_heading(idea):
    page, anchor, words = ALL_TOPICS[idea]
    assert (DOCS / page).is_file(), f"docs/{page} is missing"
    found = sections(read_page(page))
    assert anchor in found, f"docs/{page} has no heading with {{ #{anchor} }} for '{idea}'"
    section = plain_text(found[anchor]).lower()
    missing = [word for word in words if word not in section]
    assert not missing, f"docs/{page}#{anchor} ('{idea}') does not mention: {', '.join(missing)}"


def test_the_brief_has_a_heading_per_idea_list_of_reasonable_size():
    # One short name per idea of the brief, each on a distinct or shared heading that exists.
    assert 15 <= len(BRIEF_IDEAS) <= 30
    assert len({(page, anchor) for page, anchor, _ in BRIEF_IDEAS.values()}) >= 15


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_every_section_heading_has_an_explicit_id(page):
    for line in strip_front_matter(read_page(page)).splitlines():
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) >= 2:
            assert _EXPLICIT_ID.search(line), f"docs/{page}: give '{line}' an explicit id, like {{ #short-name }}, so links to it stay stable"


def test_every_declared_idea_has_key_words_checked(library):
    checked = {(page, anchor) for page, anchor, _ in ALL_TOPICS.values()}
    unchecked = sorted(f"{idea.id} (docs/{idea.page}#{idea.anchor})" for idea in library.ideas.values() if (idea.page, idea.anchor) not in checked)
    assert not unchecked, f"add key words to test_content.py for these ideas of data/ideas.yml: {', '.join(unchecked)}"


@pytest.mark.per_data("idea", lambda library: sorted(library.ideas))
def test_each_declared_idea_points_at_a_real_heading(idea, library):
    entry = library.ideas[idea]
    assert entry.anchor in sections(read_page(entry.page)), f"data/ideas.yml: idea '{idea}' points at docs/{entry.page}#{entry.anchor}, which has no such heading"


# --- 2. plain English ---------------------------------------------------------


@pytest.mark.parametrize("page", [*GUIDE_PAGES, *PRACTICE_PAGES])
def test_guide_page_is_plain_english(page):
    text = plain_text(read_page(page))
    assert len(text.split()) >= 100, f"docs/{page} has too little prose to teach anything"
    score = textstat.flesch_reading_ease(text)
    assert score >= MIN_FLESCH, f"docs/{page}: Flesch reading ease {score:.1f} is below {MIN_FLESCH}; use shorter sentences and words"


@pytest.mark.per_data("script", lambda library: library.all_scripts(), ids=script_id)
def test_script_is_plain_english(script, library):
    text = filled(library, " ".join(script.texts), script.setting)
    score = textstat.flesch_reading_ease(text)
    assert score >= MIN_FLESCH, f"{script.setting}/{script.id}: Flesch reading ease {score:.1f} is below {MIN_FLESCH}"


def test_plain_text_drops_syntax_and_link_targets():
    sample = "---\ntitle: X\n---\n# Head { #h }\n\nSee [the page](../scripts/phone.md#cues) and **bold**.\n\n{{ script_page(\"phone\") }}\n\n| a | b |\n| --- | --- |\n"
    text = plain_text(sample)
    assert text == "Head. See the page and bold. a. b."


def test_the_reading_score_rejects_dense_prose():
    dense = "Notwithstanding organisational considerations, candidates systematically underestimate the communicative effectiveness of explicitly articulated progression requests."
    assert textstat.flesch_reading_ease(plain_text(dense)) < MIN_FLESCH


# --- 3. the script library ----------------------------------------------------


@pytest.mark.parametrize("setting", sorted(MIN_SCRIPTS))
def test_each_setting_has_enough_scripts_in_both_tones(setting, library):
    scripts = library.scripts[setting]
    assert len(scripts) >= MIN_SCRIPTS[setting], f"{setting}: {len(scripts)} scripts, expected at least {MIN_SCRIPTS[setting]}"
    assert {s.tone for s in scripts} == {"soft", "direct"}, f"{setting}: mix soft and direct tones"


def test_the_library_holds_enough_scripts(library):
    total = len(library.all_scripts())
    assert total >= MIN_TOTAL_SCRIPTS, f"the library has {total} scripts, expected at least {MIN_TOTAL_SCRIPTS}"


def settings_without_a_doubt_close(scripts, spoken: set[str]) -> list[str]:
    """The spoken settings in which no script's close invites the interviewer's doubts."""
    covered = {script.setting for script in scripts if INVITES_A_DOUBT.search(script.close)}
    return sorted(spoken - covered)


def test_each_spoken_setting_has_a_close_that_invites_doubts(library):
    spoken = {setting.id for setting in library.settings if setting.kind == "spoken"}
    missing = settings_without_a_doubt_close(library.all_scripts(), spoken)
    assert not missing, f"add a close that asks what might hold them back (guide/doubts.md#doubt-close) to: {', '.join(missing)}"


def test_the_doubt_close_check_can_fail():
    class Close(NamedTuple):
        setting: str
        close: str

    scripts = [Close("phone", "Could we set up {next_step} for {time_frame}?"), Close("panel", "Does anyone have a concern I can answer now?")]
    assert settings_without_a_doubt_close(scripts, {"phone", "panel"}) == ["phone"]
    for close in ("Is there anything that makes you hesitate?", "Does anything give you pause?", "What might hold you back?", "Is there one worry I can answer?"):
        assert INVITES_A_DOUBT.search(close), close
    assert not INVITES_A_DOUBT.search("Can you picture me doing well as your {role}?")


def test_script_ids_differ_from_guide_heading_ids(library):
    # A script's id is its anchor and search entry; one equal to a guide heading id would clash with it.
    heading_ids = {anchor for page in GUIDE_PAGES for anchor in sections(read_page(page))}
    clashes = sorted(script_id(s) for s in library.all_scripts() if s.id in heading_ids)
    assert not clashes, f"rename these scripts, whose ids equal a guide heading id: {', '.join(clashes)}"


def test_every_script_applies_a_declared_idea(library):
    unknown = {script_id(s): s.idea for s in library.all_scripts() if s.idea not in library.ideas}
    assert not unknown


def test_every_declared_blank_is_used_by_some_script_or_the_prep_sheet(library, labels):
    used = {blank for script in library.all_scripts() for blank in script.blanks_used}
    used.update(library.prep_sheet.blanks_used if library.prep_sheet else ())
    unused = sorted(set(labels) - used)
    assert not unused, f"no script (nor data/prep-sheet.yml) uses these blanks from data/blanks.yml: {', '.join(unused)}"


@pytest.mark.per_data("script", lambda library: library.all_scripts(), ids=script_id)
def test_script_has_the_parts_of_a_close(script, library):
    kind = library.setting(script.setting).kind
    name = script_id(script)
    assert "{interviewer_name}" in script.opener, f"{name}: the opener should address them by {{interviewer_name}}"
    assert set(STRENGTHS) & set(_PLACEHOLDER.findall(script.opener)), f"{name}: the opener should give at least one reason ({', '.join(f'{{{b}}}' for b in STRENGTHS)})"
    assert "?" in script.close, f"{name}: the close should ask a question"
    if kind == "spoken":
        assert script.subject is None and all(getattr(script, reply.key) for reply in REPLIES), f"{name}: a spoken script answers {', '.join(reply.heard for reply in REPLIES)}"
    else:
        assert script.subject and not script.responses, f"{name}: a message has a subject and no answers"


@pytest.mark.per_data("script", lambda library: library.all_scripts(), ids=script_id)
def test_script_fits_a_card(script):
    too_long = {
        key: len(value)
        for key, limit in MAX_CHARS.items()
        if (value := getattr(script, key)) and len(value) > limit
    }
    assert not too_long, f"{script_id(script)}: over the card budget {MAX_CHARS}: {too_long}"


@pytest.mark.per_data("script", lambda library: library.all_scripts(), ids=script_id)
def test_script_reads_with_blanks_empty(script, labels):
    for text in script.texts:
        # Two blanks side by side would read as "[role] [company]" until filled.
        assert not re.search(r"\}\s*\{", text), f"{script_id(script)}: put words between blanks: {text}"
        unfilled = _PLACEHOLDER.sub(lambda m: f"[{labels[m.group(1)]}]", text)
        assert "{" not in unfilled and "}" not in unfilled


# --- 3b. openers vary, and no script asks for the job ---------------------------


def first_words(text: str, count: int = OPENING_WORDS) -> tuple[str, ...]:
    """The first words of a text as said aloud: lower case, punctuation dropped, a blank counted as one word."""
    return tuple(re.findall(r"\{[a-z0-9_]+\}|[a-z0-9]+(?:'[a-z]+)?", text.lower())[:count])


def same_openings(openers: list[tuple[str, str]]) -> list[str]:
    """(setting, opener) pairs -> one message per setting where two openers start with the same words."""
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    for setting, opener in openers:
        key = (setting, first_words(opener))
        seen[key] = seen.get(key, 0) + 1
    return [f"{setting}: {count} openers start '{' '.join(words)}'" for (setting, words), count in seen.items() if count > 1]


def share_listing_all_reasons(openers: list[str]) -> float:
    return sum(all(f"{{{b}}}" in opener for b in STRENGTHS) for opener in openers) / len(openers)


def asks_for_the_job(text: str) -> list[str]:
    """The phrases in `text` that ask for the job or an offer instead of the next step."""
    return [phrase.pattern for phrase in ASKS_FOR_THE_JOB if phrase.search(text)]


def test_no_two_openers_in_a_setting_start_alike(library):
    clashes = same_openings([(s.setting, s.opener) for s in library.all_scripts()])
    assert not clashes, f"vary how scripts open (first {OPENING_WORDS} words): " + "; ".join(clashes)


def test_at_most_half_the_openers_list_all_three_reasons(library):
    share = share_listing_all_reasons([s.opener for s in library.all_scripts()])
    assert share <= MAX_SHARE_ALL_REASONS, f"{share:.0%} of openers list all three reasons; give one or two in some, at most {MAX_SHARE_ALL_REASONS:.0%} may list all three"


def test_the_variety_measures_catch_a_memorised_shape():
    same_shape = "{interviewer_name}, thank you for today. I'd do well thanks to {strength_a}, {strength_b} and {strength_c}."
    clashes = same_openings([("phone", same_shape), ("phone", same_shape.replace("today", "the call")), ("panel", same_shape)])
    assert clashes == ["phone: 2 openers start '{interviewer_name} thank you for'"]
    assert first_words("I've enjoyed this, {interviewer_name}!") == ("i've", "enjoyed", "this", "{interviewer_name}")
    assert share_listing_all_reasons([same_shape, same_shape, "{interviewer_name}, {strength_a} stands out."]) > MAX_SHARE_ALL_REASONS
    assert share_listing_all_reasons([same_shape, "{interviewer_name}, {strength_a} stands out."]) <= MAX_SHARE_ALL_REASONS


@pytest.mark.per_data("script", lambda library: library.all_scripts(), ids=script_id)
def test_script_asks_for_the_next_step_not_the_job(script):
    for text in (script.close, *(reply for _, _, reply in script.responses)):
        found = asks_for_the_job(text)
        assert not found, f"{script_id(script)}: ask for the next step, not the job or an offer; '{text}' matches {found}"


@pytest.mark.parametrize(
    "text",
    [
        "Are you ready to move forward with me as your {role}?",
        "What do you need from me, and when might I see an offer?",
        "So, do I get the job?",
        "Will you hire me?",
        "Can I count on a job offer by Friday?",
        "When could I start?",
        "Is the role mine?",
    ],
)
def test_the_job_word_list_catches_asking_for_the_job(text):
    assert asks_for_the_job(text)


@pytest.mark.parametrize("text", ["Could we set up {next_step} for {time_frame}?", "Can you picture me doing well as your {role}?", "Is there anything I could offer to help you decide?"])
def test_the_job_word_list_lets_a_next_step_through(text):
    assert not asks_for_the_job(text)


@pytest.mark.parametrize("phrase", RETIRED_PHRASES)
def test_retired_wording_is_gone_from_docs_and_data(phrase):
    hits = [
        path.relative_to(ROOT).as_posix()
        for folder in (DOCS, ROOT / "data")
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".md", ".yml") and phrase.lower() in re.sub(r"\s+", " ", path.read_text(encoding="utf-8")).lower()
    ]
    assert not hits, f"'{phrase}' is too close to published wording or claims too much; reword it in: {', '.join(hits)}"


# --- 4. links -----------------------------------------------------------------


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_guide_page_links_to_a_script_page(page, library):
    targets = {link.partition("#")[0] for link in links(read_page(page), page)}
    assert targets & set(script_pages(library)), f"docs/{page} should link to the script pages it discusses"


@pytest.mark.per_data("page", script_pages)
def test_script_page_intro_links_back_to_the_guide(page):
    intro = strip_front_matter(read_page(page)).split("{{", 1)[0]
    targets = {link.partition("#")[0] for link in links(intro, page)}
    assert any(t.startswith("guide/") for t in targets), f"docs/{page}: the intro above the macros should link to the guide"


@pytest.mark.per_data("page", lambda library: [*GUIDE_PAGES, *PRACTICE_PAGES, *script_pages(library), "scripts/index.md"])
def test_links_point_at_real_pages_and_headings(page):
    for link in links(read_page(page), page):
        if re.match(r"^[a-z]+:", link):
            continue
        path, _, anchor = link.partition("#")
        path = path or page
        assert (DOCS / path).is_file(), f"docs/{page} links to missing docs/{path}"
        if anchor and path in GUIDE_PAGES:
            assert anchor in sections(read_page(path)), f"docs/{page} links to docs/{path}#{anchor}, which has no such heading"


def test_home_page_offers_the_three_ways_in():
    targets = set(links(read_page(HOME), HOME))
    assert {"scripts/phone.md", "scripts/face-to-face.md", "my-cards.md"} <= targets
    # The other settings are two clicks away: home -> all scripts -> the setting.
    assert "scripts/index.md" in targets
    assert "{{ settings_overview() }}" in read_page("scripts/index.md")


def test_home_page_reaches_every_guide_page_in_two_clicks():
    first = {link.partition("#")[0] for link in links(read_page(HOME), HOME)}
    second = {link.partition("#")[0] for page in first if page.endswith(".md") and (DOCS / page).is_file() for link in links(read_page(page), page)}
    unreachable = sorted(set(GUIDE_PAGES) - {HOME} - first - second)
    assert not unreachable, f"docs/index.md: link these pages, or a page that links them: {', '.join(unreachable)}"


@pytest.mark.parametrize("page", NEW_GUIDE_PAGES)
def test_new_guide_page_is_linked_from_a_script_page_intro(page, library):
    script_page_files = [f"scripts/{setting.id}.md" for setting in library.settings]
    linked_from = [
        script_page
        for script_page in script_page_files
        if page in {link.partition("#")[0] for link in links(strip_front_matter(read_page(script_page)).split("{{", 1)[0], script_page)}
    ]
    assert linked_from, f"docs/{page}: link it from the intro of the script pages it helps with ({', '.join(script_page_files)})"


def test_built_home_page_reaches_every_script_page_in_two_clicks(built_site, library):
    def hrefs(html_path: Path) -> set[str]:
        """Pages linked from the article itself: the site navigation would make any page look one click away."""
        base = html_path.parent.relative_to(built_site).as_posix()
        article = re.search(r"<article\b.*?</article>", html_path.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert article, f"{html_path} has no <article>"
        found = set()
        for href in re.findall(r'href="([^"#:]+)/?(?:#[^"]*)?"', article.group()):
            found.add(posixpath.normpath(posixpath.join(base, href)).strip("/"))
        return found

    home = hrefs(built_site / "index.html")
    assert {"scripts/phone", "scripts/face-to-face", "my-cards"} <= home
    reachable = set(home)
    for first in home:
        page = built_site / first / "index.html"
        if first.startswith("scripts") and page.is_file():
            reachable |= hrefs(page)
    assert {f"scripts/{s.id}" for s in library.settings} <= reachable
