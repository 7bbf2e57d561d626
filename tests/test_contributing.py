"""Contributing by pull request: editor schemas, the scaffold, the guides and the repository's conventions.

What the JSON Schemas can and cannot judge. A schema sees the JSON that a
YAML file turns into. Faults in the YAML itself (a syntax error, tabs,
anchors, aliases, tags, duplicate keys, a second document, bytes that are
not UTF-8, a file over the size limit) happen before, or are lost in, that
conversion, so only the loader reports them; so do rules that compare one
value with another or with other files (an id declared twice, a script name
used twice, file and folder names, an example longer than its blank's
max_length, an idea's page that must exist) and, for numbers, how they are
written (the loader takes digits only; JSON cannot tell 50.0 or 0x32 from 50).
The loader also folds runs of spaces before measuring and comparing, so on a
padded value (' soft ') the schema is the stricter. On everything else the
two agree, and the tests below hold them to it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import CASES, GOOD, ROOT, build_site, with_line

from macros.check import main as check_main
from macros.json_schema import DATA_FILES, generate_schemas, schema_path, schema_text, stale_schemas
from macros.library import MAX_FILE_BYTES
from macros.scaffold import write_new_script
from macros.schema import SCRIPT_RECORDS, SPOKEN_SCRIPT, WRITTEN_SCRIPT
from macros.strict_yaml import read_yaml
from macros.validate import Context, check_file

SPEC_FOR = {"spoken-script": SPOKEN_SCRIPT, "written-script": WRITTEN_SCRIPT}
GOLDEN = ROOT / "tests" / "fixtures" / "golden-library"
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
EXAMPLE_PATH = "data/scripts/phone/keen-to-meet-the-team.yml"
GUIDES = (ROOT / "CONTRIBUTING.md", ROOT / "docs" / "contribute.md")

# Faults a schema cannot see: each reason says why (see the module docstring).
YAML_LEVEL = {
    "yaml syntax": "no JSON exists to judge",
    "tab indentation": "no JSON exists to judge",
    "not utf-8": "no JSON exists to judge",
    "two documents": "no JSON exists to judge",
    "nul character": "no JSON exists to judge",
    "bel character": "no JSON exists to judge",
    "esc character": "no JSON exists to judge",
    "c1 control character": "no JSON exists to judge",
    "noncharacter": "no JSON exists to judge",
    "duplicate key": "YAML keeps one of the two keys; the JSON has no trace of the other",
    "anchor": "an anchor leaves no trace in the JSON",
    "alias": "an alias becomes a copy of the value in the JSON",
    "tag": "!!str gives the same JSON string as plain text",
    "too big": "the file's size is not part of its JSON",
}

GOOD_WRITTEN = """\
title: A good message
order: 50
tone: soft
audience: any
idea: three-reasons
subject: Thank you, {interviewer_name}
opener: Thank you for today. I want this {role} job.
close: Can we book {next_step} for {time_frame}? {your_name}
"""

# Inputs the loader and the schema must judge alike; the verdict comes from the loader, never from here.
EDGE_CASES = {
    "good spoken": ("spoken-script", GOOD),
    "good written": ("written-script", GOOD_WRITTEN),
    "less-than sign in words": ("spoken-script", with_line("title", "'1 < 2, and 3 > 2'")),
    "html with a space": ("spoken-script", with_line("title", "'Hi < b>there'")),
    "html closing tag": ("spoken-script", with_line("close", "Hi</p>")),
    "html comment": ("spoken-script", with_line("close", "Hi <!-- x -->")),
    "unicode text": ("spoken-script", with_line("title", "Café, naïve, 今日は")),
    "quoted no is text": ("spoken-script", with_line("if_no", '"no"')),
    "quoted number is text": ("spoken-script", with_line("title", '"0755"')),
    "title at the limit": ("spoken-script", with_line("title", "x" * 70)),
    "title over the limit": ("spoken-script", with_line("title", "x" * 71)),
    "close over the limit": ("spoken-script", with_line("close", "word " * 60)),
    "order zero": ("spoken-script", with_line("order", "0")),
    "order at the maximum": ("spoken-script", with_line("order", "999")),
    "order over the maximum": ("spoken-script", with_line("order", "1000")),
    "quoted order": ("spoken-script", with_line("order", '"50"')),
    "negative order": ("spoken-script", with_line("order", "-5")),
    "empty text": ("spoken-script", with_line("close", "''")),
    "blank text": ("spoken-script", with_line("close", "'   '")),
    "null text": ("spoken-script", with_line("close", "")),
    "two blanks side by side": ("spoken-script", with_line("close", "'{role}{company}?'")),
    "blank in a title": ("spoken-script", with_line("title", "Hello {role}")),
    "braces in a title": ("spoken-script", with_line("title", "'{}'")),
    "empty braces in text": ("spoken-script", with_line("close", "Can we {} meet?")),
    "closing jinja": ("spoken-script", with_line("close", "Can we meet %}")),
    "double closing brace": ("spoken-script", with_line("close", "Can we meet {role}}")),
    "folded text with blanks": ("spoken-script", with_line("opener", ">-\n  Thank you, {interviewer_name}.\n  I want this {role} job.")),
    "unknown tone": ("spoken-script", with_line("tone", "Soft")),
    "idea not a slug": ("spoken-script", with_line("idea", "Three Reasons")),
    "unknown key": ("spoken-script", GOOD + "notes: hi\n"),
    "subject in a spoken script": ("spoken-script", GOOD + "subject: Hi\n"),
    "answers in a written script": ("written-script", GOOD_WRITTEN + "if_yes: Great.\n"),
    "written without subject": ("written-script", GOOD_WRITTEN.replace("subject: Thank you, {interviewer_name}\n", "")),
    "list where text goes": ("spoken-script", with_line("close", "\n  - Can we meet?")),
    "mapping where text goes": ("spoken-script", with_line("close", "\n  text: Can we meet?")),
    "a list at the top": ("spoken-script", "- " + GOOD.replace("\n", "\n  ").rstrip() + "\n"),
    "true as a title": ("spoken-script", with_line("title", "true")),
    "a float order": ("spoken-script", with_line("order", "5.5")),
}


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    return generate_schemas(ROOT)


@pytest.fixture(scope="module")
def declared() -> dict[str, set[str]]:
    """The blank and idea ids the loader checks scripts against."""
    from macros.json_schema import declared_ids

    ids = declared_ids(ROOT)
    return {key: set(values) for key, values in ids.items()}


def json_of(text: str | bytes):
    """What an editor's schema check sees: the file as JSON (PyYAML's YAML 1.1 typing, as the loader's)."""
    return yaml.safe_load(text)


