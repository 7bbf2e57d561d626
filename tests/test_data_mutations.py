"""Whatever bytes a data file holds, the check answers with path:line:col lines, never a traceback.

Hypothesis mutates the real data files (inserted YAML tokens and odd bytes,
deleted spans, duplicated lines) in a scratch copy. A mutation may leave a
file valid (a token inside a comment, a duplicated comment line), so the
check may pass: then plain PyYAML must read the same bytes as a mapping too,
an independent reader that keeps the check from waving bad YAML through.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from helpers import ROOT, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.library import load_library
from macros.problems import DataError

DATA_FILES = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "data").rglob("*.yml"))
PROBLEM_LINE = re.compile(r"(?P<path>data/[^:]+\.yml):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): \S")
SUMMARY_LINE = re.compile(r"\d+ problems? found in the data files\.")

# What a contributor (or a bad paste) is likely to put in the wrong place.
YAML_TOKENS = [
    ":", ": ", "- ", "-", "{", "}", "{{", "}}", "{%", "{#", "[", "]", ",", "? ", "&a ", "*a", "!!str ", "!x ", "!",
    '"', "'", "|", ">", "#", "\t", "\n", "\r", "\r\n", "  ", "---\n", "...\n", "%YAML 1.1\n", "@", "`", "\\",
    "<b>", "no", "on", "0755", "12:30", "2026-11-29", "~", "null", "{role}", "{Name}", "{ role }",
]
ODD_BYTES = [
    b"\x00", b"\x07", b"\x1b", b"\x08", b"\x0b", b"\x0c", b"\x7f", "\x85".encode(), "\x9b".encode(), "\u2028".encode(), "\ufffe".encode(),
    "\ufeff".encode(),  # a byte-order mark, here in the middle of a file
    b"\xed\xa0\x80", b"\xed\xbf\xbf",  # surrogates written as UTF-8 bytes
    b"\xff", b"\xfe", b"\xc3", b"\x80", b"\xe2\x82", b"\xf0\x9f\x98",  # invalid or cut-off UTF-8
]
inserted = st.one_of(
    st.sampled_from(YAML_TOKENS).map(str.encode),
    st.sampled_from(ODD_BYTES),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=4).map(str.encode),
)


@st.composite
def mutations(draw) -> tuple[str, bytes]:
    """One data file and its bytes after one to three edits."""
    rel = draw(st.sampled_from(DATA_FILES))
    content = (ROOT / rel).read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        at = draw(st.integers(0, len(content)))
        if kind == "insert":
            content = content[:at] + draw(inserted) + content[at:]
        elif kind == "delete":
            content = content[:at] + content[at + draw(st.integers(1, 40)) :]
        else:
            start = content.rfind(b"\n", 0, at) + 1
            end = content.find(b"\n", at)
            line = content[start : end + 1] if end >= 0 else content[start:] + b"\n"
            content = content[:start] + line + content[start:]
    return rel, content


def plain_yaml_reads_a_mapping(content: bytes) -> bool:
    try:
        return isinstance(yaml.safe_load(content), dict)
    except yaml.YAMLError:
        return False


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("mutations") / "project")


def assert_problem_lines(lines: list[str], scratch) -> None:
    assert SUMMARY_LINE.fullmatch(lines[-1]), lines[-1]
    for line in lines[:-1]:
        match = PROBLEM_LINE.match(line)
        assert match, f"not path:line:col: message: {line!r}"
        text = (scratch / match["path"]).read_bytes()
        assert int(match["line"]) <= text.count(b"\n") + 2, f"line past the end of the file: {line!r}"


def test_random_mutations_of_the_data_files_give_located_problems_never_a_crash(scratch):
    refused: list[tuple[str, bytes]] = []
    accepted = 0

    # Derandomized and without an example database: the same few hundred cases on every machine and in CI.
    @settings(max_examples=300, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutations())
    def check_a_mutation(mutation):
        nonlocal accepted
        rel, content = mutation
        target = scratch / rel
        original = target.read_bytes()
        target.write_bytes(content)
        try:
            load_library(scratch)
        except DataError as error:
            assert_problem_lines(str(error).splitlines(), scratch)
            refused.append(mutation)
        else:
            assert plain_yaml_reads_a_mapping(content), f"the check accepted {rel} though PyYAML cannot read it as a mapping"
            accepted += 1
        finally:
            target.write_bytes(original)

    check_a_mutation()
    # Most random edits break a file; if they stopped doing so, this test would no longer test the error path.
    assert len(refused) > accepted, (len(refused), accepted)

    # The same path as `make check`, in its own process: exit code 1 and no traceback for a refused mutation with a control character.
    rel, content = next(((rel, content) for rel, content in refused if re.search(rb"[\x00-\x08\x0e-\x1f]", content)), refused[0])
    (scratch / rel).write_bytes(content)
    result = subprocess.run([sys.executable, "-m", "macros.check", str(scratch)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    (scratch / rel).write_bytes((ROOT / rel).read_bytes())
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert_problem_lines(result.stderr.splitlines(), scratch)
