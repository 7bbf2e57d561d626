"""Check a parsed YAML tree against its definition in `schema.py`.

Every problem is collected (never raised) with its line and column, and the
message says what was expected, what was found, and how to fix it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .problems import Problem
from .schema import BLANK_ID, DraftMarker, Number, Record, RecordList, Spec, Text, TextList
from .strict_yaml import Mapping, Node, Scalar, Sequence, YamlFile, read_yaml

_JINJA = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_BRACE = re.compile(r"\{([^{}\n]*)(\}?)|\}")
_BLANK_ID = re.compile(BLANK_ID)
_KIND = {Scalar: "text", Mapping: "a set of keys", Sequence: "a list"}


@dataclass
class Context:
    """What a file is checked against: the blanks and ideas declared elsewhere."""

    blanks: set[str] | None = None  # None while blanks.yml itself is read
    ideas: set[str] | None = None
    problems: list[Problem] = field(default_factory=list)


def check_file(yfile: YamlFile, spec: Record, context: Context) -> dict | None:
    """The file's values as plain Python, or None where the top level is unusable."""
    if yfile.root is None:
        return None
    return _Checker(yfile, context).record(yfile.root, spec, "")


def read_record_file(path, rel: str, spec: Record, context: Context, max_bytes: int) -> tuple[Mapping, dict] | None:
    """A one-record data file (a script, the prep sheet) read and checked: its top mapping and values, or None where it has problems (each in `context`)."""
    yfile, problems = read_yaml(path, rel, max_bytes=max_bytes)
    context.problems.extend(problems)
    if yfile is None or yfile.root is None:
        return None
    before = len(context.problems)
    values = check_file(yfile, spec, context)
    if values is None or len(context.problems) > before or any(values.get(k) is None for k in spec.required):
        return None
    if not isinstance(yfile.root, Mapping):  # never so once check_file found no problem
        return None
    return yfile.root, values


