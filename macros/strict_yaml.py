"""Read a YAML file into a small tree that remembers where every value came from.

PyYAML alone keeps the last of two duplicate keys, follows anchors and tags,
and turns `no` into False. Here every scalar stays text, with its position
and style, so the validator can say exactly what is wrong and where; the
constructs contributors never need (anchors, aliases, tags, several
documents) are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
# YAML 1.1's printable set (the one PyYAML and libyaml enforce) and its line breaks, so positions match the parser's.
_REFUSED_CHARACTER = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_CONTROL_NAMES = "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US".split()
_PLAIN_TYPES = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date or time",
}


@dataclass
class Scalar:
    value: str
    style: str  # "" for plain, or one of ' " | >
    line: int  # 1-based
    col: int  # 1-based
    start: int  # character offsets into the source, for locating text inside
    end: int

    def implicit_type(self) -> str | None:
        """What YAML 1.1 would silently read a plain scalar as, or None for text."""
        if self.style:
            return None
        tag = _RESOLVER.resolve(yaml.ScalarNode, self.value, (True, False))
        return _PLAIN_TYPES.get(tag)


@dataclass
class Mapping:
    line: int
    col: int
    items: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


@dataclass
class Sequence:
    line: int
    col: int
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence


@dataclass
class YamlFile:
    rel_path: str
    source: str
    root: Node | None

    def position(self, scalar: Scalar, needle: str) -> tuple[int, int]:
        """Line and column of `needle` inside the scalar's source text, or the scalar's own."""
        index = self.source.find(needle, scalar.start, max(scalar.end, scalar.start + len(needle)))
        if index < 0:
            return scalar.line, scalar.col
        line = self.source.count("\n", 0, index) + 1
        col = index - (self.source.rfind("\n", 0, index) + 1) + 1
        return line, col


def read_yaml(path: Path | str, rel_path: str, *, max_bytes: int) -> tuple[YamlFile | None, list[Problem]]:
    """Parse one file. Returns the tree (None when unreadable) and every problem found."""
    with open(path, "rb") as handle:
        raw = handle.read()
    if len(raw) > max_bytes:
        return None, [Problem(rel_path, 1, 1, f"the file is {len(raw):,} bytes; the limit is {max_bytes:,}. Split it or shorten it.")]
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(rel_path, line, col, f"byte 0x{raw[error.start]:02x} is not UTF-8 text; save the file as UTF-8.")]
    source = source.removeprefix("\ufeff")
    # One search of the whole text clears most files; only a file with a suspect character is checked line by line.
    if "\t" in source or _REFUSED_CHARACTER.search(source):
        lines = _LINE_BREAK.split(source)
        problems = _refused_characters(lines, rel_path) + _tab_indents(lines, rel_path)
        if problems:
            return None, problems
    builder = _TreeBuilder(rel_path)
    try:
        root = builder.build(source)
    except yaml.MarkedYAMLError as error:
        # A scanner's context mark is where the broken token began (an unclosed quote), where the fix goes.
        scanning = isinstance(error, yaml.scanner.ScannerError) and error.context_mark
        mark = error.context_mark if scanning else error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(filter(None, [error.problem, error.context])) or "the text is not valid YAML"
        hint = " (check the indentation, and put text in quotes when it starts with {, [ or a quote, or contains ': ')"
        return None, [Problem(rel_path, line, col, f"YAML syntax error: {what}{hint}.")]
    if root is None:
        builder.problems.append(Problem(rel_path, 1, 1, "the file is empty; it needs at least the required keys."))
    return YamlFile(rel_path, source, root), builder.problems


def _refused_characters(lines: list[str], rel_path: str) -> list[Problem]:
    """Every character YAML refuses to read (the parser would stop at the first, without a position we can trust)."""
    problems = []
    for number, text in enumerate(lines, start=1):
        for match in _REFUSED_CHARACTER.finditer(text):
            code = ord(match.group())
            problems.append(Problem(rel_path, number, match.start() + 1, f"character {_describe(code)} is not allowed in a YAML file; delete it (it is invisible in most editors)."))
    return problems


def _describe(code: int) -> str:
    if code < len(_CONTROL_NAMES):
        return f"U+{code:04X} ({_CONTROL_NAMES[code]}, a control character)"
    if code == 0x7F or 0x80 <= code <= 0x9F:
        return f"U+{code:04X} (a control character)"
    return f"U+{code:04X} (not a character)"


def _tab_indents(lines: list[str], rel_path: str) -> list[Problem]:
    problems = []
    for number, text in enumerate(lines, start=1):
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(rel_path, number, indent.index("\t") + 1, "indented with a tab; YAML needs spaces for indentation."))
    return problems


class _TreeBuilder:
    """Turns libyaml's event stream into Scalar/Mapping/Sequence nodes, noting refusals.

    It pulls events from the parser itself (no generator, exact type tests): the build reads every data file this way,
    so this loop is most of what a file costs to read.
    """

    def __init__(self, rel_path: str):
        self.rel_path = rel_path
        self.problems: list[Problem] = []

    def _refuse(self, event, message: str) -> None:
        mark = event.start_mark
        self.problems.append(Problem(self.rel_path, mark.line + 1, mark.column + 1, message))

    def build(self, source: str) -> Node | None:
        parser = _Parser(source)
        try:
            return self._stream(parser.get_event)
        finally:
            parser.dispose()

    def _stream(self, next_event) -> Node | None:
        root = None
        documents = 0
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents == 2:
                    self._refuse(event, "a second YAML document ('---') starts here; keep one document per file.")
            elif kind in _NODE_STARTS:
                node = self._node(event, next_event)
                if documents == 1:
                    root = node
        return root

    def _node(self, event, next_event) -> Node:
        kind = type(event)
        mark = event.start_mark
        # The common case first: a plain or quoted text with no anchor and no tag.
        if kind is _ScalarEvent and event.anchor is None and (event.tag is None or event.tag == "!"):
            return Scalar(event.value, event.style or "", mark.line + 1, mark.column + 1, mark.index, event.end_mark.index)
        line, col = mark.line + 1, mark.column + 1
        if kind is yaml.AliasEvent:
            self._refuse(event, f"alias '*{event.anchor}' is not allowed; write the value out in full.")
            return Scalar("", "'", line, col, mark.index, event.end_mark.index)
        if event.anchor is not None:
            self._refuse(event, f"anchor '&{event.anchor}' is not allowed; write each value out in full.")
        if event.tag is not None and not (kind is _ScalarEvent and event.tag == "!"):
            self._refuse(event, f"tag '{event.tag}' is not allowed; remove it (values are plain text).")
        if kind is _ScalarEvent:
            return Scalar(event.value, event.style or "", line, col, mark.index, event.end_mark.index)
        if kind is yaml.SequenceStartEvent:
            sequence = Sequence(line, col)
            items = sequence.items
            while (child := next_event()) is not None and type(child) is not yaml.SequenceEndEvent:
                items.append(self._node(child, next_event))
            return sequence
        mapping = Mapping(line, col)
        entries = mapping.items
        while (key_event := next_event()) is not None and type(key_event) is not yaml.MappingEndEvent:
            key = self._node(key_event, next_event)
            value = self._node(next_event(), next_event)
            if type(key) is not Scalar:
                self._refuse(key_event, "a key must be a plain name, not a list or mapping.")
            elif key.value in entries:
                first = entries[key.value][0]
                self._refuse(key_event, f"key '{key.value}' appears twice (first on line {first.line}); keep only one.")
            else:
                entries[key.value] = (key, value)
        return mapping


_ScalarEvent = yaml.ScalarEvent
_NODE_STARTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)
