"""Every class of bad input is refused with its own message, at path:line:col, all at once."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from helpers import CASES, GOOD, ROOT, with_line

from macros.check import main as check_main


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
    assert any(line.startswith(f"{second}:7:11: 'close': '{{Name}}' is not a valid blank") for line in lines)
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
    assert any(line.startswith(f"{rel}:8:15: character U+007F (a control character)") for line in lines)


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


ROLE_BLANK = """\
  - id: role
    label: role
    hint: The job you are interviewing for, as the posting names it.
    example: Support Team Lead
    max_length: 40
"""


def with_role_variants(project, variants: str) -> list[str]:
    """blanks.yml with `variants` as the role blank's by_setting list; returns the file's lines."""
    blanks = project / "data" / "blanks.yml"
    text = blanks.read_text(encoding="utf-8")
    assert ROLE_BLANK in text, "update ROLE_BLANK to match data/blanks.yml"
    text = text.replace(ROLE_BLANK, ROLE_BLANK + "    by_setting:\n" + variants)
    blanks.write_text(text, encoding="utf-8")
    return text.splitlines()


def line_of(lines: list[str], needle: str, start: int = 0) -> tuple[int, int]:
    number = next(i for i, line in enumerate(lines, 1) if i > start and needle in line)
    return number, lines[number - 1].index(needle) + 1


def test_a_variant_naming_an_unknown_setting_is_refused_with_a_guess(project, capsys):
    lines = with_role_variants(project, "      - settings: [phone, final-rund]\n        hint: The role as the call named it.\n")
    code, out = run_check(project, capsys)
    assert code == 1
    line, col = line_of(lines, "final-rund")
    assert any(o.startswith(f"data/blanks.yml:{line}:{col}: blank 'role': unknown setting 'final-rund' in by_setting. Did you mean 'final-round'?") for o in out), out


def test_a_setting_in_two_variants_of_one_blank_is_refused(project, capsys):
    lines = with_role_variants(project, "      - settings: [phone]\n        hint: One.\n      - settings:\n          - panel\n          - phone\n        hint: Two.\n")
    code, out = run_check(project, capsys)
    assert code == 1
    first, _ = line_of(lines, "- settings: [phone]")
    line, col = line_of(lines, "- phone", first)
    assert any(o.startswith(f"data/blanks.yml:{line}:{col + 2}: blank 'role': setting 'phone' is already in variant 1 (line {first})") for o in out), out


def test_a_variant_with_no_settings_or_an_unknown_key_is_refused(project, capsys):
    lines = with_role_variants(project, "      - settings: []\n        hint: Nobody.\n      - settings: [panel]\n        max_length: 10\n")
    code, out = run_check(project, capsys)
    assert code == 1
    line, col = line_of(lines, "[]")
    assert any(o.startswith(f"data/blanks.yml:{line}:{col}: 'settings': expected at least 1 item(s), found 0") for o in out), out
    line, col = line_of(lines, "max_length: 10")
    assert any(o.startswith(f"data/blanks.yml:{line}:{col}: unknown key 'max_length'") for o in out), out


def test_a_variant_example_longer_than_the_blanks_max_length_is_refused(project, capsys):
    lines = with_role_variants(project, "      - settings: [panel]\n        example: " + "x" * 41 + "\n")
    code, out = run_check(project, capsys)
    assert code == 1
    line, col = line_of(lines, "x" * 41)
    assert any(o.startswith(f"data/blanks.yml:{line}:{col}: blank 'role': the example for panel is 41 characters, more than the blank's max_length of 40") for o in out), out


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
    assert "data/scripts/phone/bad-script.yml:7:9: 'close' contains '{{'" in result.stderr


def test_an_unknown_blank_lists_every_blank_id_sorted_on_its_one_line(project, capsys):
    declared = sorted(yaml.safe_load((project / "data" / "blanks.yml").read_text())["blanks"], key=lambda blank: blank["id"])
    rel = write_script(project, with_line("close", "Can we meet {intervewer_name} and {zebra}?"))
    code, lines = run_check(project, capsys)
    listing = ", ".join(f"{{{blank['id']}}}" for blank in declared)
    assert code == 1
    assert lines == [
        f"{rel}:7:20: 'close': unknown blank '{{intervewer_name}}'. Did you mean 'interviewer_name'? The blanks are: {listing} (declared in data/blanks.yml).",
        f"{rel}:7:42: 'close': unknown blank '{{zebra}}'. The blanks are: {listing} (declared in data/blanks.yml).",
        "2 problems found in the data files.",
    ]
