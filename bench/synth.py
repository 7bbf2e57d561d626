"""Throw-away copies of the site sources, filled with N synthetic but valid scripts."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

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


def templates(project: Path, setting_id: str) -> list[dict]:
    """The setting's own scripts (its real, valid texts), which synthetic scripts reuse."""
    folder = project / "data" / "scripts" / setting_id
    found = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yml"))] if folder.is_dir() else []
    return [item for item in found if isinstance(item, dict)]


def script_text(index: int, kind: str, ideas: list[str], template: dict | None, rng: random.Random) -> str:
    """One valid script file: a real script's texts under a new title, or plain fallback texts."""
    source = template or {**_FALLBACK, "tone": rng.choice(("soft", "direct")), "audience": "any", "idea": rng.choice(ideas)}
    keys = ("subject", "opener", "close") if kind == "written" else ("opener", "close", "if_yes", "if_not_sure", "if_put_off", "if_no")
    lines = [f"title: {_quoted(f'Synthetic close {index}')}", f"order: {index % 999 + 1}", f"tone: {source['tone']}", f"audience: {source['audience']}", f"idea: {source['idea']}"]
    lines.extend(f"{key}: {_quoted(' '.join(str(source[key]).split()))}" for key in keys)
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_scripts(project: Path, count: int, *, only_setting: str | None = None, seed: int = 7) -> dict[str, int]:
    """Replace the copy's scripts (all of them, or one setting's) with `count` synthetic ones.

    Scripts are spread round-robin across the declared settings unless `only_setting`
    is given. Returns how many scripts each setting folder received.
    """
    settings, ideas = declared(project)
    if only_setting:
        settings = [s for s in settings if s[0] == only_setting]
        if not settings:
            raise SystemExit(f"bench: setting '{only_setting}' is not declared in data/settings.yml")
    folder = project / "data" / "scripts"
    sources = {setting_id: templates(project, setting_id) for setting_id, _ in settings}
    for setting_id, _ in settings:
        shutil.rmtree(folder / setting_id, ignore_errors=True)
        (folder / setting_id).mkdir(parents=True)
    rng = random.Random(seed)
    spread: dict[str, int] = {setting_id: 0 for setting_id, _ in settings}
    for index in range(1, count + 1):
        setting_id, kind = settings[(index - 1) % len(settings)]
        path = folder / setting_id / f"bench-{setting_id}-{index}.yml"
        own = sources[setting_id]
        template = own[(index // len(settings)) % len(own)] if own else None
        path.write_text(script_text(index, kind, ideas, template, rng), encoding="utf-8")
        spread[setting_id] += 1
    return spread


def data_files(project: Path) -> list[Path]:
    """Every YAML file `make check` reads in a copy, declarations and scripts."""
    data = project / "data"
    return sorted(p for p in data.rglob("*.yml") if p.is_file())