def schema_errors(schema: dict, instance) -> list[str]:
    return [error.message for error in jsonschema.Draft7Validator(schema).iter_errors(instance)]


def loader_problems(tmp_path: Path, content: str | bytes, name: str, declared: dict[str, set[str]]) -> list[str]:
    """What `make check` says about one script file's content (the same steps as library._load_script)."""
    path = tmp_path / "script.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    yfile, problems = read_yaml(path, "script.yml", max_bytes=MAX_FILE_BYTES)
    context = Context(blanks=declared["blanks"], ideas=declared["ideas"], problems=list(problems))
    if yfile is not None and yfile.root is not None:
        check_file(yfile, SPEC_FOR[name], context)
    return [str(problem) for problem in context.problems]


def data_files(root: Path) -> list[tuple[Path, str]]:
    """Every data file under root/data with the schema name it must follow."""
    kinds = {row["id"]: row["kind"] for row in yaml.safe_load((root / "data" / "settings.yml").read_text())["settings"]}
    files = [(root / "data" / f"{name}.yml", name) for name in ("blanks", "settings", "ideas")]
    for path in sorted((root / "data" / "scripts").glob("*/*.yml")):
        files.append((path, "spoken-script" if kinds.get(path.parent.name) == "spoken" else "written-script"))
    if (root / "data" / "prep-sheet.yml").is_file():
        files.append((root / "data" / "prep-sheet.yml", "prep-sheet"))
    return files