class _Checker:
    def __init__(self, yfile: YamlFile, context: Context):
        self.yfile = yfile
        self.context = context

    def _report(self, line: int, col: int, message: str) -> None:
        self.context.problems.append(Problem(self.yfile.rel_path, line, col, message))

    def _at(self, node: Node, message: str) -> None:
        self._report(node.line, node.col, message)

    def value(self, node: Node, spec: Spec, name: str):
        if isinstance(spec, Text):
            return self.text(node, spec, name)
        if isinstance(spec, Number):
            return self.number(node, spec, name)
        if isinstance(spec, TextList):
            items = self.sequence(node, name, spec.min_items, spec.max_items)
            return None if items is None else [self.text(item, spec.item, f"{name} item {i}") for i, item in enumerate(items, 1)]
        if isinstance(spec, RecordList):
            items = self.sequence(node, name, spec.min_items, None)
            return None if items is None else [self.record(item, spec.item, f"{name} item {i}") for i, item in enumerate(items, 1)]
        return self.record(node, spec, name)

    def record(self, node: Node, spec: Record, name: str) -> dict | None:
        where = f"{name}: " if name else ""
        if not isinstance(node, Mapping):
            self._at(node, f"{where}expected a set of keys (key: value lines), found {self._describe(node)}.")
            return None
        allowed = spec.fields
        result = {}
        for key, (key_node, value_node) in node.items.items():
            if key not in allowed:
                guess = difflib.get_close_matches(key, allowed, n=1)
                hint = f" Did you mean '{guess[0]}'?" if guess else ""
                self._at(key_node, f"unknown key '{key}'.{hint} Expected one of: {', '.join(allowed)}.")
                continue
            if isinstance(allowed[key], DraftMarker):
                self._at(key_node, f"'{key}': this file is still a draft from `make new-script`; once every text in it is your own, delete this line.")
                continue
            result[key] = self.value(value_node, allowed[key], key)
        for key, key_spec in spec.required.items():
            if key not in node.items:
                self._at(node, f"{where}missing required key '{key}' ({key_spec.help.rstrip('.')}); add a line that starts with '{key}: '.")
        return result

    def sequence(self, node: Node, name: str, min_items: int, max_items: int | None) -> list[Node] | None:
        if not isinstance(node, Sequence):
            self._at(node, f"'{name}': expected a list (lines starting with '- '), found {self._describe(node)}.")
            return None
        if len(node.items) < min_items:
            self._at(node, f"'{name}': expected at least {min_items} item(s), found {len(node.items)}.")
        if max_items is not None and len(node.items) > max_items:
            self._at(node, f"'{name}': expected at most {max_items} items, found {len(node.items)}.")
        return node.items

    def number(self, node: Node, spec: Number, name: str) -> int | None:
        if not isinstance(node, Scalar) or node.style or node.implicit_type() != "a number" or not re.fullmatch(r"[0-9]+", node.value):
            self._at(node, f"'{name}': expected a whole number from {spec.minimum} to {spec.maximum}, found {self._describe(node)}; write digits only, with no quotes, like 10.")
            return None
        number = int(node.value)
        if not spec.minimum <= number <= spec.maximum:
            self._at(node, f"'{name}': expected a whole number from {spec.minimum} to {spec.maximum}, found {number}.")
        return number

    def text(self, node: Node, spec: Text, name: str) -> str | None:
        if not isinstance(node, Scalar):
            self._at(node, f"'{name}': expected text, found {self._describe(node)}; text that starts with '{{' or '[' must be in quotes.")
            return None
        implicit = node.implicit_type() if not node.style else None  # a quoted or block text is always text
        if implicit == "an empty value" or not node.value.strip():
            self._at(node, f"'{name}' is empty; write the text, or remove the key if it is optional.")
            return None
        if implicit:
            self._at(node, f"'{name}': YAML reads {node.value} as {implicit}, not text; put it in quotes: \"{node.value}\".")
            return None
        value = " ".join(node.value.split())
        found_before = len(self.context.problems)
        self._text_rules(node, value, spec, name)
        if len(self.context.problems) > found_before:
            return None
        return value

    def _text_rules(self, node: Scalar, value: str, spec: Text, name: str) -> None:
        if spec.choices and value not in spec.choices:
            guess = difflib.get_close_matches(value, spec.choices, n=1)
            hint = f" Did you mean '{guess[0]}'?" if guess else ""
            self._at(node, f"'{name}': expected one of {', '.join(spec.choices)}; found '{value}'.{hint}")
            return
        if spec.pattern and not re.fullmatch(spec.pattern, value):
            self._at(node, f"'{name}': expected {spec.pattern_hint}; found '{value}'.")
            return
        if len(value) > spec.max_length:
            self._at(node, f"'{name}' is {len(value)} characters long; the limit is {spec.max_length}. Shorten it.")
        known = getattr(self.context, spec.ids_from) if spec.ids_from else None
        if known is not None and value not in known:
            self._unknown(node, value, known, f"'{name}': unknown {name} '{value}'", f"Known ones are declared in data/{spec.ids_from}.yml.")
        # Every rule below needs a brace or a "<": most texts have neither, and a character test is far cheaper than a search.
        braces = "{" in value or "}" in value
        jinja = _JINJA.search(value) if braces else None
        if jinja:
            self._near(node, jinja.group(), f"'{name}' contains '{jinja.group()}', which the site reserves for its own templates; remove it.")
            return
        html = _HTML.search(value) if "<" in value else None
        if html:
            self._near(node, html.group(), f"'{name}' contains HTML ('{html.group()}...'); script text is plain text, so leave out tags.")
        for match in _BRACE.finditer(value) if braces else ():
            self._brace(node, match, spec, name)

    def _brace(self, node: Scalar, match: re.Match, spec: Text, name: str) -> None:
        whole, inner = match.group(), match.group(1)
        if whole == "}":
            self._near(node, whole, f"'{name}' has a '}}' with no '{{' before it; remove it.")
        elif not match.group(2):
            self._near(node, whole, f"'{name}' has a '{{' that is never closed; write a blank as {{blank_id}}.")
        elif not spec.placeholders:
            self._near(node, whole, f"'{name}' cannot hold blanks like '{whole}'; remove the braces.")
        elif _BLANK_ID.fullmatch(inner):
            if self.context.blanks is not None and inner not in self.context.blanks:
                listed = ", ".join(f"{{{blank}}}" for blank in sorted(self.context.blanks))
                self._unknown(node, inner, self.context.blanks, f"'{name}': unknown blank '{whole}'", f"The blanks are: {listed} (declared in data/blanks.yml).", whole)
        elif _BLANK_ID.fullmatch(inner.strip()):
            self._near(node, whole, f"'{name}': blank '{whole}' has spaces inside the braces; write {{{inner.strip()}}}.")
        else:
            fixed = re.sub(r"[^a-z0-9]+", "_", inner.strip().lower()).strip("_") or "blank_id"
            self._near(node, whole, f"'{name}': '{whole}' is not a valid blank; blank ids are lowercase words joined by underscores, like {{{fixed}}}.")

    def _unknown(self, node: Scalar, value: str, known: set[str], message: str, listing: str, needle: str | None = None) -> None:
        guess = difflib.get_close_matches(value, sorted(known), n=1)
        hint = f" Did you mean '{guess[0]}'?" if guess else ""
        self._near(node, needle or value, f"{message}.{hint} {listing}")

    def _near(self, node: Scalar, needle: str, message: str) -> None:
        self._report(*self.yfile.position(node, needle), message)

    @staticmethod
    def _describe(node: Node) -> str:
        if isinstance(node, Scalar):
            return f"'{node.value}'" if node.value else "nothing"
        return _KIND[type(node)]
