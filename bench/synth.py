"""Throw-away copies of the site sources, filled with N synthetic but valid scripts, each translated into every language."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from macros.library import load_library
from macros.model import Library
from macros.new_language import translation_file
from macros.schema import SCRIPT_RECORDS
from macros.translation_files import DRAFT_KEY, TRANSLATIONS, source_hash, texts_of
from macros.translation_files import languages as translated_languages

ROOT = Path(__file__).resolve().parent.parent

# A synthetic script's title in each language (the rest of a translation is its template's); English where a language has none here.
SYNTHETIC_TITLE = {"en": "Synthetic close", "es": "Cierre sintético"}
# Used only for a setting that has no script of its own to copy from.
_FALLBACK = {
    "opener": "Thank you, {interviewer_name}. I want this {role} job, for three reasons: {strength_a}, {strength_b} and {strength_c}.",
    "close": "Could we set up {next_step} for {time_frame}?",
    "subject": "Thank you, and the next step",
    "if_yes": "Great. Which day suits you?",
    "if_not_sure": "That is fair. What would help you decide?",
    "if_put_off": "Of course. When should I expect to hear?",
    "if_no": "Thank you for being honest. What was missing?",
}


def declared(project: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(setting id, kind) for every declared setting, and every idea id, read from the copy's data."""
    settings = yaml.safe_load((project / "data" / "settings.yml").read_text(encoding="utf-8"))["settings"]
    ideas = yaml.safe_load((project / "data" / "ideas.yml").read_text(encoding="utf-8"))["ideas"]
    return [(s["id"], s["kind"]) for s in settings], [i["id"] for i in ideas]


def templates(project: Path, setting_id: str) -> list[tuple[str, dict]]:
    """The setting's own scripts (its real, valid texts) by id, which synthetic scripts reuse."""
    folder = project / "data" / "scripts" / setting_id
    found = [(path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sorted(folder.glob("*.yml"))] if folder.is_dir() else []
    return [(script_id, item) for script_id, item in found if isinstance(item, dict)]


def script_text(index: int, kind: str, ideas: list[str], template: dict | None, rng: random.Random) -> str:
    """One valid script file: a real script's texts under a new title, or plain fallback texts."""
    source = template or {**_FALLBACK, "tone": rng.choice(("soft", "direct")), "audience": "any", "idea": rng.choice(ideas)}
    keys = ("subject", "opener", "close") if kind == "written" else ("opener", "close", "if_yes", "if_not_sure", "if_put_off", "if_no")
    title = f"{SYNTHETIC_TITLE['en']} {index}"
    lines = [f"title: {_quoted(title)}", f"order: {index % 999 + 1}", f"tone: {source['tone']}", f"audience: {source['audience']}", f"idea: {source['idea']}"]
    lines.extend(f"{key}: {_quoted(' '.join(str(source[key]).split()))}" for key in keys)
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_scripts(project: Path, count: int, *, only_setting: str | None = None, seed: int = 7) -> dict[str, int]:
    """Replace the copy's scripts (all of them, or one setting's) with `count` synthetic ones, and their translations.

    Scripts are spread round-robin across the declared settings unless `only_setting`
    is given. Returns how many scripts each setting folder received.
    """
    settings, ideas = declared(project)
    if only_setting:
        settings = [s for s in settings if s[0] == only_setting]
        if not settings:
            raise SystemExit(f"bench: setting '{only_setting}' is not declared in data/settings.yml")
    languages = [lang for lang in translated_languages(project) if lang != "en"]
    # The real translations of the templates, read before the English they date goes.
    real = load_library(project) if languages else None
    translations = {lang: template_translations(project, lang, [s for s, _ in settings], real) for lang in languages}
    folder = project / "data" / "scripts"
    sources = {setting_id: templates(project, setting_id) for setting_id, _ in settings}
    for setting_id, _ in settings:
        shutil.rmtree(folder / setting_id, ignore_errors=True)
        (folder / setting_id).mkdir(parents=True)
    rng = random.Random(seed)
    spread: dict[str, int] = {setting_id: 0 for setting_id, _ in settings}
    made: list[tuple[str, str, int, str | None]] = []  # (setting, script id, index, template id)
    for index in range(1, count + 1):
        setting_id, kind = settings[(index - 1) % len(settings)]
        script_id = f"bench-{setting_id}-{index}"
        own = sources[setting_id]
        template_id, template = own[(index // len(settings)) % len(own)] if own else (None, None)
        (folder / setting_id / f"{script_id}.yml").write_text(script_text(index, kind, ideas, template, rng), encoding="utf-8")
        spread[setting_id] += 1
        made.append((setting_id, script_id, index, template_id))
    synthetic = load_library(project) if languages else None  # the synthetic scripts as the build reads them, which their hashes date
    for lang in languages:
        write_translations(project, lang, made, [s for s, _ in settings], translations[lang], synthetic)
    return spread


def template_translations(project: Path, lang: str, setting_ids: list[str], english: Library) -> dict[str, dict]:
    """{script id: translated texts} of the settings' real scripts whose translation in `lang` is written and current."""
    found = {}
    for setting_id in setting_ids:
        spec = SCRIPT_RECORDS[english.setting(setting_id).kind]
        for script in english.scripts.get(setting_id, ()):
            path = project / TRANSLATIONS / lang / "data" / "scripts" / setting_id / f"{script.id}.yml"
            texts = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
            if isinstance(texts, dict) and DRAFT_KEY not in texts and str(texts.get("source")) == source_hash(spec, script):
                found[script.id] = texts
    return found


def write_translations(project: Path, lang: str, made: list[tuple[str, str, int, str | None]], setting_ids: list[str], templates_in_lang: dict[str, dict], english: Library) -> None:
    """translations/<lang>/data/scripts/ for the synthetic scripts: each one current (its `source` is the English script's hash),
    in its template's translated texts, so the language's build does the work the English one does."""
    folder = project / TRANSLATIONS / lang / "data" / "scripts"
    for setting_id in setting_ids:
        shutil.rmtree(folder / setting_id, ignore_errors=True)
        (folder / setting_id).mkdir(parents=True)
    scripts = {script.id: script for script in english.all_scripts()}
    for setting_id, script_id, index, template_id in made:
        spec = SCRIPT_RECORDS[english.setting(setting_id).kind]
        script = scripts[script_id]
        texts = texts_of(spec, script)
        translated = templates_in_lang.get(template_id) or {}
        texts.update({key: " ".join(str(translated[key]).split()) for key in texts if key in translated})
        texts["title"] = f"{SYNTHETIC_TITLE.get(lang, SYNTHETIC_TITLE['en'])} {index}"
        (folder / setting_id / f"{script_id}.yml").write_text(translation_file(spec, script, texts), encoding="utf-8")


def data_files(project: Path, lang: str = "en") -> list[Path]:
    """Every YAML file `make check` reads in a copy for a language: declarations and scripts, or their translations."""
    data = project / "data" if lang == "en" else project / TRANSLATIONS / lang / "data"
    return sorted(p for p in data.rglob("*.yml") if p.is_file())