# --- The schemas --------------------------------------------------------------


def test_each_generated_schema_is_a_valid_draft_7_schema(schemas):
    assert set(schemas) == set(DATA_FILES) == {"blanks", "settings", "ideas", "spoken-script", "written-script", "prep-sheet"}
    for schema in schemas.values():
        jsonschema.Draft7Validator.check_schema(schema)


def test_committed_schemas_equal_freshly_generated_ones(schemas):
    stale = stale_schemas(ROOT)
    assert not stale, f"out of date: {stale}; run `make schemas` and commit the result"
    for name, schema in schemas.items():
        assert (ROOT / schema_path(name)).read_text(encoding="utf-8") == schema_text(schema)


def test_the_staleness_check_notices_a_changed_schema(project):
    path = project / schema_path("ideas")
    path.write_text(path.read_text(encoding="utf-8").replace('"ideas"', '"idea"', 1), encoding="utf-8")
    assert stale_schemas(project) == [schema_path("ideas")]


def test_schemas_offer_the_declared_ids_for_completion(schemas, declared):
    idea = schemas["spoken-script"]["properties"]["idea"]
    assert set(idea["enum"]) == declared["ideas"]
    opener_rules = " ".join(rule["pattern"] for rule in schemas["spoken-script"]["properties"]["opener"]["allOf"])
    for blank_id in declared["blanks"]:
        assert blank_id in opener_rules
        assert f"{{{blank_id}}}" in schemas["written-script"]["properties"]["subject"]["description"]


