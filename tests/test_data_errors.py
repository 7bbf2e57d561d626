"""Every class of bad input is refused with its own message, at path:line:col, all at once."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from macros.check import main as check_main

GOOD = """\
title: A good script
order: 50
tone: soft
idea: three-reasons
opener: Thank you, {interviewer_name}. I want this {role} job.
close: Can we book {next_step} for {time_frame}?
if_yes: Great, thank you.
if_not_sure: What is holding you back?
if_no: Thank you for telling me.
"""


def with_line(key: str, value: str) -> str:
    """GOOD with one key's line replaced by `key: value` (or removed when value is None)."""
    lines = []
    for line in GOOD.splitlines():
        if line.startswith(f"{key}:"):
            if value is not None:
                lines.append(f"{key}: {value}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def run_check(project, capsys) -> tuple[int, list[str]]:
    code = check_main([str(project)])
    captured = capsys.readouterr()
    return code, captured.err.splitlines()


def write_script(project, content, setting="phone", name="bad-script.yml"):
    path = project / "data" / "scripts" / setting / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return f"data/scripts/{setting}/{name}"


CASES = {
    "yaml syntax": ('title: "never closed\norder: 1\n', "1:8", "YAML syntax error: found unexpected end of stream while scanning a quoted scalar"),
    "flow mapping for text": (with_line("close", "{role}"), "6:8", "'close': expected text, found a set of keys; text that starts with '{' or '[' must be in quotes"),
    "tab indentation": (GOOD.replace("order: 50", "\torder: 50"), "2:1", "indented with a tab"),
    "duplicate key": (GOOD + "title: Again\n", "10:1", "key 'title' appears twice (first on line 1)"),
    "anchor": (with_line("if_yes", "&yes Great, thank you."), "7:9", "anchor '&yes' is not allowed"),
    "alias": (with_line("if_no", "*yes").replace("if_yes: Great", "if_yes: &yes Great"), "9:8", "alias '*yes' is not allowed"),
    "tag": (with_line("title", "!!str A title"), "1:8", "tag 'tag:yaml.org,2002:str' is not allowed"),
    "no read as false": (with_line("if_no", "no"), "9:8", "YAML reads no as a yes/no value, not text; put it in quotes"),
    "on read as true": (with_line("title", "on"), "1:8", "YAML reads on as a yes/no value"),
    "octal read as number": (with_line("title", "0755"), "1:8", "YAML reads 0755 as a number"),
    "time read as number": (with_line("title", "12:30"), "1:8", "YAML reads 12:30 as a number"),
    "date read as date": (with_line("title", "2026-11-29"), "1:8", "YAML reads 2026-11-29 as a date or time"),
    "empty file": ("# only a comment\n", "1:1", "the file is empty"),
    "top level not a mapping": ("- title: A list\n", "1:1", "expected a set of keys (key: value lines), found a list"),
    "unknown key": (GOOD.replace("title:", "titel:"), "1:1", "unknown key 'titel'. Did you mean 'title'?"),
    "missing key": (with_line("close", None), "1:1", "missing required key 'close'"),
    "wrong type number": (with_line("order", "first"), "2:8", "'order': expected a whole number from 1 to 999, found 'first'"),
    "wrong type list": (with_line("title", "[a, b]"), "1:8", "'title': expected text, found a list"),
    "bad choice": (with_line("tone", "gentle"), "3:7", "'tone': expected one of soft, direct; found 'gentle'"),
    "unknown idea": (with_line("idea", "three-reason"), "4:7", "unknown idea 'three-reason'. Did you mean 'three-reasons'?"),
    "unknown blank": (with_line("close", "Can we meet {intervewer_name}?"), "6:20", "unknown blank '{intervewer_name}'. Did you mean 'interviewer_name'?"),
    "placeholder capitals": (with_line("close", "Can we meet, {Name}?"), "6:21", "'{Name}' is not a valid blank; blank ids are lowercase words joined by underscores, like {name}"),
    "placeholder spaces": (with_line("close", "Can we meet, { role }?"), "6:21", "blank '{ role }' has spaces inside the braces; write {role}"),
    "placeholder unclosed": (with_line("close", "Can we meet, {role?"), "6:21", "has a '{' that is never closed"),
    "stray closing brace": (with_line("close", "Can we meet, role}?"), "6:25", "has a '}' with no '{' before it"),
    "jinja expression": (with_line("close", "'Can we {{ 7*7 }} meet?'"), "6:16", "contains '{{', which the site reserves for its own templates"),
    "jinja statement": (with_line("if_yes", "'Great {% if x %} yes'"), "7:16", "contains '{%'"),
    "jinja comment": (with_line("if_no", "'Thanks {# note #}'"), "9:16", "contains '{#'"),
    "raw html": (with_line("opener", "Thank you <b>so much</b>."), "5:19", "contains HTML ('<b...'); script text is plain text"),
    "not utf-8": (GOOD.replace("A good script", "A caf\u00e9 script").encode("latin-1"), "1:13", "byte 0xe9 is not UTF-8 text"),
    "nul character": (with_line("title", "A good\x00 script"), "1:14", "character U+0000 (NUL, a control character) is not allowed in a YAML file"),
    "bel character": (with_line("close", "Can we book {next_step}?\x07"), "6:32", "character U+0007 (BEL, a control character) is not allowed"),
    "esc character": (with_line("if_no", "\x1b[31mThank you."), "9:8", "character U+001B (ESC, a control character) is not allowed"),
    "c1 control character": (with_line("if_yes", "Great,\x9b thank you."), "7:15", "character U+009B (a control character) is not allowed"),
    "noncharacter": (with_line("opener", "Thank you.\uffff"), "5:19", "character U+FFFF (not a character) is not allowed"),
    "too big": (GOOD + "# " + "x" * 20_000 + "\n", "1:1", "the limit is 16,000"),
    "two documents": (GOOD + "---\ntitle: Second\n", "10:1", "a second YAML document"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_bad_input_class_is_refused_with_its_message(project, capsys, case):
    content, position, message = CASES[case]
    rel = write_script(project, content)
    code, lines = run_check(project, capsys)
    assert code == 1
    matching = [line for line in lines if line.startswith(f"{rel}:{position}: ") and message in line]
    assert matching, f"expected {rel}:{position}: ...{message}... in:\n" + "\n".join(lines)


def test_a_script_in_an_undeclared_setting_folder_is_refused(project, capsys):
    rel = write_script(project, GOOD, setting="fone")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert f"{rel}:1:1: folder 'fone' is not a declared setting; expected one of: phone, face-to-face" in lines[0]


def test_two_scripts_with_the_same_id_are_refused(project, capsys):
    write_script(project, GOOD, setting="face-to-face", name="twin.yml")
    rel = write_script(project, GOOD, setting="phone", name="twin.yml")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert f"{rel}:1:1: script id 'twin' is already used by data/scripts/face-to-face/twin.yml" in lines[0]


def test_a_badly_named_file_is_refused(project, capsys):
    rel = write_script(project, GOOD, name="My Script.yaml")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert lines[0].startswith(f"{rel}:1:1: script file names are lowercase words joined by hyphens and end in .yml")


def test_every_problem_in_every_file_is_reported_at_once(project, capsys):
    first = write_script(project, with_line("tone", "gentle").replace("title:", "titel:"), name="first.yml")
    second = write_script(project, with_line("close", "Hi {Name}?"), setting="face-to-face", name="second.yml")
    blanks = project / "data" / "blanks.yml"
    blanks.write_text(blanks.read_text().replace("max_length: 40", "max_length: forty", 1))
    code, lines = run_check(project, capsys)
    assert code == 1
    assert any(line.startswith(f"{first}:1:1: unknown key 'titel'") for line in lines)
    assert any(line.startswith(f"{first}:3:7: 'tone'") for line in lines)
    assert any(line.startswith(f"{first}:1:1: missing required key 'title'") for line in lines)
    assert any(line.startswith(f"{second}:6:11: 'close': '{{Name}}' is not a valid blank") for line in lines)
    assert any(line.startswith("data/blanks.yml:") and "'max_length': expected a whole number" in line for line in lines)
    assert lines[-1] == f"{len(lines) - 1} problems found in the data files."


def test_every_refused_character_is_reported_with_the_tab_indents(project, capsys):
    content = with_line("title", "A\x00B").replace("order: 50", "\torder: 50\x1b").replace("Great,", "Great,\x7f")
    rel = write_script(project, content)
    code, lines = run_check(project, capsys)
    assert code == 1
    assert f"{rel}:1:9: character U+0000 (NUL, a control character) is not allowed in a YAML file; delete it (it is invisible in most editors)." in lines
    assert any(line.startswith(f"{rel}:2:11: character U+001B (ESC,") for line in lines)
    assert any(line.startswith(f"{rel}:2:1: indented with a tab") for line in lines)
    assert any(line.startswith(f"{rel}:7:15: character U+007F (a control character)") for line in lines)


def test_line_numbers_count_the_line_breaks_yaml_counts(project, capsys):
    # YAML ends a line at NEL and LINE SEPARATOR too, so its own messages and these agree.
    rel = write_script(project, "# a\u2028b\x85c\r\n" + with_line("title", "A\x07B"))
    code, lines = run_check(project, capsys)
    assert code == 1
    assert any(line.startswith(f"{rel}:4:9: character U+0007 (BEL,") for line in lines), lines


def test_blank_declarations_are_checked_too(project, capsys):
    blanks = project / "data" / "blanks.yml"
    text = blanks.read_text()
    blanks.write_text(text.replace("id: role\n", "id: Role\n").replace("example: Dana", "example: Dana {{x}}"))
    code, lines = run_check(project, capsys)
    assert code == 1
    assert any(": 'id': expected lowercase words joined by underscores, like interviewer_name; found 'Role'" in line for line in lines)
    assert any("'example' contains '{{'" in line for line in lines)


def test_the_repository_data_is_valid(capsys):
    code = check_main([])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.startswith("All data is valid:")


def test_make_check_style_run_prints_no_traceback(project):
    write_script(project, with_line("close", "'{{ cycler.__init__.__globals__ }}'"))
    result = subprocess.run([sys.executable, "-m", "macros.check", str(project)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/scripts/phone/bad-script.yml:6:9: 'close' contains '{{'" in result.stderr