def test_every_data_file_names_its_schema_on_its_first_line():
    wrong = []
    for path, name in data_files(ROOT):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = SCHEMA_LINE.match(first)
        target = (path.parent / match.group(1)).resolve() if match else None
        if target != (ROOT / schema_path(name)).resolve():
            wrong.append(f"{path.relative_to(ROOT)}: first line should be '# yaml-language-server: $schema=...{schema_path(name)}', found {first!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("root", [ROOT, GOLDEN], ids=["repository", "golden-fixture"])
def test_the_schema_accepts_every_data_file(root):
    schemas = generate_schemas(root)
    failures = []
    for path, name in data_files(root):
        for message in schema_errors(schemas[name], json_of(path.read_text(encoding="utf-8"))):
            failures.append(f"{path.relative_to(root)}: {message}")
    assert len(data_files(root)) > 3
    assert not failures, "\n".join(failures)


JSON_CASES = [case for case in CASES if case not in YAML_LEVEL]


@pytest.mark.parametrize("case", JSON_CASES)
def test_the_schema_rejects_each_bad_input_fixture_of_the_loader(tmp_path, schemas, declared, case):
    content = CASES[case][0]
    assert loader_problems(tmp_path, content, "spoken-script", declared), "the loader should refuse this fixture"
    assert schema_errors(schemas["spoken-script"], json_of(content)), "the schema should refuse this fixture too"


@pytest.mark.parametrize("case", sorted(YAML_LEVEL))
def test_yaml_level_faults_are_the_loaders_alone(tmp_path, schemas, declared, case):
    """The loader refuses these; the schema cannot see them (if it starts to, move the case to JSON_CASES)."""
    content = CASES[case][0]
    assert loader_problems(tmp_path, content, "spoken-script", declared)
    try:
        instance = json_of(content)
    except (yaml.YAMLError, UnicodeDecodeError):
        return
    assert schema_errors(schemas["spoken-script"], instance) == [], YAML_LEVEL[case]


def test_every_loader_fixture_is_classified():
    assert set(JSON_CASES) | set(YAML_LEVEL) == set(CASES)
    assert set(YAML_LEVEL) <= set(CASES)


@pytest.mark.parametrize("case", EDGE_CASES)
def test_schema_and_loader_agree(tmp_path, schemas, declared, case):
    name, content = EDGE_CASES[case]
    problems = loader_problems(tmp_path, content, name, declared)
    errors = schema_errors(schemas[name], json_of(content))
    assert bool(problems) == bool(errors), f"loader: {problems or 'accepts'}\nschema: {errors or 'accepts'}"


def test_the_edge_cases_hold_both_verdicts(tmp_path, declared):
    verdicts = {bool(loader_problems(tmp_path, content, name, declared)) for name, content in EDGE_CASES.values()}
    assert verdicts == {True, False}


def _patterns(schema) -> list[str]:
    if isinstance(schema, dict):
        own = [schema["pattern"]] if "pattern" in schema else []
        return own + [p for value in schema.values() for p in _patterns(value)]
    if isinstance(schema, list):
        return [p for item in schema for p in _patterns(item)]
    return []


def _sample_texts() -> list[str]:
    texts = []
    for content in [c for c, _, _ in CASES.values()] + [c for _, c in EDGE_CASES.values()]:
        try:
            instance = json_of(content)
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(instance, dict):
            texts += [value for value in instance.values() if isinstance(value, str)]
    return sorted(set(texts)) + ["", "   ", "a\n", " a ", "a\nb", "phone", "face-to-face", "interviewer_name", "Role", "guide/why-close.md"]


@pytest.mark.browser
def test_every_pattern_means_the_same_in_an_editors_javascript(browser, schemas):
    """Editors run the patterns as JavaScript regular expressions (unicode mode); Python must read them alike."""
    patterns = sorted({p for schema in schemas.values() for p in _patterns(schema)})
    texts = _sample_texts()
    page = browser.new_page()
    try:
        js = page.evaluate(
            "([patterns, texts]) => patterns.map(p => { const r = new RegExp(p, 'u'); return texts.map(t => r.test(t)); })",
            [patterns, texts],
        )
    finally:
        page.close()
    python = [[re.search(p, t) is not None for t in texts] for p in patterns]
    differences = [(p, t) for p, js_row, py_row in zip(patterns, js, python, strict=True) for t, a, b in zip(texts, js_row, py_row, strict=True) if a != b]
    assert len(patterns) >= 5 and len(texts) >= 30
    assert not differences, differences[:5]


# --- The scaffold ---------------------------------------------------------------


def _settings(root: Path) -> list[dict]:
    return yaml.safe_load((root / "data" / "settings.yml").read_text())["settings"]


DRAFT_REFUSED = "1:1: 'draft': this file is still a draft from `make new-script`; once every text in it is your own, delete this line."


def without_draft_marker(path: Path) -> None:
    """What a contributor does once the text is theirs: delete the marker's line, keeping every other line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    markers = [line for line in lines if line.startswith("draft:")]
    assert len(markers) == 1, markers
    path.write_text("".join(line for line in lines if line not in markers), encoding="utf-8")


def draft_line(path: Path, project: Path) -> str:
    """The one line `make check` must print for an untouched scaffold: the file, the marker's line and column, the message."""
    line = path.read_text(encoding="utf-8").splitlines().index(SCRIPT_RECORDS["spoken"].fields["draft"].line) + 1
    return f"{path.relative_to(project).as_posix()}:{DRAFT_REFUSED.replace('1:1', f'{line}:1', 1)}"


def test_the_scaffold_fails_the_check_only_for_its_draft_marker_in_every_setting(project, capsys):
    schemas = generate_schemas(project)
    paths: dict[Path, str] = {}
    for setting in _settings(project):
        path = write_new_script(project, setting["id"], f"scaffolded-{setting['id']}")
        text = path.read_text(encoding="utf-8")
        name = "spoken-script" if setting["kind"] == "spoken" else "written-script"
        assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../../{schema_path(name)}"
        for key in SPEC_FOR[name].fields:
            assert re.search(rf"(?m)^# {key}: (required|optional|only in a file `make new-script` wrote)", text), f"{key} is not explained"
            assert re.search(rf"(?m)^{key}:", text), f"{key} has no value"
        assert "# delete this line when your script is ready" in text
        # The editor underlines the marker, and nothing else.
        assert len(schema_errors(schemas[name], json_of(text))) == 1
        paths[path] = name
    assert check_main([str(project)]) == 1
    assert capsys.readouterr().err.splitlines() == [*sorted(draft_line(path, project) for path in paths), f"{len(paths)} problems found in the data files."]
    for path, name in paths.items():
        without_draft_marker(path)
        assert schema_errors(schemas[name], json_of(path.read_text(encoding="utf-8"))) == []
    code = check_main([str(project)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.startswith("All data is valid")


def test_scaffolded_scripts_appear_on_their_pages_after_a_build(project, tmp_path):
    names = {setting["id"]: f"scaffolded-{setting['id']}" for setting in _settings(project)}
    for setting_id, name in names.items():
        without_draft_marker(write_new_script(project, setting_id, name))
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for setting_id, name in names.items():
        page = (tmp_path / "site" / "scripts" / setting_id / "index.html").read_text(encoding="utf-8")
        assert f'data-script="{name}"' in page and f'id="{name}"' in page, setting_id
        assert name.replace("-", " ").capitalize() in page


@pytest.fixture
def make_project(project) -> Path:
    """A project a contributor could run `make` in: the real Makefile, and the repository's virtual environment."""
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copy2(ROOT / "requirements.lock", project / "requirements.lock")
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def run_make(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAKE")}
    # -o: the shared .venv is already set up; never reinstall into it from a test.
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", *args], cwd=project, capture_output=True, text=True, timeout=60, env=env)


def _script_files(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in (project / "data" / "scripts").rglob("*"))


def test_make_new_script_output_fails_make_check_until_its_draft_marker_is_deleted(make_project):
    result = run_make(make_project, "new-script", "SETTING=video-call", "NAME=brand-new-close")
    assert result.returncode == 0, result.stderr
    assert "data/scripts/video-call/brand-new-close.yml" in result.stdout
    path = make_project / "data" / "scripts" / "video-call" / "brand-new-close.yml"
    untouched = run_make(make_project, "check")
    assert untouched.returncode != 0
    ours = [line for line in untouched.stderr.splitlines() if not line.startswith("make: ***")]
    assert ours == [draft_line(path, make_project), "1 problem found in the data files."], untouched.stderr
    without_draft_marker(path)
    ready = run_make(make_project, "check")
    assert ready.returncode == 0, ready.stderr
    assert "All data is valid" in ready.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("SETTING=fone", "NAME=my-close"), "unknown setting 'fone'. Did you mean 'phone'? Use one of: phone, face-to-face"),
        (("SETTING=video-call", "NAME=reasons-then-meeting"), "a script named 'reasons-then-meeting' already exists (data/scripts/phone/reasons-then-meeting.yml)"),
        (("SETTING=phone", "NAME=My Close"), "the name 'My Close' must be lowercase words joined by hyphens"),
        (("NAME=my-close",), "say which setting the script is for"),
        (("SETTING=phone",), "give the script a name"),
    ],
    ids=["unknown setting", "existing name", "bad name", "no setting", "no name"],
)
def test_make_new_script_refuses_with_one_clear_line(make_project, args, message):
    before = _script_files(make_project)
    result = run_make(make_project, "new-script", *args)
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    assert len(ours) == 1 and ours[0].startswith(f"make new-script: {message}"), result.stderr
    assert "Traceback" not in result.stderr
    assert _script_files(make_project) == before


def test_make_schemas_rewrites_a_stale_schema(make_project):
    path = make_project / schema_path("blanks")
    path.write_text("{}\n", encoding="utf-8")
    result = run_make(make_project, "schemas")
    assert result.returncode == 0, result.stderr
    assert stale_schemas(make_project) == []


# --- The guides -----------------------------------------------------------------


def _block(text: str, after: str) -> str:
    """The first fenced block after a heading (any language: the site shows them unhighlighted)."""
    match = re.compile(r"```[a-z]*\n(.*?)```", re.S).search(text, text.index(after))
    assert match, f"no fenced block after {after!r}"
    return match.group(1)


def test_the_worked_example_is_the_same_in_both_guides_and_passes_the_check(project, capsys):
    examples = {_block(path.read_text(encoding="utf-8"), "## A worked example") for path in GUIDES}
    assert len(examples) == 1, "CONTRIBUTING.md and docs/contribute.md show different worked examples"
    example = examples.pop()
    (project / EXAMPLE_PATH).write_text(example, encoding="utf-8")
    assert check_main([str(project)]) == 0, capsys.readouterr().err
    assert schema_errors(generate_schemas(project)["spoken-script"], json_of(example)) == []


def test_the_sample_error_in_the_guides_is_what_make_check_prints(project, capsys):
    example = _block(GUIDES[0].read_text(encoding="utf-8"), "## A worked example")
    (project / EXAMPLE_PATH).write_text(example.replace("idea: name-a-time-frame", "idea: name-a-timeframe"), encoding="utf-8")
    assert check_main([str(project)]) == 1
    printed = capsys.readouterr().err
    for guide in GUIDES:
        assert _block(guide.read_text(encoding="utf-8"), "misspelt its idea") == printed, guide.name


def test_the_field_table_in_contributing_matches_the_schema():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            for key in re.findall(r"`([a-z_]+)`", cells[0]):
                rows[key] = cells[2]
    fields = {**SPOKEN_SCRIPT.fields, **WRITTEN_SCRIPT.fields}
    assert set(rows) == set(fields)
    for key, cell in rows.items():
        limit = re.search(r"at most (\d+)", cell)
        if limit:
            assert int(limit.group(1)) == fields[key].max_length, key


def test_make_serve_rebuilds_when_a_data_file_is_saved():
    """The guide promises the preview reloads on save; MkDocs watches only docs/ unless told."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert str(ROOT / "data") in [str(Path(path)) for path in config.watch]


def test_the_contribute_page_lists_every_blank_idea_and_setting(built_site, declared):
    page = (built_site / "contribute" / "index.html").read_text(encoding="utf-8")
    for blank_id in declared["blanks"]:
        assert f"<code>{{{blank_id}}}</code>" in page
    for idea_id in declared["ideas"]:
        assert f"<code>{idea_id}</code>" in page
    for setting in _settings(ROOT):
        assert f"<code>{setting['id']}</code>" in page


@pytest.mark.browser
def test_the_contribute_page_is_accessible(page, site_url):
    from helpers import axe_violations

    page.goto(site_url + "contribute/")
    assert page.locator("h1").inner_text().startswith("Contribute a script")
    assert axe_violations(page) == []
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


@pytest.mark.browser
def test_the_contribute_page_fits_a_phone(phone_page, site_url):
    """Only code blocks may scroll sideways (by swiping); the page itself never does."""
    phone_page.goto(site_url + "contribute/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    wide = phone_page.evaluate(
        "[...document.querySelectorAll('article *')].filter(e => !e.closest('pre') && e.getBoundingClientRect().right > 361).map(e => e.tagName)"
    )
    assert wide == []
    assert phone_page.watch.console_errors == [] and phone_page.watch.foreign_requests == []


# --- The repository's conventions --------------------------------------------------


def _workflows() -> dict[str, tuple[str, dict]]:
    found = {path.name: (path.read_text(encoding="utf-8"), yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sorted(WORKFLOWS.glob("*.y*ml"))}
    assert found, "no workflows"
    return found


def _triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def unpinned_actions(text: str) -> list[str]:
    """Each `uses:` not pinned to a full 40-hex commit SHA with its version in a comment."""
    bad = []
    for match in re.finditer(r"(?m)^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", text):
        target, rest = match.group(1).strip("'\""), match.group(2)
        if target.startswith("./"):
            continue  # an action in this repository, pinned by the checkout itself
        if not PINNED.match(target) or not re.search(r"#\s*v\d", rest):
            bad.append(match.group(0).strip())
    return bad


def test_the_pin_check_can_fail():
    sample = "steps:\n  - uses: actions/checkout@v4\n  - uses: actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b\n"
    assert len(unpinned_actions(sample)) == 2
    assert unpinned_actions("  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n") == []


def test_every_action_is_pinned_to_a_full_commit_sha():
    for name, (text, workflow) in _workflows().items():
        assert unpinned_actions(text) == [], name
        uses = [step["uses"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "uses" in step]
        uses += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
        assert uses and all(PINNED.match(target) for target in uses), (name, uses)


def test_no_workflow_uses_pull_request_target():
    for name, (text, workflow) in _workflows().items():
        assert "pull_request_target" not in _triggers(workflow), name
        code = "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in text.splitlines())  # comments may name it
        assert "pull_request_target" not in code, name


def test_the_pull_request_workflow_runs_make_test_and_uploads_the_site():
    workflows = [(name, wf) for name, (_, wf) in _workflows().items() if "pull_request" in _triggers(wf)]
    assert len(workflows) == 1, [name for name, _ in workflows]
    name, workflow = workflows[0]
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    runs = [step.get("run", "") for step in steps]
    assert any(re.search(r"(?m)^\s*make test\s*$", run) for run in runs), name
    assert any(re.search(r"(?m)^\s*make build\s*$", run) for run in runs), name
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site", name
    assert workflow["permissions"] == {"contents": "read"}, name
    assert re.search(r"(?m)^build:.*\n\t.*mkdocs build --strict", (ROOT / "Makefile").read_text()), "make build must run mkdocs build --strict"


def test_the_deploy_workflow_builds_strictly_then_deploys_with_least_privilege():
    deploys = [(name, wf) for name, (_, wf) in _workflows().items() if any("deploy-pages" in str(job) for job in wf["jobs"].values())]
    assert len(deploys) == 1
    name, workflow = deploys[0]
    assert "pull_request" not in _triggers(workflow) and "push" in _triggers(workflow)
    assert workflow.get("permissions") in ({}, {"contents": "read"}), name
    jobs = workflow["jobs"]
    builders = [job_id for job_id, job in jobs.items() if any("mkdocs build --strict" in step.get("run", "") for step in job.get("steps", []))]
    deployers = [job_id for job_id, job in jobs.items() if any("actions/deploy-pages@" in step.get("uses", "") for step in job.get("steps", []))]
    assert len(builders) == 1 and len(deployers) == 1 and builders != deployers
    build, deploy = jobs[builders[0]], jobs[deployers[0]]
    assert build["permissions"] == {"contents": "read"}
    assert any("actions/upload-pages-artifact@" in step.get("uses", "") for step in build["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] in (builders[0], [builders[0]])
    assert deploy["environment"]["name"] == "github-pages"


def test_dependabot_watches_pip_and_github_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert {update["package-ecosystem"] for update in config["updates"]} >= {"pip", "github-actions"}


FORMS = {"suggest-script.yml": "Suggest a script", "report-problem.yml": "Report a problem", "suggest-translation.yml": "Suggest a translation"}
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("form", FORMS)
def test_issue_forms_are_well_formed(form):
    data = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / form).read_text(encoding="utf-8"))
    assert data["name"] == FORMS[form] and data["description"]
    ids = []
    for item in data["body"]:
        assert item["type"] in FORM_TYPES, item
        if item["type"] == "markdown":
            assert item["attributes"]["value"].strip()
            continue
        ids.append(item["id"])
        assert item["attributes"]["label"].strip()
        if item["type"] in ("dropdown", "checkboxes"):
            options = item["attributes"]["options"]
            labels = [o["label"] if isinstance(o, dict) else o for o in options]
            assert labels and len(set(labels)) == len(labels)
    assert ids and len(set(ids)) == len(ids)
    assert any(item.get("validations", {}).get("required") for item in data["body"] if item["type"] != "markdown")


def test_the_script_form_offers_exactly_the_declared_settings():
    data = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-script.yml").read_text(encoding="utf-8"))
    setting = next(item for item in data["body"] if item.get("id") == "setting")
    assert setting["attributes"]["options"] == [s["title"] for s in _settings(ROOT)]


def test_the_pull_request_template_has_a_reviewer_checklist():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    reviewer = text[text.index("## Checklist for the reviewer"):]
    boxes = re.findall(r"(?m)^- \[ \] (.+)$", reviewer)
    assert len(boxes) >= 6
    for needed in ("site-preview", "make test", "pull_request_target", "not for the job"):
        assert needed in reviewer, needed
    assert "make check" in text
